import { afterEach, describe, expect, it } from 'vitest';
import { enqueueMessage } from '../../src/app/timers/enqueue-message.ts';
import { at } from '../helpers/engine-fixture.ts';
import { startChannel, type Channel } from '../helpers/lark-channel-fixture.ts';

let channel: Channel | undefined;
afterEach(async () => channel?.close());

const card = (n: number) => ({
  schema: '2.0',
  config: { update_multi: true },
  header: { title: { tag: 'plain_text', content: `测试消息 ${n}` }, template: 'blue' },
  body: { elements: [{ tag: 'markdown', content: `第 ${n} 条` }] },
});

async function enqueue(c: Channel, count: number, chats: string[]) {
  await c.campaign.db.prisma.$transaction(async (tx) => {
    for (let i = 0; i < count; i++)
      await enqueueMessage(
        tx,
        `test:${i}`,
        { kind: 'chat', larkId: chats[i % chats.length]! },
        { type: 'card', card: card(i) },
        c.clock.now(),
      );
  });
}

/** Runs the outbox until nothing is left to send, moving the shared clock past each retry. */
async function drain(c: Channel, rounds = 200) {
  for (let r = 0; r < rounds; r++) {
    await c.sendOutbox();
    const left = await c.campaign.db.prisma.outboxMessage.count({ where: { status: { in: ['pending', 'sending'] } } });
    if (left === 0) return r;
    c.clock.advance(30_000);
  }
  throw new Error('outbox did not drain');
}

describe('outbox under faults', () => {
  it('delivers every message exactly once with 20% 5xx, 429 bursts and a revoked token', async () => {
    channel = await startChannel({ openedAt: at('2025-10-14 09:00'), households: 1 });
    const chats = Array.from({ length: 12 }, (_, i) => `oc_chat${i}`);
    for (const chatId of chats) channel.sim.addChat({ chatId, name: chatId, members: ['ou_officer'] });
    await enqueue(channel, 240, chats);
    channel.sim.injectFaults({ status5xx: 0.2, rateLimit429: 0.1, seed: 42 });
    await channel.sendOutbox();
    channel.sim.revokeTokens();
    await drain(channel);

    const rows = await channel.campaign.db.prisma.outboxMessage.findMany();
    expect(rows.every((r) => r.status === 'sent' && r.larkMessageId)).toBe(true);
    expect(rows.some((r) => r.attempts > 1)).toBe(true); // faults really happened
    const delivered = chats.flatMap((c) => channel!.sim.messagesIn(c));
    expect(delivered).toHaveLength(240);
    expect(new Set(delivered.map((m) => m.content)).size).toBe(240);
    const calls = channel.sim.state.calls.filter((c) => c.path.startsWith('/open-apis/im/v1/messages'));
    expect(calls.some((c) => c.status === 429)).toBe(true);
    expect(calls.some((c) => c.status >= 500)).toBe(true);
  });

  it('marks a permanent failure with a readable reason (bot not in the chat) and keeps sending the rest', async () => {
    channel = await startChannel({ openedAt: at('2025-10-14 09:00'), households: 1 });
    channel.sim.addChat({ chatId: 'oc_nobot', name: '没有机器人的群', members: ['ou_officer'], botInChat: false });
    await enqueue(channel, 4, ['oc_nobot', 'oc_work']);
    await drain(channel);
    const rows = await channel.campaign.db.prisma.outboxMessage.findMany({ orderBy: { id: 'asc' } });
    expect(rows.map((r) => r.status)).toEqual(['failed', 'sent', 'failed', 'sent']);
    expect(rows[0]?.lastError).toContain('机器人不在该群');
    expect(await channel.campaign.db.prisma.auditEvent.count({ where: { action: 'outbox.failed' } })).toBe(2);
  });

  it('stops sending when the monthly quota is exhausted, says so once, and resumes next month', async () => {
    channel = await startChannel({ openedAt: at('2025-10-14 09:00'), households: 1, monthlyQuota: 6 });
    await enqueue(channel, 10, ['oc_work']);
    await channel.sendOutbox();
    const sent = () => channel!.campaign.db.prisma.outboxMessage.count({ where: { status: 'sent' } });
    const before = await sent();
    expect(before).toBeGreaterThan(0);
    expect(before).toBeLessThan(10);
    expect(await channel.campaign.db.prisma.auditEvent.count({ where: { action: 'outbox.quota_exhausted' } })).toBe(1);
    const callsBefore = channel.sim.state.calls.length;
    channel.clock.advance(60 * 60_000);
    await channel.sendOutbox(); // same month: nothing is even tried
    expect(channel.sim.state.calls.length).toBe(callsBefore);
    expect(await channel.campaign.db.prisma.outboxMessage.count({ where: { status: 'failed' } })).toBe(0);
    channel.clock.set(at('2025-11-01 09:00'));
    await drain(channel);
    expect(await sent()).toBe(10);
    expect(channel.sim.messagesIn('oc_work').filter((m) => m.sender.type === 'app')).toHaveLength(10);
  });
});

describe('outbox and timeouts', () => {
  it('retries calls that time out after Lark accepted them, with the same uuid: no message twice', async () => {
    channel = await startChannel({ openedAt: at('2025-10-14 09:00'), households: 1, clientTimeoutMs: 200 });
    const chats = ['oc_t1', 'oc_t2', 'oc_t3'];
    for (const chatId of chats) channel.sim.addChat({ chatId, name: chatId, members: [] });
    await enqueue(channel, 24, chats);
    channel.sim.injectFaults({ timeoutRate: 0.3, timeoutMs: 600, seed: 3 });
    await drain(channel, 50);
    const delivered = chats.flatMap((c) => channel!.sim.messagesIn(c));
    expect(delivered).toHaveLength(24);
    expect(new Set(delivered.map((m) => m.content)).size).toBe(24);
    expect((await channel.campaign.db.prisma.outboxMessage.findMany()).some((r) => r.attempts > 1)).toBe(true);
  });
});

describe('outbox at volume', () => {
  it('sends more rows in one run than SQLite allows bound parameters (no id list grows with the run)', async () => {
    channel = await startChannel({ openedAt: at('2025-10-14 09:00'), households: 1 });
    const chats = Array.from({ length: 300 }, (_, i) => `oc_vol${i}`);
    for (const chatId of chats) channel.sim.addChat({ chatId, name: chatId, members: [] });
    await enqueue(channel, 1200, chats);
    await drain(channel, 20);
    expect(await channel.campaign.db.prisma.outboxMessage.count({ where: { status: 'sent' } })).toBe(1200);
  });
});
