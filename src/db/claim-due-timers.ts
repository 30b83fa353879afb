// Claims due timers for one tick in a single statement, so two overlapping ticks (or two Workers
// isolates) never take the same timer. A claim older than the lease (a tick that died mid-way) is
// taken over. Cost: an index range scan over (status, dueAt) — the due timers only.
import type { Db } from './create-prisma.ts';
import { sqliteTimestamp } from './sqlite-timestamp.ts';

export interface ClaimedTimer {
  id: number;
  key: string;
  caseId: number | null;
  kind: string;
  dueAt: Date;
  payload: Record<string, unknown> | null;
}

export async function claimDueTimers(db: Db, now: Date, token: string, limit: number, leaseMs: number): Promise<ClaimedTimer[]> {
  const at = sqliteTimestamp(now);
  const staleBefore = sqliteTimestamp(new Date(now.getTime() - leaseMs));
  await db.$executeRawUnsafe(
    `UPDATE timers SET status = 'claimed', "claimedBy" = ?, "claimedAt" = ?
     WHERE id IN (
       SELECT id FROM timers WHERE status = 'pending' AND "dueAt" <= ?
       UNION ALL
       SELECT id FROM timers WHERE status = 'claimed' AND "dueAt" <= ? AND "claimedAt" < ?
       ORDER BY id LIMIT ?)`,
    token,
    at,
    at,
    at,
    staleBefore,
    limit,
  );
  const rows = await db.timer.findMany({ where: { status: 'claimed', claimedBy: token }, orderBy: { dueAt: 'asc' } });
  return rows.map((r) => ({
    id: r.id,
    key: r.key,
    caseId: r.caseId,
    kind: r.kind,
    dueAt: r.dueAt,
    payload: r.payload as Record<string, unknown> | null,
  }));
}
