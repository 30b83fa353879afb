// A state's deadline passing is recorded (the case is overdue from now; the escalation rungs are
// their own timers). A relieved household's next yearly cycle opens a new case carrying its history.
import type { ClaimedTimer } from '../../db/claim-due-timers.ts';
import type { EngineDeps } from '../cases/engine-deps.ts';
import { openCase } from '../cases/open-case.ts';
import { ClaimLost, fireGrouped } from './fire-grouped.ts';
import { keepCurrentTimers } from './keep-current-timers.ts';
import { sendCaseEvent } from '../cases/send-case-event.ts';
import type { TimerCase } from './load-timer-cases.ts';

/** The explicit event a deadline sends to the case's machine; a flow may handle it (`on.DEADLINE_PASSED`). */
export const deadlineEvent = 'DEADLINE_PASSED';

export async function fireDeadline(
  deps: EngineDeps,
  t: ClaimedTimer,
  c: TimerCase | undefined,
  token: string,
  now: Date,
): Promise<boolean> {
  if (!c) return false;
  // Restore the case's actor and send the explicit event, committing the timer's firing with the
  // transition. A flow without a transition for it just records the deadline below.
  try {
    const sent = await sendCaseEvent(
      deps,
      { caseId: c.id, type: deadlineEvent, operator: 'system', source: 'scheduler', now },
      3,
      async (tx, step) => {
        const marked = await tx.timer.updateMany({
          where: { id: t.id, status: 'claimed', claimedBy: token },
          data: { status: 'fired', firedAt: now },
        });
        await step.expectChanged(marked.count, 1, () => new ClaimLost());
      },
    );
    if (sent.ok) return true;
  } catch (error) {
    if (error instanceof ClaimLost) return false;
    throw error;
  }
  return fireGrouped(deps, [t.id], token, now, async (tx) => {
    // The case may have left the state since the tick loaded it: then the deadline is obsolete.
    if ((await keepCurrentTimers(tx, [t])).size === 0) return;
    await tx.auditEvent.create({
      data: {
        at: now,
        actor: 'scheduler',
        source: 'scheduler',
        action: 'case.deadline_passed',
        caseId: c.id,
        householdId: c.householdId,
        fromState: c.state,
        after: { deadlineAt: t.dueAt.toISOString(), timer: t.key },
      },
    });
  });
}

export async function fireNextCycle(deps: EngineDeps, t: ClaimedTimer, token: string, now: Date): Promise<boolean> {
  const p = t.payload as { previousCaseId: number; householdId: number; campaign: string; flowId: string; cycle: number };
  // openCase is idempotent per (household, campaign): a re-run after a crash finds the case it opened.
  await deps.db.household.update({ where: { id: p.householdId }, data: { closedOn: null, closedReason: null, updatedAt: now } });
  await openCase(deps, {
    householdId: p.householdId,
    campaign: p.campaign,
    flowId: p.flowId,
    cycle: p.cycle,
    previousCaseId: p.previousCaseId,
    actor: 'scheduler',
    source: 'scheduler',
    now,
  });
  return fireGrouped(deps, [t.id], token, now, async () => {});
}
