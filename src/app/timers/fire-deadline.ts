// A state's deadline passing is recorded (the case is overdue from now; the escalation rungs are
// their own timers). A relieved household's next yearly cycle opens a new case carrying its history.
import type { ClaimedTimer } from '../../db/claim-due-timers.ts';
import type { EngineDeps } from '../cases/engine-deps.ts';
import { openCase } from '../cases/open-case.ts';
import { fireGrouped } from './fire-grouped.ts';
import type { TimerCase } from './load-timer-cases.ts';

export async function fireDeadline(deps: EngineDeps, t: ClaimedTimer, c: TimerCase | undefined, token: string, now: Date): Promise<boolean> {
  if (!c) return false;
  return fireGrouped(deps, [t.id], token, now, async (tx) => {
    await tx.auditEvent.create({
      data: { at: now, actor: 'scheduler', source: 'scheduler', action: 'case.deadline_passed', caseId: c.id, householdId: c.householdId, fromState: c.state, after: { deadlineAt: t.dueAt.toISOString(), timer: t.key } },
    });
  });
}

export async function fireNextCycle(deps: EngineDeps, t: ClaimedTimer, token: string, now: Date): Promise<boolean> {
  const p = t.payload as { previousCaseId: number; householdId: number; campaign: string; flowId: string; cycle: number };
  // openCase is idempotent per (household, campaign): a re-run after a crash finds the case it opened.
  await deps.db.household.update({ where: { id: p.householdId }, data: { closedOn: null, closedReason: null, updatedAt: now } });
  await openCase(deps, { householdId: p.householdId, campaign: p.campaign, flowId: p.flowId, cycle: p.cycle, previousCaseId: p.previousCaseId, actor: 'scheduler', source: 'scheduler', now });
  return fireGrouped(deps, [t.id], token, now, async () => {});
}
