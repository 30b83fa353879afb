// Outgoing messages are outbox rows, written in the same transaction as the change that causes
// them; the Lark channel's worker sends them. The idempotency key makes a repeated write a no-op.
import type { Tx } from '../cases/engine-deps.ts';

export interface Recipient {
  kind: 'chat' | 'person';
  /** chat_id, or the person's open_id (null until it is resolved from their mobile/email) */
  larkId: string | null;
  personId?: number;
}

export async function enqueueMessage(tx: Tx, key: string, to: Recipient, payload: object, now: Date, kind = 'send'): Promise<void> {
  const receiveIdType = to.kind === 'chat' ? 'chat_id' : to.larkId ? 'open_id' : 'person_id';
  const receiveId = to.larkId ?? String(to.personId ?? '');
  await tx.outboxMessage.upsert({
    where: { idempotencyKey: key },
    create: { idempotencyKey: key, kind, receiveIdType, receiveId, payload, status: 'pending', nextAttemptAt: now, createdAt: now },
    // A no-op update: it makes Prisma write one INSERT … ON CONFLICT DO UPDATE (one statement,
    // nothing read back), which an atomic step on D1 can hold back for its batch.
    update: { idempotencyKey: key },
  });
}
