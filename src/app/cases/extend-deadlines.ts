// One audited operation: extend the deadlines of all active cases of a region (optionally only in
// one state) by N workdays. Each case's timers are re-planned for the new deadline.
import { planStateTimers } from '../../core/engine/plan-state-timers.ts';
import type { CaseClock } from '../../core/engine/case-clock.ts';
import { addDurationAfter } from '../../core/time/deadline-math.ts';
import type { EngineDeps } from './engine-deps.ts';
import { metaOfState } from './meta-of-state.ts';
import { inTransaction } from '../../db/in-transaction.ts';

export interface ExtendInput {
  regionId: number;
  state?: string;
  workdays: number;
  reason: string;
  actor: string;
  /** Where the operation came from (audit_events.source); default 'admin' (CLI, API). */
  source?: string;
  now: Date;
}

export async function extendDeadlines(
  deps: EngineDeps,
  input: ExtendInput,
): Promise<{ extended: number; skipped: number; /** The operation's own audit event (cases.deadlines_extended). */ auditId: number }> {
  const source = input.source ?? 'admin';
  const region = await deps.db.region.findUniqueOrThrow({ where: { id: input.regionId } });
  const cases = await deps.db.case.findMany({
    where: {
      status: 'active',
      deadlineAt: { not: null },
      region: { path: { startsWith: region.path } },
      ...(input.state ? { state: input.state } : {}),
    },
  });
  // The flows are read before the transaction: on Node a statement outside it waits until it ends.
  for (const c of cases) await deps.flows.get(c.flowId, c.flowVersion);
  let extended = 0;
  const summary = await inTransaction(deps.db, async (tx) => {
    for (const c of cases) {
      const deadline = addDurationAfter(c.deadlineAt as Date, { workdays: input.workdays }, deps.calendar, deps.tz);
      const clock = c.clock as CaseClock | null;
      const newClock =
        clock && clock.state === c.state ? { ...clock, ledger: { ...clock.ledger, deadline: deadline.toISOString() } } : clock;
      const entrySeq = c.entrySeq + 1;
      const meta = await metaOfState(deps, c.flowId, c.flowVersion, c.state);
      await tx.timer.updateMany({ where: { caseId: c.id, status: 'pending' }, data: { status: 'cancelled' } });
      const timers = planStateTimers({
        caseId: c.id,
        entrySeq,
        state: c.state,
        meta,
        deadline,
        now: input.now,
        cal: deps.calendar,
        tz: deps.tz,
        quiet: deps.quiet,
      });
      await tx.timer.createMany({
        data: timers.map((t) => ({ key: t.key, caseId: c.id, kind: t.kind, dueAt: t.dueAt, payload: t.payload, createdAt: input.now })),
      });
      await tx.escalation.updateMany({ where: { caseId: c.id, status: 'open' }, data: { status: 'superseded' } });
      await tx.case.update({
        where: { id: c.id },
        data: {
          deadlineAt: deadline,
          clock: (newClock ?? undefined) as object | undefined,
          entrySeq,
          version: { increment: 1 },
          updatedAt: input.now,
        },
      });
      await tx.auditEvent.create({
        data: {
          at: input.now,
          actor: input.actor,
          source,
          action: 'case.deadline_extended',
          caseId: c.id,
          householdId: c.householdId,
          fromState: c.state,
          before: { deadlineAt: c.deadlineAt?.toISOString() ?? null },
          after: { deadlineAt: deadline.toISOString(), workdays: input.workdays, reason: input.reason },
        },
      });
      extended++;
    }
    return tx.auditEvent.create({
      data: {
        at: input.now,
        actor: input.actor,
        source,
        action: 'cases.deadlines_extended',
        after: {
          regionId: input.regionId,
          regionName: region.name,
          state: input.state ?? null,
          workdays: input.workdays,
          reason: input.reason,
          cases: extended,
        },
      },
    });
  });
  return { extended, skipped: 0, auditId: summary.id };
}
