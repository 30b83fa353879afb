// A household's case timeline: every audit event of its cases and of the household, oldest first.
import { AppError } from '../../core/app-error.ts';
import type { Db } from '../../db/create-prisma.ts';

export async function caseTimeline(db: Db, archiveNo: string) {
  const household = await db.household.findUnique({
    where: { archiveNo },
    include: { cases: { orderBy: { id: 'asc' } }, officer: true, region: true },
  });
  if (!household) throw new AppError('not_found', `没有档案编号为 ${archiveNo} 的家庭：请核对编号（可用 huhuqing report 查看各地区户数）`);
  const caseIds = household.cases.map((c) => c.id);
  const events = await db.auditEvent.findMany({
    where: { OR: [{ householdId: household.id }, { caseId: { in: caseIds } }] },
    orderBy: [{ at: 'asc' }, { id: 'asc' }],
  });
  return { household, cases: household.cases, events };
}
