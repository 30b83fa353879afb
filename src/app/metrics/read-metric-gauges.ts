// The gauges that live in the database, read at scrape time: timers whose time has come but that no
// tick has taken yet, and the outbox rows not delivered. Both counts walk the (status, …) indexes of
// the rows that are waiting, never the delivered history.
import type { Db } from '../../db/create-prisma.ts';

export interface MetricGaugeReadings {
  /** Pending timers with dueAt <= now, by kind. */
  timersDue: Record<string, number>;
  /** Outbox rows not delivered, by status. */
  outbox: Record<string, number>;
}

const timerKinds = ['deadline', 'remind', 'escalate', 'next_cycle', 'digest'];
const waitingStatuses = ['pending', 'sending', 'failed'];

export async function readMetricGauges(db: Db, now: Date): Promise<MetricGaugeReadings> {
  const [due, outbox] = await Promise.all([
    db.timer.groupBy({ by: ['kind'], where: { status: 'pending', dueAt: { lte: now } }, _count: { _all: true } }),
    db.outboxMessage.groupBy({ by: ['status'], where: { status: { in: waitingStatuses } }, _count: { _all: true } }),
  ]);
  const timersDue: Record<string, number> = Object.fromEntries(timerKinds.map((k) => [k, 0]));
  for (const row of due) timersDue[row.kind] = row._count._all;
  const depth: Record<string, number> = Object.fromEntries(waitingStatuses.map((s) => [s, 0]));
  for (const row of outbox) depth[row.status] = row._count._all;
  return { timersDue, outbox: depth };
}
