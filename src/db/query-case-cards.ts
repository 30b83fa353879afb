// What a change to a case means for the cards already sent, in one read (inside the change's atomic
// step): the case's newest cards inside the patch window, each with whether a patch of it is already
// waiting in the outbox, and which cases the clicked message is recorded as showing. Through Prisma
// these are 2 + one count per card, each compiled and mapped on its own; the same SQL runs on D1.
import type { Db } from './create-prisma.ts';
import type { Tx } from './in-transaction.ts';
import { sqlOf } from './direct-sql.ts';
import { rawBool, rawDateOrNull, rawInt, rawText } from './raw-values.ts';
import { sqliteTimestamp } from './sqlite-timestamp.ts';

export interface CaseCards {
  /** Newest first. */
  cards: Array<{ larkMessageId: string; outboxId: number; waiting: boolean }>;
  /** The rows of the message `shownOn`: the cases it shows (empty without `shownOn`). */
  shown: Array<{ caseId: number; outboxId: number }>;
}

const casePart = `SELECT 'case' AS part, cm."larkMessageId", cm."caseId", cm."outboxId", cm."sentAt",
    EXISTS (SELECT 1 FROM outbox o WHERE o."receiveId" = cm."larkMessageId" AND o.kind = 'patch' AND o.status = 'pending') AS waiting
  FROM (SELECT "larkMessageId", "caseId", "outboxId", "sentAt" FROM card_messages
        WHERE "caseId" = ? AND "sentAt" >= ? ORDER BY "sentAt" DESC LIMIT ?) cm`;
const shownPart = `SELECT 'shown', "larkMessageId", "caseId", "outboxId", "sentAt", 0 FROM card_messages WHERE "larkMessageId" = ?`;

export async function queryCaseCards(db: Db | Tx, q: { caseId: number; since: Date; limit: number; shownOn?: string }): Promise<CaseCards> {
  const params: unknown[] = [q.caseId, sqliteTimestamp(q.since), q.limit];
  const sql = q.shownOn === undefined ? casePart : `${casePart} UNION ALL ${shownPart}`;
  if (q.shownOn !== undefined) params.push(q.shownOn);
  const rows = await sqlOf(db).all(sql, params);
  const mine = rows.filter((r) => r.part === 'case');
  // Newest first, as the subquery took them (a compound SELECT does not promise its order).
  const sentAt = (r: Record<string, unknown>) => rawDateOrNull(r.sentAt)?.getTime() ?? 0;
  mine.sort((a, b) => sentAt(b) - sentAt(a));
  return {
    cards: mine.map((r) => ({ larkMessageId: rawText(r.larkMessageId), outboxId: rawInt(r.outboxId), waiting: rawBool(r.waiting) })),
    shown: rows.filter((r) => r.part !== 'case').map((r) => ({ caseId: rawInt(r.caseId), outboxId: rawInt(r.outboxId) })),
  };
}
