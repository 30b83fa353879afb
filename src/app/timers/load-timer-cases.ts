// The cases behind a batch of claimed timers, in one query, with what reminders and escalations need.
import type { Db } from '../../db/create-prisma.ts';

export async function loadTimerCases(db: Db, caseIds: number[]) {
  const cases = await db.case.findMany({
    where: { id: { in: [...new Set(caseIds)] } },
    include: { household: { include: { region: true, officer: true } } },
  });
  return new Map(cases.map((c) => [c.id, c]));
}

export type TimerCase = NonNullable<ReturnType<Awaited<ReturnType<typeof loadTimerCases>>['get']>>;
