// 督办: someone of the escalated rung says "I am handling it". The escalation is acknowledged and
// the ladder stops climbing for this state entry (the pending rungs and repeats are cancelled).
import type { Operator } from '../../core/engine/authorize-operator.ts';
import type { EngineDeps } from './engine-deps.ts';
import { enqueueCardRefreshes } from '../lark/card-messages.ts';
import { inTransaction } from '../../db/in-transaction.ts';

export type AckResult = { ok: true; escalationId: number } | { ok: false; code: 'forbidden' | 'not_found' | 'already'; message: string };

export async function acknowledgeEscalation(
  deps: EngineDeps,
  caseId: number,
  op: Operator,
  now: Date,
  source = 'card',
): Promise<AckResult> {
  const esc = await deps.db.escalation.findFirst({
    where: { caseId, status: { in: ['open', 'acknowledged'] } },
    orderBy: [{ entrySeq: 'desc' }, { rung: 'desc' }],
    include: { case: { include: { household: { include: { region: true } } } } },
  });
  if (!esc || esc.entrySeq !== esc.case.entrySeq) return { ok: false, code: 'not_found', message: '这户目前没有待督办的事项' };
  if (esc.status === 'acknowledged')
    return {
      ok: false,
      code: 'already',
      message: `已由他人于 ${esc.acknowledgedAt?.toISOString().slice(0, 16).replace('T', ' ')}（UTC）督办`,
    };
  const regionPath = esc.case.household.region.path;
  const allowed =
    op.role === 'admin' ||
    (op.role === 'supervisor' && op.regionPath !== '' && regionPath.startsWith(op.regionPath)) ||
    (esc.target === 'officer' && op.personId === esc.case.household.officerId);
  if (!allowed) return { ok: false, code: 'forbidden', message: '只有本地区督查员（或上级、管理员）可以督办这一项' };
  await inTransaction(deps.db, async (tx) => {
    await tx.escalation.update({
      where: { id: esc.id },
      data: { status: 'acknowledged', acknowledgedBy: op.personId, acknowledgedAt: now },
    });
    await tx.timer.updateMany({
      where: { caseId, status: 'pending', kind: 'escalate', key: { startsWith: `c${caseId}:e${esc.entrySeq}:` } },
      data: { status: 'cancelled' },
    });
    await enqueueCardRefreshes(tx, caseId, now, `esc${esc.id}`);
    await tx.auditEvent.create({
      data: {
        at: now,
        actor: `person:${op.personId}`,
        source,
        action: 'escalation.acknowledged',
        caseId,
        householdId: esc.case.householdId,
        fromState: esc.case.state,
        after: { rung: esc.rung, target: esc.target },
      },
    });
  });
  return { ok: true, escalationId: esc.id };
}
