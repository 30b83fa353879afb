// Sent cards stay current: which message shows which case is recorded when it is sent, and a change
// to a case queues a patch of each such message still inside Lark's 14-day patch window (older
// cards are left alone; the next reminder or lookup sends a fresh one).
import type { Tx } from '../cases/engine-deps.ts';
import type { Db } from '../../db/create-prisma.ts';
import { queryCaseCards } from '../../db/query-case-cards.ts';

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

/**
 * Queues one refresh per card showing the case (skipped when one is already waiting for that card).
 * `change` names the change (a case version, an escalation): with the time it keys the refreshes,
 * so two changes of one case in the same millisecond each queue theirs. `shownOn`: the message a
 * click on this case is answered on, with the case's card: from now on it shows this case only
 * (recorded here, in the same step, unless it already does).
 */
export async function enqueueCardRefreshes(tx: Tx, caseId: number, now: Date, change: string, shownOn?: string): Promise<number> {
  // The newest few cards only: older digests showing the case have been superseded by newer ones,
  // and a case's change must cost a bounded number of Lark calls.
  const { cards, shown } = await queryCaseCards(tx, {
    caseId,
    since: new Date(now.getTime() - patchWindowMs),
    limit: maxCardsPerCase,
    ...(shownOn ? { shownOn } : {}),
  });
  // The clicked message is not patched: the click's answer replaces its card already, and a
  // patch would cost a Lark call (of the month's quota) to show the same thing again.
  const refreshes = cards
    .filter((card) => !card.waiting && card.larkMessageId !== shownOn)
    .map((card) => ({
      idempotencyKey: `refresh:${card.larkMessageId}:${now.getTime()}:${caseId}:${change}`,
      kind: 'patch',
      receiveIdType: 'message_id',
      receiveId: card.larkMessageId,
      payload: { type: 'refresh', outboxId: card.outboxId, messageId: card.larkMessageId },
      nextAttemptAt: now,
      createdAt: now,
    }));
  if (refreshes.length > 0) await tx.outboxMessage.createMany({ data: refreshes });
  // Written after the read above: a step does not read its own writes (held back on D1).
  const showsOnlyThis = shown.length === 1 && shown[0]!.caseId === caseId && shown[0]!.outboxId === 0;
  if (shownOn && !showsOnlyThis) await recordCaseCardShownIn(tx, shownOn, caseId, now);
  return refreshes.length;
}

/** A card click answered with one case's card: from now on that message shows this case only. */
export async function recordCaseCardShown(db: Db, larkMessageId: string, caseId: number, at: Date): Promise<void> {
  if (larkMessageId === '') return;
  await db.$transaction([
    db.cardMessage.deleteMany({ where: { larkMessageId, caseId: { not: caseId } } }),
    db.cardMessage.upsert(cardShown(larkMessageId, caseId, at)),
  ]);
}

/** The same inside a transition's atomic step (sendCaseEvent's `cardShownOn`): no transaction of its own. */
async function recordCaseCardShownIn(tx: Tx, larkMessageId: string, caseId: number, at: Date): Promise<void> {
  if (larkMessageId === '') return;
  await tx.cardMessage.deleteMany({ where: { larkMessageId, caseId: { not: caseId } } });
  await tx.cardMessage.upsert(cardShown(larkMessageId, caseId, at));
}

function cardShown(larkMessageId: string, caseId: number, at: Date) {
  return {
    where: { larkMessageId_caseId: { larkMessageId, caseId } },
    create: { larkMessageId, caseId, outboxId: 0, sentAt: at },
    update: { outboxId: 0 },
  };
}
