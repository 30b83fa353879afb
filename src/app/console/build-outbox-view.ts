// The Outbox page (/outbox): what the bot has still to send, what Lark refused and why, the monthly
// API quota and the inbound events not processed yet. Counts are the whole system's (they are its
// health); the lists of messages are the viewer's: an admin sees every message, a supervisor those
// to chats and people of their regions (a card refresh counts by the case it shows).
import { DateTime } from 'luxon';
import { canSeeRegion, type Viewer } from '../../core/access/viewer.ts';
import type { Db } from '../../db/create-prisma.ts';
import { quotaStopped } from '../lark/run-outbox.ts';
import { requireOperator } from './operator-access.ts';

/** The free edition's API calls per month and tenant (lark-platform.md §4.1). */
export const monthlyQuota = 10_000;
/** Lark is a China service: its months (and the quota) turn over in China time. */
const quotaZone = 'Asia/Shanghai';

export interface OutboxRowView {
  id: number;
  what: string;
  to: string;
  attempts: number;
  createdAt: Date;
  nextAttemptAt: Date;
  /** lastError: the Chinese reason the sender recorded (classify-lark-error.ts), with Lark's code. */
  reason: string | null;
  code: number | null;
}

export interface OutboxView {
  counts: { pending: number; sending: number; failed: number };
  oldestWaiting: Date | null;
  waiting: OutboxRowView[];
  failed: OutboxRowView[];
  /** Failed messages the viewer may see (the list shows at most `failed.length`). */
  failedVisible: number;
  quota: { used: number; limit: number; since: Date; stopped: boolean };
  inbound: { received: number; processing: number; failed: number; abandoned: number; oldestWaiting: Date | null };
  mayRetry: boolean;
}

const payloadLabels: Record<string, string> = {
  card: '卡片',
  text: '文本消息',
  reminder_digest: '提醒汇总',
  escalation: '督办卡片',
  urgent: '加急（应用内）',
  daily_digest: '每日简报',
  refresh: '更新已发出的卡片',
};

const listed = 100;

export async function buildOutboxView(db: Db, viewer: Viewer, now: Date): Promise<OutboxView> {
  requireOperator(viewer, '查看消息发送情况');
  const since = DateTime.fromJSDate(now).setZone(quotaZone).startOf('month').toJSDate();
  const [byStatus, oldest, waitingRows, failedRows, used, stopped, inbound, oldestInbound] = await Promise.all([
    db.outboxMessage.groupBy({ by: ['status'], where: { status: { in: ['pending', 'sending', 'failed'] } }, _count: { _all: true } }),
    db.outboxMessage.findFirst({ where: { status: { in: ['pending', 'sending'] } }, orderBy: { id: 'asc' }, select: { createdAt: true } }),
    db.outboxMessage.findMany({
      where: { status: { in: ['pending', 'sending'] } },
      orderBy: { id: 'asc' },
      take: viewer.role === 'admin' ? 20 : 200,
    }),
    db.outboxMessage.findMany({ where: { status: 'failed' }, orderBy: { id: 'desc' }, take: viewer.role === 'admin' ? listed : 500 }),
    // Every outbox row is one Lark call that counts toward the quota (send, reply, patch, buzz);
    // a row marked sent is a call Lark accepted this month.
    db.outboxMessage.count({ where: { status: 'sent', sentAt: { gte: since } } }),
    quotaStopped(db, now),
    db.inboundEvent.groupBy({
      by: ['status'],
      where: { status: { in: ['received', 'processing', 'failed', 'abandoned'] } },
      _count: { _all: true },
    }),
    db.inboundEvent.findFirst({
      where: { status: { in: ['received', 'processing', 'failed'] } },
      orderBy: { receivedAt: 'asc' },
      select: { receivedAt: true },
    }),
  ]);
  const count = (rows: { status: string; _count: { _all: number } }[], s: string) => rows.find((r) => r.status === s)?._count._all ?? 0;
  const recipients = await describeRecipients(db, [...waitingRows, ...failedRows]);
  const visible = (rows: typeof failedRows) =>
    rows
      .map((r) => ({ row: r, to: recipients.get(r.id) ?? { label: r.receiveId ?? '—', regionPath: null } }))
      .filter(({ to }) => viewer.role === 'admin' || (to.regionPath !== null && canSeeRegion(viewer, to.regionPath)));
  const failed = visible(failedRows);
  const waiting = visible(waitingRows).slice(0, 20);
  return {
    counts: { pending: count(byStatus, 'pending'), sending: count(byStatus, 'sending'), failed: count(byStatus, 'failed') },
    oldestWaiting: oldest?.createdAt ?? null,
    waiting: waiting.map(({ row, to }) => rowView(row, to.label)),
    failed: failed.slice(0, listed).map(({ row, to }) => rowView(row, to.label)),
    failedVisible: viewer.role === 'admin' ? count(byStatus, 'failed') : failed.length,
    quota: { used, limit: monthlyQuota, since, stopped },
    inbound: {
      received: count(inbound, 'received'),
      processing: count(inbound, 'processing'),
      failed: count(inbound, 'failed'),
      abandoned: count(inbound, 'abandoned'),
      oldestWaiting: oldestInbound?.receivedAt ?? null,
    },
    mayRetry: viewer.role === 'admin',
  };
}

type Row = Awaited<ReturnType<Db['outboxMessage']['findFirstOrThrow']>>;

function rowView(r: Row, to: string): OutboxRowView {
  const type = (r.payload as { type?: unknown } | null)?.type;
  const code = r.lastError ? /（(\d{4,9})）/.exec(r.lastError)?.[1] : undefined;
  return {
    id: r.id,
    what: (typeof type === 'string' ? payloadLabels[type] : undefined) ?? (r.kind === 'patch' ? '更新已发出的卡片' : r.kind),
    to,
    attempts: r.attempts,
    createdAt: r.createdAt,
    nextAttemptAt: r.nextAttemptAt,
    reason: r.lastError,
    code: code ? Number(code) : null,
  };
}

/** Who each row goes to, in words, and the region that makes it visible to a supervisor. */
async function describeRecipients(db: Db, rows: Row[]): Promise<Map<number, { label: string; regionPath: string | null }>> {
  const ids = (type: string) => [...new Set(rows.filter((r) => r.receiveIdType === type && r.receiveId).map((r) => r.receiveId!))];
  const [chats, byOpenId, byId, cards] = await Promise.all([
    db.chat.findMany({ where: { chatId: { in: ids('chat_id') } }, include: { region: true } }),
    db.person.findMany({ where: { openId: { in: ids('open_id') } }, include: { region: true } }),
    db.person.findMany({ where: { id: { in: ids('person_id').map(Number).filter(Number.isSafeInteger) } }, include: { region: true } }),
    db.cardMessage.findMany({ where: { larkMessageId: { in: ids('message_id') } }, select: { larkMessageId: true, caseId: true } }),
  ]);
  const cases = await db.case.findMany({ where: { id: { in: cards.map((c) => c.caseId) } }, include: { region: true, household: true } });
  const chat = new Map(chats.map((c) => [c.chatId, c]));
  const open = new Map(byOpenId.map((p) => [p.openId!, p]));
  const person = new Map(byId.map((p) => [String(p.id), p]));
  const caseOf = new Map(cases.map((c) => [c.id, c]));
  const card = new Map(cards.map((c) => [c.larkMessageId, caseOf.get(c.caseId)]));
  const out = new Map<number, { label: string; regionPath: string | null }>();
  for (const r of rows) {
    const id = r.receiveId ?? '';
    if (r.receiveIdType === 'chat_id') {
      const c = chat.get(id);
      out.set(r.id, { label: c ? `群「${c.name ?? id}」` : `群 ${id}（未绑定）`, regionPath: c?.region?.path ?? null });
    } else if (r.receiveIdType === 'open_id' || r.receiveIdType === 'person_id') {
      const p = r.receiveIdType === 'open_id' ? open.get(id) : person.get(id);
      out.set(r.id, { label: p ? p.name : `${id}（不在名册中）`, regionPath: p?.region?.path ?? null });
    } else if (r.receiveIdType === 'message_id') {
      const c = card.get(id);
      out.set(r.id, { label: c ? `卡片（${c.household.archiveNo}）` : '已发出的卡片', regionPath: c?.region.path ?? null });
    } else {
      out.set(r.id, { label: id || '—', regionPath: null });
    }
  }
  return out;
}
