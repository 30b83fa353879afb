// 重试: failed outbox rows go back to pending, due now, with their attempts reset (the backoff
// starts over). The row keeps its idempotency key, hence its Lark uuid: a message is still never
// delivered twice. Admins only; one audit event per click (outbox.retried) with the rows (the first
// 500 ids) and, for one row, the reason it had failed with.
import type { Viewer } from '../../core/access/viewer.ts';
import { AppError } from '../../core/app-error.ts';
import type { Db } from '../../db/create-prisma.ts';
import { requireAdmin } from './operator-access.ts';

const idsKept = 500;

export async function retryOutbox(
  db: Db,
  viewer: Viewer,
  which: { id: number } | 'all',
  now: Date,
): Promise<{ count: number; auditId: number }> {
  requireAdmin(viewer, '重试发送');
  if (which !== 'all') {
    const row = Number.isSafeInteger(which.id) ? await db.outboxMessage.findUnique({ where: { id: which.id } }) : null;
    if (!row) throw new AppError('not_found', `没有编号为 ${which.id} 的消息`);
    if (row.status !== 'failed')
      throw new AppError('invalid_argument', `消息 #${row.id} 不是发送失败的状态（现在：${row.status}），无需重试`);
  }
  return db.$transaction(async (tx) => {
    const where = { status: 'failed', ...(which === 'all' ? {} : { id: which.id }) };
    const first = await tx.outboxMessage.findMany({ where, select: { id: true, lastError: true }, orderBy: { id: 'asc' }, take: idsKept });
    const { count } = await tx.outboxMessage.updateMany({ where, data: { status: 'pending', nextAttemptAt: now, attempts: 0 } });
    const audit = await tx.auditEvent.create({
      data: {
        at: now,
        actor: `person:${viewer.personId}`,
        source: 'console',
        action: 'outbox.retried',
        after: {
          count,
          ids: first.map((r) => r.id),
          ...(which === 'all' ? { all: true } : { reason: first[0]?.lastError ?? null }),
        },
      },
    });
    return { count, auditId: audit.id };
  });
}
