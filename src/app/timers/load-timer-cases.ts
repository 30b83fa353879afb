// The cases behind a batch of claimed timers, in one query, with what reminders and escalations need.
// Only those fields: a tick can hold 10,000 cases at once, and the snapshot, the clock and the
// household's personal data (names, ID numbers, phones) would make each about 5 KB of heap, not 1.
import type { Db } from '../../db/create-prisma.ts';

export async function loadTimerCases(db: Db, caseIds: number[]) {
  const ids = [...new Set(caseIds)];
  const map = new Map<number, Awaited<ReturnType<typeof loadChunk>>[number]>();
  // In chunks: SQLite (through Prisma) takes at most 999 bound parameters per statement.
  for (let i = 0; i < ids.length; i += 500) for (const c of await loadChunk(db, ids.slice(i, i + 500))) map.set(c.id, c);
  return map;
}

function loadChunk(db: Db, ids: number[]) {
  return db.case.findMany({
    where: { id: { in: ids } },
    select: {
      id: true,
      householdId: true,
      state: true,
      status: true,
      entrySeq: true,
      deadlineAt: true,
      household: {
        select: {
          archiveNo: true,
          officerId: true,
          region: { select: { path: true } },
          officer: { select: { id: true, openId: true, onLeave: true, delegateId: true } },
        },
      },
    },
  });
}

export type TimerCase = NonNullable<ReturnType<Awaited<ReturnType<typeof loadTimerCases>>['get']>>;
