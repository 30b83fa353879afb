// What happens in the database when a case enters a state: the clock (started, paused or resumed),
// the deadline, and the timer rows of the new state; the old state's pending timers are cancelled.
import { enterStateClock, type CaseClock } from '../../core/engine/case-clock.ts';
import { planStateTimers } from '../../core/engine/plan-state-timers.ts';
import type { FlowContext, StateMeta } from '../../core/flows/flow-types.ts';
import type { EngineDeps, Tx } from './engine-deps.ts';

export interface EnteredState {
  deadlineAt: Date | null;
  clock: CaseClock | null;
}

export interface PlannedEntry extends EnteredState {
  timers: ReturnType<typeof planStateTimers>;
}

export async function enterState(
  deps: EngineDeps,
  tx: Tx,
  c: { id: number; entrySeq: number; clock: CaseClock | null; householdDeadline: string | null },
  state: string,
  meta: StateMeta | undefined,
  context: FlowContext,
  now: Date,
): Promise<EnteredState> {
  const planned = planStateEntry(deps, c, state, meta, context, now);
  await writeStateEntry(tx, c.id, planned, now);
  return { deadlineAt: planned.deadlineAt, clock: planned.clock };
}

/** The new state's clock, deadline and timers, computed before the step that writes them. */
export function planStateEntry(
  deps: EngineDeps,
  c: { id: number; entrySeq: number; clock: CaseClock | null; householdDeadline: string | null },
  state: string,
  meta: StateMeta | undefined,
  context: FlowContext,
  now: Date,
): PlannedEntry {
  const { clock, deadline } = enterStateClock({
    state,
    meta,
    previous: c.clock,
    enteredAt: now,
    householdDeadline: c.householdDeadline,
    extensions: context.extensions,
    cal: deps.calendar,
    tz: deps.tz,
  });
  const timers = planStateTimers({
    caseId: c.id,
    entrySeq: c.entrySeq,
    state,
    meta,
    deadline,
    now,
    cal: deps.calendar,
    tz: deps.tz,
    quiet: deps.quiet,
  });
  return { deadlineAt: deadline, clock, timers };
}

/** The old state's pending timers cancelled and open escalations superseded; the new state's timers. */
export async function writeStateEntry(tx: Tx, caseId: number, planned: PlannedEntry, now: Date): Promise<void> {
  await tx.timer.updateMany({ where: { caseId, status: 'pending' }, data: { status: 'cancelled' } });
  await tx.escalation.updateMany({ where: { caseId, status: 'open' }, data: { status: 'superseded' } });
  if (planned.timers.length > 0) {
    await tx.timer.createMany({
      data: planned.timers.map((t) => ({ key: t.key, caseId, kind: t.kind, dueAt: t.dueAt, payload: t.payload, createdAt: now })),
    });
  }
}
