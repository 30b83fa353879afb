// Sent cards stay current: which message shows which case is recorded when it is sent, and a change
// to a case queues a patch of each such message still inside Lark's 14-day patch window (older
// cards are left alone; the next reminder or lookup sends a fresh one).
import type { Tx } from '../cases/engine-deps.ts';
import type { Db } from '../../db/create-prisma.ts';

const patchWindowMs = 14 * 24 * 3600_000 - 3600_000; // an hour's margin before Lark's 14 days
const maxCardsPerCase = 5;

/** The cases a queued message shows, from its payload. */
export function casesOfPayload(payload: unknown): number[] {
  const p = payload as { items?: { caseId?: unknown }[]; caseIds?: unknown[] } | null;
  const ids = [...(p?.items ?? []).map((i) => i.caseId), ...(p?.caseIds ?? [])];
  return [...new Set(ids.filter((x): x is number => typeof x === 'number'))];
}

export async function recordCardMessage(db: Db, outboxId: number, payload: unknown, larkMessageId: string, sentAt: Date): Promise<void> {
  for (const caseId of casesOfPayload(payload)) {
    await db.cardMessage.upsert({
      where: { larkMessageId_caseId: { larkMessageId, caseId } },
      create: { larkMessageId, caseId, outboxId, sentAt },
      update: {},
    });
  }
}

/** Queues one refresh per card showing the case (skipped when one is already waiting for that card). */
export async function enqueueCardRefreshes(tx: Tx, caseId: number, now: Date): Promise<number> {
  // The newest few cards only: older digests showing the case have been superseded by newer ones,
  // and a case's change must cost a bounded number of Lark calls.
  const cards = await tx.cardMessage.findMany({
    where: { caseId, sentAt: { gte: new Date(now.getTime() - patchWindowMs) } },
    orderBy: { sentAt: 'desc' },
    take: maxCardsPerCase,
  });
  let queued = 0;
  for (const card of cards) {
    const waiting = await tx.outboxMessage.count({ where: { kind: 'patch', status: 'pending', receiveId: card.larkMessageId } });
    if (waiting > 0) continue;
    await tx.outboxMessage.create({
      data: {
        idempotencyKey: `refresh:${card.larkMessageId}:${now.getTime()}:${caseId}`,
        kind: 'patch',
        receiveIdType: 'message_id',
        receiveId: card.larkMessageId,
        payload: { type: 'refresh', outboxId: card.outboxId, messageId: card.larkMessageId },
        nextAttemptAt: now,
        createdAt: now,
      },
    });
    queued++;
  }
  return queued;
}

/** A card click answered with one case's card: from now on that message shows this case only. */
export async function recordCaseCardShown(db: Db, larkMessageId: string, caseId: number, at: Date): Promise<void> {
  if (larkMessageId === '') return;
  await db.$transaction([
    db.cardMessage.deleteMany({ where: { larkMessageId, caseId: { not: caseId } } }),
    db.cardMessage.upsert({
      where: { larkMessageId_caseId: { larkMessageId, caseId } },
      create: { larkMessageId, caseId, outboxId: 0, sentAt: at },
      update: { outboxId: 0 },
    }),
  ]);
}
