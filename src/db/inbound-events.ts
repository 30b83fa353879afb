// The durable inbound store (InboundEvent): every Lark event is written here before it is acked,
// keyed so Lark's re-pushes (15 s, 5 min, 1 h, 6 h) and restarts never act twice.
// Status: received → processing (claimed; `processedAt` holds the claim time, the lease) →
// processed | failed (retried while attempts < maxAttempts) | abandoned (never retried).
// The writes before an ack (and marking a card callback done) are plain statements run directly
// on Node (direct-sql.ts): through Prisma's raw queries they cost more CPU than the rest of the ack.
import type { Db } from './create-prisma.ts';
import { sqlOf } from './direct-sql.ts';
import { sqliteTimestamp } from './sqlite-timestamp.ts';

export interface InboundRecord {
  dedupeKey: string;
  eventType: string;
  body: unknown;
  receivedAt: Date;
}

export interface ClaimedInbound {
  id: number;
  dedupeKey: string;
  eventType: string;
  body: unknown;
  /** Including this claim. */
  attempts: number;
  receivedAt: Date;
}

export interface ClaimOptions {
  /** A claim older than this belongs to a process that died: taken over. */
  leaseMs?: number;
  /** A failed row is retried this long after its last attempt… */
  retryAfterMs?: number;
  /** …until it has been tried this many times. */
  maxAttempts?: number;
}

export async function recordInbound(db: Db, record: InboundRecord): Promise<'new' | 'duplicate'> {
  const at = sqliteTimestamp(record.receivedAt);
  const inserted = await sqlOf(db).run(
    `INSERT INTO inbound_events ("dedupeKey", "eventType", "body", "status", "attempts", "receivedAt", "processedAt")
     VALUES (?, ?, ?, 'received', 0, ?, NULL) ON CONFLICT ("dedupeKey") DO NOTHING`,
    [record.dedupeKey, record.eventType, JSON.stringify(record.body), at],
  );
  return inserted === 1 ? 'new' : 'duplicate';
}

/**
 * Records a card callback as already claimed (it is answered now) and gives its row id, or null
 * when the event was received before (a re-push): one statement either way.
 */
export async function recordClaimedInbound(db: Db, record: InboundRecord): Promise<number | null> {
  const at = sqliteTimestamp(record.receivedAt);
  const rows = await sqlOf(db).all(
    `INSERT INTO inbound_events ("dedupeKey", "eventType", "body", "status", "attempts", "receivedAt", "processedAt")
     VALUES (?, ?, ?, 'processing', 1, ?, ?) ON CONFLICT ("dedupeKey") DO NOTHING RETURNING id`,
    [record.dedupeKey, record.eventType, JSON.stringify(record.body), at, at],
  );
  return rows.length === 0 ? null : Number(rows[0]!.id);
}

/**
 * Claims up to `limit` rows in one statement (so two runners never take the same row): new rows,
 * rows whose claim outlived the lease (a crash mid-processing), and failed rows due for a retry.
 * Rows that keep dying mid-processing are abandoned after maxAttempts.
 */
export async function claimUnprocessed(db: Db, now: Date, limit: number, options: ClaimOptions = {}): Promise<ClaimedInbound[]> {
  const { leaseMs = 5 * 60_000, retryAfterMs = 60_000, maxAttempts = 5 } = options;
  const at = sqliteTimestamp(now);
  const staleBefore = sqliteTimestamp(new Date(now.getTime() - leaseMs));
  const retryBefore = sqliteTimestamp(new Date(now.getTime() - retryAfterMs));
  await db.$executeRawUnsafe(
    `UPDATE inbound_events SET status = 'abandoned', error = 'gave up: the process stopped during every attempt'
     WHERE status = 'processing' AND "processedAt" < ? AND attempts >= ?`,
    staleBefore,
    maxAttempts,
  );
  const claimed = await db.$queryRawUnsafe<Array<{ id: number | bigint }>>(
    `UPDATE inbound_events SET status = 'processing', "processedAt" = ?, attempts = attempts + 1
     WHERE id IN (
       SELECT id FROM inbound_events WHERE status = 'received'
       UNION ALL
       SELECT id FROM inbound_events WHERE status = 'processing' AND "processedAt" < ? AND attempts < ?
       UNION ALL
       SELECT id FROM inbound_events WHERE status = 'failed' AND "processedAt" <= ? AND attempts < ?
       ORDER BY id LIMIT ?)
     RETURNING id`,
    at,
    staleBefore,
    maxAttempts,
    retryBefore,
    maxAttempts,
    limit,
  );
  if (claimed.length === 0) return [];
  const rows = await db.inboundEvent.findMany({ where: { id: { in: claimed.map((r) => Number(r.id)) } }, orderBy: { id: 'asc' } });
  return rows.map((r) => ({
    id: r.id,
    dedupeKey: r.dedupeKey,
    eventType: r.eventType,
    body: r.body,
    attempts: r.attempts,
    receivedAt: r.receivedAt,
  }));
}

export async function markProcessed(db: Db, id: number, now: Date): Promise<void> {
  // Raw: nothing to read back (Prisma's update would return the row, body included).
  await sqlOf(db).run(`UPDATE inbound_events SET status = 'processed', "processedAt" = ?, error = NULL WHERE id = ?`, [
    sqliteTimestamp(now),
    id,
  ]);
}

/** A failure worth retrying (claimUnprocessed takes it again after retryAfterMs). */
export async function markFailed(db: Db, id: number, failure: { now: Date; attempts: number; error: string }): Promise<void> {
  await db.inboundEvent.update({
    where: { id },
    data: { status: 'failed', processedAt: failure.now, attempts: failure.attempts, error: failure.error.slice(0, 500) },
  });
}

/** Never retried: a body that no longer parses, or a card callback whose answer was lost. */
export async function markAbandoned(db: Db, id: number, now: Date, reason: string): Promise<void> {
  await db.inboundEvent.update({ where: { id }, data: { status: 'abandoned', processedAt: now, error: reason.slice(0, 500) } });
}
