// What must hold of deliveries after crashes, from the database and the simulator: every
// acknowledged event was processed once (one inbound row, one 已回复 set, one chat.command audit),
// nothing is left half-processed, and every outbox message reached Lark exactly once — one message
// per sent row (its uuid), no message without a row, a buzz or a patch repeated only by a send that
// was retried after a crash (Lark has no idempotency key for those).
import { larkUuid } from '../../src/app/lark/run-outbox.ts';
import type { Db } from '../../src/db/create-prisma.ts';
import type { LarkSimulator } from '../../src/sandbox/simulator/start-lark-simulator.ts';
import type { EventRecord } from './crash-load.ts';

/** Failures that are right, not lost messages: a card refresh, digest or escalation whose cases have all
 * closed before it was sent (and the buzz of such an escalation). */
const expectedFailures = ['卡片上的案件都已结案，无需更新', '没有可发送的内容（案件已结案或已改派）'];

export async function checkEvents(db: Db, events: EventRecord[], problems: string[]): Promise<Record<string, number>> {
  const inbound = await db.inboundEvent.findMany();
  const byKey = new Map(inbound.map((r) => [r.dedupeKey, r]));
  const replies = await db.outboxMessage.findMany({
    where: { idempotencyKey: { startsWith: 'reply:' } },
    select: { idempotencyKey: true },
  });
  const replied = new Set(replies.map((r) => r.idempotencyKey.split(':')[1]));
  let messages = 0;
  for (const e of events) {
    if (!e.acked) problems.push(`event ${e.built.eventId} was never acknowledged`);
    const key = e.built.eventType === 'im.message.receive_v1' ? `message:${e.built.messageId}` : `event:${e.built.eventId}`;
    const row = byKey.get(key);
    if (row?.status !== 'processed') problems.push(`acknowledged event ${key} is ${row?.status ?? 'not stored'}`);
    if (e.built.eventType === 'im.message.receive_v1') {
      messages++;
      if (!replied.has(e.built.messageId)) problems.push(`message ${e.built.messageId} got no reply`);
    }
    for (const status of e.repeats.answers) if (status !== 200) problems.push(`a repeat of ${key} was answered HTTP ${status}`);
  }
  const commands = await db.auditEvent.count({ where: { action: 'chat.command' } });
  if (commands !== messages) problems.push(`${commands} chat.command audit rows for ${messages} messages`);
  const stuck = inbound.filter((r) => !['processed', 'abandoned'].includes(r.status));
  for (const r of stuck.slice(0, 10)) problems.push(`inbound ${r.dedupeKey} left ${r.status} (${r.error ?? ''})`);
  for (const r of inbound.filter((x) => x.status === 'abandoned' && x.eventType !== 'card.action.trigger'))
    problems.push(`event ${r.dedupeKey} abandoned: ${r.error ?? ''}`);
  return {
    inbound: inbound.length,
    cardCallbacksAbandoned: inbound.filter((r) => r.status === 'abandoned').length,
    inboundRetried: inbound.filter((r) => r.attempts > 1).length,
  };
}

export async function checkOutbox(
  db: Db,
  sim: LarkSimulator,
  preexisting: Set<string>,
  problems: string[],
): Promise<Record<string, number>> {
  const rows = await db.outboxMessage.findMany({ orderBy: { id: 'asc' } });
  const botMessages = [...sim.state.messages.values()].filter((m) => m.sender.type === 'app' && !preexisting.has(m.messageId));
  const byUuid = new Map<string, typeof botMessages>();
  for (const m of botMessages) byUuid.set(m.uuid ?? '', [...(byUuid.get(m.uuid ?? '') ?? []), m]);
  const patchCalls = new Map<string, number>();
  for (const c of sim.state.calls) {
    const id = /^\/open-apis\/im\/v1\/messages\/([^/]+)$/.exec(c.path)?.[1];
    if (c.method === 'PATCH' && id && c.status === 200 && c.code === 0) patchCalls.set(id, (patchCalls.get(id) ?? 0) + 1);
  }
  const patches = new Map<string, { sent: number; attempts: number }>();
  const stats = { outbox: rows.length, sent: 0, failed: 0, retriedAfterCrash: 0, sends: 0, patches: 0, buzzes: 0 };
  const expected = new Set<string>();
  for (const r of rows) {
    if (r.attempts > 1) stats.retriedAfterCrash++;
    if (r.status === 'failed') {
      stats.failed++;
      const reason = (r.lastError ?? '').replace(/^加急的原消息发送失败：/, '');
      if (!expectedFailures.includes(reason)) problems.push(`outbox ${r.idempotencyKey} failed: ${r.lastError ?? ''}`);
    } else if (r.status !== 'sent') problems.push(`outbox ${r.idempotencyKey} left ${r.status}`);
    else stats.sent++;
    if (r.kind === 'patch') {
      const p = patches.get(r.receiveId ?? '') ?? { sent: 0, attempts: 0 };
      p.attempts += r.attempts;
      if (r.status === 'sent') p.sent++;
      patches.set(r.receiveId ?? '', p);
      continue;
    }
    if (r.status !== 'sent') continue;
    if (r.kind === 'send') {
      stats.sends++;
      const uuid = larkUuid(r.idempotencyKey);
      expected.add(uuid);
      const found = byUuid.get(uuid) ?? [];
      if (found.length !== 1 || found[0]!.messageId !== r.larkMessageId)
        problems.push(`outbox ${r.idempotencyKey}: ${found.length} messages in Lark (expected 1, ${r.larkMessageId ?? 'no id'})`);
    } else if (r.kind === 'urgent') {
      const of = (r.payload as { of: string }).of;
      const original = rows.find((x) => x.idempotencyKey === of);
      const buzzes = original?.larkMessageId ? (sim.state.messages.get(original.larkMessageId)?.urgent.length ?? 0) : 0;
      stats.buzzes += buzzes;
      if (buzzes < 1 || buzzes > r.attempts) problems.push(`buzz ${r.idempotencyKey}: ${buzzes} buzzes after ${r.attempts} attempts`);
    }
  }
  for (const [uuid, ms] of byUuid)
    if (!expected.has(uuid)) problems.push(`${ms.length} bot message(s) in Lark without a sent outbox row (uuid ${uuid || 'none'})`);
  for (const [messageId, p] of patches) {
    const calls = patchCalls.get(messageId) ?? 0;
    stats.patches += calls;
    if (calls < p.sent || calls > p.attempts)
      problems.push(`card ${messageId}: ${calls} patches for ${p.sent} sent refreshes (${p.attempts} attempts)`);
  }
  return { ...stats, idempotentReplays: sim.state.counters.idempotentReplays };
}
