// Faults on Lark's side, through the real SDK client against the simulator: bursts of 429s with
// x-ogw-ratelimit-reset, 5xx (some after Lark acted), responses that never arrive after Lark
// accepted the message, a tenant token revoked mid-run — alone and all at once. "Exactly once" is
// read from the simulator's own log: one stored message per outbox row, found by the row's uuid.
import { afterEach, describe, expect, it } from 'vitest';
import { larkUuid } from '../../src/app/lark/run-outbox.ts';
import { enqueueMessage } from '../../src/app/timers/enqueue-message.ts';
import type { SimApiCall } from '../../src/sandbox/simulator/simulator-state.ts';
import { at } from '../helpers/engine-fixture.ts';
import { startChannel, type Channel } from '../helpers/lark-channel-fixture.ts';

let channel: Channel | undefined;
afterEach(async () => channel?.close());

async function enqueue(c: Channel, count: number, chats: string[], prefix = 'fault') {
  await c.campaign.db.prisma.$transaction(async (tx) => {
    for (let i = 0; i < count; i++)
      await enqueueMessage(
        tx,
        `${prefix}:${i}`,
        { kind: 'chat', larkId: chats[i % chats.length]! },
        { type: 'text', text: `${prefix} 第 ${i} 条` },
        c.clock.now(),
      );
  });
}

/** Runs the outbox until nothing is left, moving the clock `stepMs` between runs (and revoking the token on cue). */
async function drain(c: Channel, stepMs: number, options: { rounds?: number; revokeAtRounds?: number[] } = {}) {
  for (let r = 0; r < (options.rounds ?? 1000); r++) {
    if (options.revokeAtRounds?.includes(r)) c.sim.revokeTokens();
    await c.sendOutbox();
    const left = await c.campaign.db.prisma.outboxMessage.count({ where: { status: { in: ['pending', 'sending'] } } });
    if (left === 0) return;
    c.clock.advance(stepMs);
  }
  throw new Error('outbox did not drain');
}

/** Calls to the rate-limited Open API (everything but the token endpoint), in the order they arrived. */
const apiCalls = (c: Channel): SimApiCall[] =>
  c.sim.state.calls.filter((call) => call.path.startsWith('/open-apis/im/')).sort((a, b) => a.seq! - b.seq!);

/** After each 429, no API call before the reset it named: the client waited instead of hammering. */
function expectResetsHonoured(calls: SimApiCall[]) {
  calls.forEach((call, i) => {
    if (call.status !== 429 || call.rateLimitReset === undefined) return;
    const earliest = call.at + call.rateLimitReset * 1000;
    const early = calls.slice(i + 1).filter((later) => later.at < earliest);
    expect(early, `calls within ${call.rateLimitReset} s of a 429 at ${new Date(call.at).toISOString()}`).toEqual([]);
  });
}

/** One simulator message per outbox row, matched by the row's uuid; nothing else from the bot. */
async function expectEachRowDeliveredOnce(c: Channel, chats: string[]) {
  const rows = await c.campaign.db.prisma.outboxMessage.findMany();
  const delivered = chats.flatMap((chat) => c.sim.messagesIn(chat)).filter((m) => m.sender.type === 'app');
  expect(rows.every((r) => r.status === 'sent')).toBe(true);
  expect(delivered).toHaveLength(rows.length);
  expect(c.sim.state.counters.messagesCreated).toBe(rows.length);
  const byUuid = new Map(delivered.map((m) => [m.uuid, m]));
  expect(byUuid.size).toBe(rows.length);
  for (const row of rows) expect(byUuid.get(larkUuid(row.idempotencyKey))?.messageId).toBe(row.larkMessageId);
}

describe('Lark faults', () => {
  it('waits out each 429 burst until x-ogw-ratelimit-reset: one throttled call per burst, then everything delivered once', async () => {
    channel = await startChannel({ openedAt: at('2025-10-14 09:00'), households: 1 });
    const chats = Array.from({ length: 12 }, (_, i) => `oc_burst${i}`);
    for (const chatId of chats) channel.sim.addChat({ chatId, name: chatId, members: [] });
    await enqueue(channel, 60, chats);
    channel.sim.injectFaults({ rateLimitBurst: 0.08, burstMs: 4000, seed: 5 });
    await drain(channel, 500);

    const calls = apiCalls(channel);
    const throttled = calls.filter((c) => c.status === 429);
    expect(throttled.length).toBeGreaterThan(1);
    expect(throttled.every((c) => c.code === 99991400 && c.rateLimitReset !== undefined)).toBe(true);
    expect(throttled.some((c) => c.rateLimitReset! >= 3)).toBe(true); // real bursts, not 1-second blips
    expectResetsHonoured(calls);
    // Each 429 was followed by a gap: no second 429 inside the same burst.
    expect(calls.filter((c, i) => c.status === 429 && calls[i + 1]?.status === 429)).toEqual([]);
    await expectEachRowDeliveredOnce(channel, chats);
  });

  it('refreshes a revoked tenant token and retries the call at once', async () => {
    channel = await startChannel({ openedAt: at('2025-10-14 09:00'), households: 1 });
    channel.sim.addChat({ chatId: 'oc_token', name: 'oc_token', members: [] });
    await enqueue(channel, 2, ['oc_token'], 'before');
    await channel.sendOutbox();
    expect(channel.sim.state.counters.tokensIssued).toBe(1);

    channel.sim.revokeTokens();
    const from = channel.sim.state.calls.length;
    await enqueue(channel, 2, ['oc_token'], 'after');
    await channel.sendOutbox();
    const calls = channel.sim.state.calls.slice(from).map((c) => `${c.method} ${c.path} ${c.status} ${c.code}`);
    expect(calls).toEqual([
      'POST /open-apis/im/v1/messages 200 99991663', // revoked: Lark answers 200 with the code in the body
      'POST /open-apis/auth/v3/tenant_access_token/internal 200 0',
      'POST /open-apis/im/v1/messages 200 0',
      'POST /open-apis/im/v1/messages 200 0',
    ]);
    expect(channel.sim.state.counters.tokensIssued).toBe(2);
    const rows = await channel.campaign.db.prisma.outboxMessage.findMany();
    expect(rows.map((r) => [r.status, r.attempts])).toEqual([
      ['sent', 1],
      ['sent', 1],
      ['sent', 1],
      ['sent', 1],
    ]);
    await expectEachRowDeliveredOnce(channel, ['oc_token']);
  });

  it('all at once — 20% 5xx, 429s and bursts, timeouts after acceptance, the token revoked twice: every message exactly once', async () => {
    channel = await startChannel({ openedAt: at('2025-10-14 09:00'), households: 1, clientTimeoutMs: 150 });
    const chats = Array.from({ length: 24 }, (_, i) => `oc_all${i}`);
    for (const chatId of chats) channel.sim.addChat({ chatId, name: chatId, members: [] });
    await enqueue(channel, 150, chats);
    channel.sim.injectFaults({
      status5xx: 0.2,
      rateLimit429: 0.05,
      rateLimitBurst: 0.03,
      burstMs: 3000,
      timeoutRate: 0.05,
      timeoutMs: 400,
      seed: 2024,
    });
    await drain(channel, 2000, { revokeAtRounds: [1, 6] });

    const calls = apiCalls(channel);
    // Every kind of fault really happened …
    expect(calls.filter((c) => c.fault === '5xx-before').length).toBeGreaterThan(0);
    expect(calls.filter((c) => c.fault === '5xx-after').length).toBeGreaterThan(0); // Lark acted, then failed
    expect(calls.filter((c) => c.fault === 'timeout').length).toBeGreaterThan(0); // Lark acted, answer lost
    expect(calls.some((c) => c.status === 429 && c.rateLimitReset! > 1)).toBe(true);
    expect(calls.filter((c) => c.code === 99991663).length).toBeGreaterThanOrEqual(2);
    expect(channel.sim.state.counters.tokensIssued).toBeGreaterThanOrEqual(3);
    // … the retries of calls Lark had acted on carried the same uuid, so Lark answered with the
    // message it already had instead of sending another …
    expect(channel.sim.state.counters.idempotentReplays).toBeGreaterThan(0);
    // … 429 resets were waited out, and each row is one message in the simulator's log.
    expectResetsHonoured(calls);
    await expectEachRowDeliveredOnce(channel, chats);
  });
});
