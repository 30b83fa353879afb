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

export async function enterState(
  deps: EngineDeps,
  tx: Tx,
  c: { id: number; entrySeq: number; clock: CaseClock | null; householdDeadline: string | null },
  state: string,
  meta: StateMeta | undefined,
  context: FlowContext,
  now: Date,
): Promise<EnteredState> {
  await tx.timer.updateMany({ where: { caseId: c.id, status: 'pending' }, data: { status: 'cancelled' } });
  await tx.escalation.updateMany({ where: { caseId: c.id, status: 'open' }, data: { status: 'superseded' } });
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
  if (timers.length > 0) {
    await tx.timer.createMany({
      data: timers.map((t) => ({ key: t.key, caseId: c.id, kind: t.kind, dueAt: t.dueAt, payload: t.payload, createdAt: now })),
    });
  }
  return { deadlineAt: deadline, clock };
}
