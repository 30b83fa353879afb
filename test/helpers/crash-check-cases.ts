// What must hold of the cases after crashes, read from the database: every answered click took
// effect exactly once (its tag is in the audit log once; a click answered as stale or failed, never),
// each case's audit log replays as one unbroken chain of states ending in the case's current state
// (scheduler effects recorded in the state they were about), and every due timer fired exactly once
// with its effects, an obsolete one with none.
import type { AuditEvent } from '#prisma';
import type { Db } from '../../src/db/create-prisma.ts';
import type { ClickRecord } from './crash-load.ts';
import type { CasePlan } from './crash-plan.ts';

type After = Record<string, unknown> | null;
const afterOf = (a: AuditEvent) => a.after as After;
const tagPattern = /^k\d+-\d+-\d+$/;

/** For each scheduler audit row: the state entry (cases.entrySeq) its case was in when it was written. */
export type EntryOf = Map<number, number>;

export async function checkCases(
  db: Db,
  clicks: ClickRecord[],
  plans: CasePlan[],
  problems: string[],
): Promise<{ stats: Record<string, number>; entryOf: EntryOf }> {
  const audits = await db.auditEvent.findMany({ orderBy: { id: 'asc' } });
  const applied = new Map<string, number>();
  for (const a of audits) {
    if (a.action !== 'case.transition' && a.action !== 'case.event') continue;
    const form = (afterOf(a)?.form ?? {}) as Record<string, unknown>;
    for (const v of Object.values(form)) if (typeof v === 'string' && tagPattern.test(v)) applied.set(v, (applied.get(v) ?? 0) + 1);
  }
  const known = new Set(clicks.map((c) => c.tag));
  for (const tag of applied.keys()) if (!known.has(tag)) problems.push(`the audit log holds a click nobody made: ${tag}`);
  for (const c of clicks) {
    for (const r of c.repeats)
      if (r !== 'duplicate') problems.push(`a repeat of click ${c.tag} (answered ${c.outcome}) was answered ${r}, not 已处理`);
    if (!c.step.tagged) continue;
    const n = applied.get(c.tag) ?? 0;
    if (c.outcome === 'success' && n !== 1)
      problems.push(`click ${c.tag} (${c.step.event}) was answered 已提交 but took effect ${n} times`);
    if (c.outcome !== 'success' && c.outcome !== 'duplicate' && c.outcome !== undefined && n !== 0)
      problems.push(`click ${c.tag} (${c.step.event}) was answered ${c.outcome} but took effect`);
    if (n > 1) problems.push(`click ${c.tag} (${c.step.event}) took effect ${n} times`);
  }

  const entryOf: EntryOf = new Map();
  const cases = await db.case.findMany({ include: { household: true } });
  const byCase = new Map<number, AuditEvent[]>();
  for (const a of audits) if (a.caseId !== null) byCase.set(a.caseId, [...(byCase.get(a.caseId) ?? []), a]);
  for (const plan of plans) {
    const c = cases.find((x) => x.id === plan.caseId);
    const rows = byCase.get(plan.caseId) ?? [];
    if (!c || rows[0]?.action !== 'case.opened') {
      problems.push(`case ${plan.caseId}: missing, or its audit log does not start with case.opened`);
      continue;
    }
    let state = rows[0].toState ?? '';
    let transitions = 0;
    let events = 0;
    for (const a of rows.slice(1)) {
      if (a.action === 'case.transition') {
        if (a.fromState !== state) problems.push(`case ${c.id}: transition #${a.id} from ${a.fromState} while the case was in ${state}`);
        state = a.toState ?? '';
        transitions++;
      } else if (a.action === 'case.event') {
        if (a.fromState !== state || a.toState !== state)
          problems.push(`case ${c.id}: event #${a.id} in ${a.fromState} while the case was in ${state}`);
        events++;
      } else if (['case.deadline_passed', 'reminder.sent', 'escalation.sent', 'escalation.unroutable'].includes(a.action)) {
        entryOf.set(a.id, transitions + 1);
        if (a.fromState !== state)
          problems.push(`case ${c.id}: ${a.action} #${a.id} about ${a.fromState} recorded after the case had moved to ${state}`);
      } else if (a.action === 'card.refused') problems.push(`case ${c.id}: a click was refused (#${a.id})`);
    }
    const changing = plan.steps.filter((s) => s.to !== s.from).length;
    const progress = plan.steps.length - changing;
    if (state !== c.state) problems.push(`case ${c.id}: the audit log ends in ${state}, the case is in ${c.state}`);
    if (c.state !== 'relieved' || c.status !== 'closed') problems.push(`case ${c.id}: ended ${c.state}/${c.status}, not relieved/closed`);
    if (transitions !== changing) problems.push(`case ${c.id}: ${transitions} transitions for ${changing} steps`);
    if (events < progress) problems.push(`case ${c.id}: ${events} progress notes for ${progress} answered`);
    if (c.entrySeq !== transitions + 1) problems.push(`case ${c.id}: entrySeq ${c.entrySeq} after ${transitions} transitions`);
    if (c.version !== transitions + events) problems.push(`case ${c.id}: version ${c.version} after ${transitions + events} events`);
  }
  return { stats: { audits: audits.length, clicksApplied: [...applied.values()].reduce((a, b) => a + b, 0) }, entryOf };
}

export async function checkTimers(db: Db, dueBy: Date, entryOf: EntryOf, problems: string[]): Promise<Record<string, number>> {
  const timers = await db.timer.findMany({ orderBy: { id: 'asc' } });
  const byKey = new Map(timers.map((t) => [t.key, t]));
  const audits = await db.auditEvent.findMany({ where: { source: 'scheduler' }, orderBy: { id: 'asc' } });
  const outbox = await db.outboxMessage.findMany({ select: { idempotencyKey: true, payload: true } });
  const stats = { timers: timers.length, fired: 0, cancelled: 0, notDue: 0 };
  for (const t of timers) {
    if (t.status === 'fired') stats.fired++;
    else if (t.status === 'cancelled') stats.cancelled++;
    else if (t.dueAt > dueBy) stats.notDue++;
    else problems.push(`timer ${t.key} was due at ${t.dueAt.toISOString()} but is ${t.status}`);
  }

  // Each effect of a case timer belongs to the timer of the entry its case was in: the key tells.
  const effects = new Map<string, AuditEvent[]>();
  const reminded = new Map<string, number>();
  for (const a of audits) {
    const entry = entryOf.get(a.id);
    if (entry === undefined) continue;
    const p = afterOf(a) ?? {};
    const base = `c${a.caseId}:e${entry}`;
    if (a.action === 'reminder.sent') reminded.set(base, (reminded.get(base) ?? 0) + 1);
    else {
      const key =
        a.action === 'case.deadline_passed'
          ? String(p.timer)
          : `${base}:escalate:${String(p.rung)}${Number(p.repeat) > 0 ? `:r${String(p.repeat)}` : ''}`;
      if (!key.startsWith(`${base}:`))
        problems.push(`${a.action} #${a.id} for ${key} written while case ${a.caseId} was in entry ${entry}`);
      effects.set(key, [...(effects.get(key) ?? []), a]);
    }
  }
  for (const [key, rows] of effects) {
    const t = byKey.get(key);
    if (t?.status !== 'fired' || rows.length !== 1) problems.push(`timer ${key} (${t?.status ?? 'missing'}) has ${rows.length} effects`);
  }
  const items = (o: { payload: unknown }) => (o.payload as { items?: { caseId: number; rung?: number }[] }).items ?? [];
  const ofTick = (prefix: string, token: string | null) =>
    outbox.filter((o) => o.idempotencyKey.startsWith(prefix) && o.idempotencyKey.includes(`:${token}:`));
  const remindTicks = new Map<string, Set<string>>();
  for (const t of timers) {
    if (t.status !== 'fired') continue;
    const p = (t.payload ?? {}) as Record<string, unknown>;
    if ((t.kind === 'deadline' || t.kind === 'escalate') && effects.get(t.key)?.length !== 1)
      problems.push(`timer ${t.key} fired without its effect`);
    if (t.kind === 'escalate' && effects.get(t.key)?.[0]?.action === 'escalation.sent') {
      if (!ofTick('escalation:', t.claimedBy).some((o) => items(o).some((i) => i.caseId === t.caseId && i.rung === p.rung)))
        problems.push(`escalation ${t.key} fired without its message`);
    }
    if (t.kind === 'remind') {
      const n = ofTick('digest:', t.claimedBy).filter((o) => items(o).some((i) => i.caseId === t.caseId)).length;
      if (n !== 1) problems.push(`reminder ${t.key} is in ${n} digest messages of its tick`);
      const base = t.key.replace(/:remind:\d+$/, '');
      remindTicks.set(base, (remindTicks.get(base) ?? new Set()).add(t.claimedBy ?? ''));
    }
    if (t.kind === 'digest') {
      const n = audits.filter((a) => a.action.startsWith('digest.') && afterOf(a)?.day === p.day).length;
      if (n !== 1) problems.push(`daily digest ${t.key} fired with ${n} records`);
    }
  }
  // One reminder line per case entry and tick, however many of its reminders that tick fired.
  for (const base of new Set([...reminded.keys(), ...remindTicks.keys()])) {
    const n = reminded.get(base) ?? 0;
    const ticks = remindTicks.get(base)?.size ?? 0;
    if (n !== ticks) problems.push(`${base}: ${n} reminder.sent for reminders fired by ${ticks} ticks`);
  }
  for (const [day, n] of countBy(outbox.map((o) => /^daily_digest:([^:]+):/.exec(o.idempotencyKey)?.[1]).filter(Boolean) as string[]))
    if (!audits.some((a) => a.action === 'digest.sent' && afterOf(a)?.day === day))
      problems.push(`${n} digest messages for ${day} without digest.sent`);
  return stats;
}

function countBy(xs: string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const x of xs) m.set(x, (m.get(x) ?? 0) + 1);
  return m;
}
