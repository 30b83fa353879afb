// run-due-timers: one scheduler tick. Claims the due timers (claim before act), then fires them:
// deadlines are recorded, reminders are gathered into one digest per officer, escalation rungs into
// one card per recipient, next cycles are opened, the day's digest goes to the supervisor chats.
// Each firing commits with its effects (audit rows, outbox messages, escalation rows), so a tick
// killed half-way and re-run fires nothing twice.
import { randomUUID } from 'node:crypto';
import { isQuiet, nextSendTime } from '../../core/engine/quiet-hours.ts';
import { claimDueTimers, type ClaimedTimer } from '../../db/claim-due-timers.ts';
import type { EngineDeps } from '../cases/engine-deps.ts';
import { fireDailyDigests } from '../digest/fire-daily-digest.ts';
import { digestKind, ensureDailyDigest } from '../digest/schedule-daily-digest.ts';
import { fireDeadline, fireNextCycle } from './fire-deadline.ts';
import { fireEscalations } from './fire-escalations.ts';
import { fireReminders } from './fire-reminders.ts';
import { loadTimerCases } from './load-timer-cases.ts';

export interface TickOptions {
  token?: string;
  limit?: number;
  leaseMs?: number;
}

export interface TickResult {
  claimed: number;
  fired: number;
  deferred: number;
  obsolete: number;
  messages: number;
}

export async function runDueTimers(deps: EngineDeps, now: Date, options: TickOptions = {}): Promise<TickResult> {
  const token = options.token ?? randomUUID();
  await ensureDailyDigest(deps, now);
  const claimed = await claimDueTimers(deps.db, now, token, options.limit ?? 10_000, options.leaseMs ?? 5 * 60_000);
  const result: TickResult = { claimed: claimed.length, fired: 0, deferred: 0, obsolete: 0, messages: 0 };
  if (claimed.length === 0) return result;

  // No messages at night: reminders, escalations and digests wait for the morning, claim released.
  const quiet = isQuiet(now, deps.tz, deps.quiet);
  const messaging = (t: ClaimedTimer) => t.kind === 'remind' || t.kind === 'escalate' || t.kind === digestKind;
  if (quiet) {
    for (const t of claimed.filter(messaging)) {
      await deps.db.timer.updateMany({
        where: { id: t.id, claimedBy: token },
        data: { status: 'pending', claimedBy: null, claimedAt: null, dueAt: nextSendTime(now, deps.tz, t.key, deps.quiet) },
      });
      result.deferred++;
    }
  }
  const active = quiet ? claimed.filter((t) => !messaging(t)) : claimed;
  const cases = await loadTimerCases(
    deps.db,
    active.flatMap((t) => (t.caseId === null ? [] : [t.caseId])),
  );

  // A timer of a state the case has left (or a closed case) is obsolete: it ends without effect; so
  // is a digest once the daily digest has been turned off.
  const current = active.filter((t) => {
    if (t.kind === digestKind) return deps.dailyDigest !== undefined;
    const c = t.caseId === null ? undefined : cases.get(t.caseId);
    return t.kind === 'next_cycle' || (c !== undefined && c.status === 'active' && c.entrySeq === Number(t.payload?.entrySeq));
  });
  const currentIds = new Set(current.map((t) => t.id));
  const obsolete = active.filter((t) => !currentIds.has(t.id)).map((t) => t.id);
  // In chunks: SQLite (through Prisma) takes at most 999 bound parameters per statement.
  for (let i = 0; i < obsolete.length; i += 500) {
    const r = await deps.db.timer.updateMany({
      where: { id: { in: obsolete.slice(i, i + 500) }, claimedBy: token, status: 'claimed' },
      data: { status: 'cancelled', firedAt: now },
    });
    result.obsolete += r.count;
  }

  let deadlines = 0;
  for (const t of current.filter((x) => x.kind === 'deadline')) {
    if (await fireDeadline(deps, t, cases.get(t.caseId ?? -1), token, now)) deadlines++;
  }
  let cycles = 0;
  for (const t of current.filter((x) => x.kind === 'next_cycle')) {
    if (await fireNextCycle(deps, t, token, now)) cycles++;
  }
  const reminders = await fireReminders(
    deps,
    current.filter((x) => x.kind === 'remind'),
    cases,
    token,
    now,
  );
  const escalations = await fireEscalations(
    deps,
    current.filter((x) => x.kind === 'escalate'),
    cases,
    token,
    now,
  );
  const digests = await fireDailyDigests(
    deps,
    current.filter((x) => x.kind === digestKind),
    token,
    now,
  );
  const fired: [string, number][] = [
    ['deadline', deadlines],
    ['next_cycle', cycles],
    ['remind', reminders.fired],
    ['escalate', escalations.fired],
    [digestKind, digests.fired],
  ];
  for (const [kind, n] of fired) {
    result.fired += n;
    deps.metrics?.timersFired(kind, n);
  }
  // A digest superseded by a later day's (days without ticks) ends without effect, like an obsolete timer.
  result.obsolete += digests.skipped;
  result.messages += reminders.messages + escalations.messages + digests.messages;
  return result;
}
