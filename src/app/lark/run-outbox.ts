// run-outbox: sends due outbox rows through Lark within its limits. Each row is claimed before the
// call and settled after it; retries reuse the row's Lark `uuid`, so a message is never delivered
// twice even when a call timed out after Lark had accepted it. 99991663 refreshes the token,
// 99991403 stops all sending until next month (and is audited for the admins), permanent failures
// get a readable reason.
import { createHash } from 'node:crypto';
import type { Db } from '../../db/create-prisma.ts';
import type { Logger } from '../../core/logger.ts';
import type { MetricsSink } from '../../core/ports/metrics-sink.ts';
import type { LarkClientHandle } from '../../lark/outbox/create-lark-client.ts';
import type { CallOutcome, LarkCall } from '../../lark/outbox/lark-call.ts';
import type { RateLimiter } from '../../lark/outbox/rate-limiter.ts';
import { sendLarkCall } from '../../lark/outbox/send-lark-call.ts';
import { recordCardMessage } from './card-messages.ts';

export type OutboxRow = Awaited<ReturnType<Db['outboxMessage']['findFirstOrThrow']>>;
export type Rendered = { call: LarkCall; target: string | null } | { defer: string } | { fail: string };

export interface OutboxDeps {
  db: Db;
  lark: LarkClientHandle;
  limiter: RateLimiter;
  /** Turns a row's payload into the Lark call (cards are rendered at send time from fresh data). */
  render: (row: OutboxRow) => Promise<Rendered>;
  now: () => Date;
  sleep: (ms: number) => Promise<void>;
  logger: Logger;
  /** Counts deliveries and failures (GET /metrics). */
  metrics?: MetricsSink;
}

export interface OutboxRun {
  sent: number;
  retried: number;
  failed: number;
  deferred: number;
  stopped: 'quota' | null;
}

const leaseMs = 60_000;
const batch = 200;
/** Longer waits for Lark's limits defer the row (or end the run) instead of sleeping. */
const maxInProcessWaitMs = 2000;

/** Lark's uuid (≤ 50 characters) for a row: the same on every retry of that row. */
export function larkUuid(idempotencyKey: string): string {
  return createHash('sha1').update(idempotencyKey).digest('hex');
}

export async function quotaStopped(db: Db, now: Date): Promise<boolean> {
  const monthStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  return (await db.auditEvent.count({ where: { action: 'outbox.quota_exhausted', at: { gte: monthStart } } })) > 0;
}

export async function runOutbox(deps: OutboxDeps, options: { maxRows?: number } = {}): Promise<OutboxRun> {
  const run: OutboxRun = { sent: 0, retried: 0, failed: 0, deferred: 0, stopped: null };
  if (await quotaStopped(deps.db, deps.now())) return { ...run, stopped: 'quota' };
  let budget = options.maxRows ?? 10_000;
  let afterId = 0; // rows are taken in id order, each at most once per run
  while (budget > 0) {
    const now = deps.now();
    const rows = await deps.db.outboxMessage.findMany({
      where: {
        id: { gt: afterId },
        OR: [
          { status: 'pending', nextAttemptAt: { lte: now } },
          { status: 'sending', nextAttemptAt: { lte: new Date(now.getTime() - leaseMs) } },
        ],
      },
      orderBy: { id: 'asc' },
      take: Math.min(batch, budget),
    });
    if (rows.length === 0) break;
    for (const row of rows) {
      // Lark throttled the app for longer than a short wait: stop here rather than defer every
      // remaining row one by one; the next run after x-ogw-ratelimit-reset takes them as they are.
      if (deps.limiter.appPausedFor(deps.now().getTime()) > maxInProcessWaitMs) return run;
      afterId = row.id;
      budget--;
      const outcome = await sendRow(deps, row, run);
      if (outcome === 'quota') return { ...run, stopped: 'quota' };
    }
  }
  return run;
}

async function sendRow(deps: OutboxDeps, row: OutboxRow, run: OutboxRun): Promise<'quota' | void> {
  const rendered = await deps.render(row);
  if ('defer' in rendered) {
    await deps.db.outboxMessage.update({
      where: { id: row.id },
      data: { nextAttemptAt: new Date(deps.now().getTime() + 5000), lastError: rendered.defer },
    });
    run.deferred++;
    return;
  }
  if ('fail' in rendered) return settle(deps, row, { ok: false, kind: 'permanent', code: 0, reason: rendered.fail }, run);
  // Within Lark's limits: wait in-process for short gaps, defer the row for long ones.
  for (;;) {
    const wait = deps.limiter.take(rendered.target, deps.now().getTime());
    if (wait === 0) break;
    if (wait > maxInProcessWaitMs) {
      await deps.db.outboxMessage.update({ where: { id: row.id }, data: { nextAttemptAt: new Date(deps.now().getTime() + wait) } });
      run.deferred++;
      return;
    }
    await deps.sleep(wait);
  }
  const claimed = await deps.db.outboxMessage.updateMany({
    where: { id: row.id, status: row.status, attempts: row.attempts },
    data: { status: 'sending', attempts: { increment: 1 }, nextAttemptAt: deps.now() },
  });
  if (claimed.count !== 1) return; // another worker took it
  let outcome = await sendLarkCall(deps.lark.client, rendered.call, row.attempts);
  if (!outcome.ok && outcome.kind === 'token') {
    deps.metrics?.outboxFailed('token');
    deps.lark.clearToken();
    outcome = await sendLarkCall(deps.lark.client, rendered.call, row.attempts);
  }
  // Throttled by Lark despite our own limiter (other apps in the chat, a burst on Lark's side):
  // nobody calls again before the reset Lark named, so we do not hammer it with more 429s.
  if (!outcome.ok && outcome.kind === 'retry' && outcome.throttled) {
    const until = deps.now().getTime() + outcome.afterMs;
    if (outcome.throttled === 'app') deps.limiter.pause(null, until);
    else if (rendered.target !== null) deps.limiter.pause(rendered.target, until);
  }
  return settle(deps, row, outcome, run);
}

async function settle(deps: OutboxDeps, row: OutboxRow, outcome: CallOutcome, run: OutboxRun): Promise<'quota' | void> {
  const now = deps.now();
  if (outcome.ok) deps.metrics?.outboxSent(row.kind);
  // Code 0 is ours: nothing to render or nobody to send it to (Lark's codes are never 0 on failure).
  else if (outcome.kind === 'permanent') deps.metrics?.outboxFailed(outcome.code === 0 ? 'unrenderable' : 'permanent', outcome.code);
  else deps.metrics?.outboxFailed(outcome.kind);
  if (outcome.ok) {
    await deps.db.outboxMessage.update({
      where: { id: row.id },
      data: { status: 'sent', sentAt: now, larkMessageId: outcome.messageId ?? row.larkMessageId, lastError: null },
    });
    if (row.kind === 'send' && outcome.messageId) await recordCardMessage(deps.db, row.id, row.payload, outcome.messageId, now);
    run.sent++;
    return;
  }
  if (outcome.kind === 'permanent') {
    await deps.db.$transaction([
      deps.db.outboxMessage.update({ where: { id: row.id }, data: { status: 'failed', lastError: outcome.reason } }),
      deps.db.auditEvent.create({
        data: {
          at: now,
          actor: 'outbox',
          source: 'scheduler',
          action: 'outbox.failed',
          after: { outboxId: row.id, code: outcome.code, reason: outcome.reason },
        },
      }),
    ]);
    deps.logger.warn({ outboxId: row.id, code: outcome.code }, 'outbox message failed permanently');
    run.failed++;
    return;
  }
  const afterMs = outcome.kind === 'retry' ? outcome.afterMs : outcome.kind === 'token' ? 1000 : 0;
  await deps.db.outboxMessage.update({
    where: { id: row.id },
    data: { status: 'pending', nextAttemptAt: new Date(now.getTime() + afterMs), lastError: outcome.reason },
  });
  if (outcome.kind === 'quota') {
    await deps.db.auditEvent.create({
      data: { at: now, actor: 'outbox', source: 'scheduler', action: 'outbox.quota_exhausted', after: { reason: outcome.reason } },
    });
    deps.logger.error({ outboxId: row.id }, 'Lark monthly API quota exhausted: sending stopped until next month');
    return 'quota';
  }
  run.retried++;
}
