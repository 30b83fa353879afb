// Outbox benchmark: how close the sender gets to Lark's per-app limit (50 messages/s) against the
// simulator enforcing it, with no 429 left unhandled and no duplicate. Real clock, real SDK.
// Usage: npm run bench:outbox -- [--messages 1500] [--chats 150]
import os from 'node:os';
import { buildLarkChannel } from '../src/app/lark/build-lark-channel.ts';
import { runOutbox } from '../src/app/lark/run-outbox.ts';
import { enqueueMessage } from '../src/app/timers/enqueue-message.ts';
import { silentLogger } from '../src/core/logger.ts';
import { createLarkClient } from '../src/lark/outbox/create-lark-client.ts';
import { startLarkSimulator } from '../src/sandbox/simulator/start-lark-simulator.ts';
import { createCampaign } from '../test/helpers/engine-fixture.ts';
import { writeResultsSection } from './write-results.ts';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return Number(i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback);
};
const messages = arg('messages', '1500');
const chatCount = arg('chats', '150');
const now = () => new Date();
const campaign = await createCampaign({ households: 1, openedAt: now() });
const sim = await startLarkSimulator({ now, rateLimitScope: 'app' });
const chats = Array.from({ length: chatCount }, (_, i) => `oc_bench${i}`);
for (const chatId of chats) sim.addChat({ chatId, name: chatId, members: [] });
await campaign.db.prisma.$transaction(async (tx) => {
  for (let i = 0; i < messages; i++) {
    const card = {
      schema: '2.0',
      config: { update_multi: true },
      header: { title: { tag: 'plain_text', content: `第 ${i} 条` } },
      body: { elements: [{ tag: 'markdown', content: `消息 ${i}` }] },
    };
    await enqueueMessage(tx, `bench:${i}`, { kind: 'chat', larkId: chats[i % chats.length]! }, { type: 'card', card }, now());
  }
});
const lark = createLarkClient({ appId: sim.appId, appSecret: sim.appSecret, domain: sim.url, now });
const channel = buildLarkChannel({
  engine: campaign.deps,
  lark,
  logger: silentLogger,
  now,
  sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
  botOpenId: () => undefined,
});
const started = performance.now();
while ((await campaign.db.prisma.outboxMessage.count({ where: { status: { not: 'sent' } } })) > 0) {
  await runOutbox(channel.outbox);
  await new Promise((r) => setTimeout(r, 50));
}
const seconds = (performance.now() - started) / 1000;
const delivered = chats.flatMap((c) => sim.messagesIn(c));
const calls = sim.state.calls.filter((c) => c.path.startsWith('/open-apis/im/v1/messages'));
const throttled = calls.filter((c) => c.status === 429 || c.code === 230020).length;
const rate = messages / seconds;
// The fastest Lark allows for this many messages: 50/s, and never more than 1000 in any minute.
const idealSeconds = Math.floor((messages - 1) / 1000) * 60 + ((messages - 1) % 1000) / 50;
const ratio = idealSeconds / seconds;
const body = [
  `Measured ${new Date().toISOString().slice(0, 10)} on ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}; \`npm run bench:outbox\`.`,
  '',
  '| messages | chats | seconds | achieved msg/s | fastest the limits allow (50/s, 1000/min) | ratio to the limit | 429/230020 met | delivered | duplicates |',
  '|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  `| ${messages} | ${chatCount} | ${seconds.toFixed(1)} | ${rate.toFixed(1)} | ${idealSeconds.toFixed(1)} s | **${ratio.toFixed(2)}** (goal ≥ 0.95) | ${throttled} | ${delivered.length} | ${delivered.length - new Set(delivered.map((m) => m.content)).size} |`,
].join('\n');
console.log(body);
writeResultsSection('Outbox send rate', body);
await sim.close();
await campaign.db.cleanup();
