// Inside a firing's atomic step, after its claim: which of the timers are still about their case's
// current state entry. The tick filtered obsolete timers when it loaded its cases, but a person may
// have moved the case on since (a click between the load and the firing). A reminder about a step
// already done, a deadline of a state left, an escalation of an entry that is over must end without
// effect, like any obsolete timer: those are marked cancelled here, and the caller writes effects
// for the rest only. On SQLite the claim has taken the write lock, so no transition can commit in
// between; on D1 the reads run against committed data just before the step's batch.
import type { ClaimedTimer } from '../../db/claim-due-timers.ts';
import type { Tx } from '../cases/engine-deps.ts';

/** The ids of `timers` whose case is still active in the entry they were planned for. */
export async function keepCurrentTimers(tx: Tx, timers: ClaimedTimer[]): Promise<Set<number>> {
  const caseIds = [...new Set(timers.flatMap((t) => (t.caseId === null ? [] : [t.caseId])))];
  const entries = new Map<number, number>();
  // In chunks: SQLite (through Prisma) takes at most 999 bound parameters per statement.
  for (let i = 0; i < caseIds.length; i += 500) {
    const cases = await tx.case.findMany({
      where: { id: { in: caseIds.slice(i, i + 500) }, status: 'active' },
      select: { id: true, entrySeq: true },
    });
    for (const c of cases) entries.set(c.id, c.entrySeq);
  }
  const current = new Set<number>();
  const obsolete: number[] = [];
  for (const t of timers) {
    if (t.caseId !== null && entries.get(t.caseId) === Number(t.payload?.entrySeq)) current.add(t.id);
    else obsolete.push(t.id);
  }
  for (let i = 0; i < obsolete.length; i += 500)
    await tx.timer.updateMany({ where: { id: { in: obsolete.slice(i, i + 500) } }, data: { status: 'cancelled' } });
  return current;
}
