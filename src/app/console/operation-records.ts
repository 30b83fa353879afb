// The audit trail of the console's operations: each operation writes one summary event
// (cases.deadlines_extended, households.reassigned, chat.bound, households.imported,
// outbox.retried) and, for the bulk ones, one event per case or household in the same transaction,
// so those have the ids just below the summary's. A supervisor sees their own operations, an admin
// everyone's.
import { DateTime } from 'luxon';
import type { Viewer } from '../../core/access/viewer.ts';
import { AppError } from '../../core/app-error.ts';
import { purposeLabels, type ChatPurpose } from '../../core/roster/roster-columns.ts';
import type { Db } from '../../db/create-prisma.ts';
import { listFlowStateTitles } from '../../db/list-flow-state-titles.ts';

export const operationTitles: Record<string, string> = {
  'cases.deadlines_extended': '延长期限',
  'households.reassigned': '改派责任人',
  'chat.bound': '绑定群',
  'households.imported': '导入户档',
  'outbox.retried': '重试消息',
};

export interface OperationListItem {
  id: number;
  at: Date;
  action: string;
  title: string;
  actor: string;
  source: string;
  summary: string;
}

export interface OperationRecord extends OperationListItem {
  /** The per-case / per-household events of a bulk operation. */
  items: { columns: string[]; rows: Array<{ archiveNo: string | null; cells: string[] }>; total: number } | null;
}

type AuditRow = Awaited<ReturnType<Db['auditEvent']['findFirstOrThrow']>>;
type Json = Record<string, unknown>;

const sourceLabels: Record<string, string> = { console: '控制台', admin: '接口/管理', cli: '命令行', chat: '群聊命令', import: '导入' };
const shownItems = 200;

function ownOnly(viewer: Viewer) {
  return viewer.role === 'admin' ? {} : { actor: `person:${viewer.personId ?? -1}` };
}

export async function listOperations(db: Db, viewer: Viewer, take: number): Promise<OperationListItem[]> {
  const rows = await db.auditEvent.findMany({
    where: { action: { in: Object.keys(operationTitles) }, ...ownOnly(viewer), ...(viewer.role === 'admin' ? { source: 'console' } : {}) },
    orderBy: { id: 'desc' },
    take,
  });
  const names = await actorNames(db, rows);
  const describe = await describer(db, rows);
  return rows.map((r) => item(r, names, describe));
}

export async function loadOperationRecord(db: Db, viewer: Viewer, id: number, tz: string): Promise<OperationRecord> {
  const row = Number.isSafeInteger(id) ? await db.auditEvent.findUnique({ where: { id } }) : null;
  const visible =
    row !== null &&
    Object.hasOwn(operationTitles, row.action) &&
    (viewer.role === 'admin' || (viewer.personId !== null && row.actor === `person:${viewer.personId}`));
  if (!visible) throw new AppError('not_found', `没有编号为 ${id} 的操作记录，或它不是你做的操作`);
  const names = await actorNames(db, [row]);
  const record = item(row, names, await describer(db, [row]));
  return { ...record, items: await itemsOf(db, row, tz) };
}

function item(r: AuditRow, names: Map<string, string>, describe: (r: AuditRow) => string): OperationListItem {
  return {
    id: r.id,
    at: r.at,
    action: r.action,
    title: operationTitles[r.action] ?? r.action,
    actor: names.get(r.actor) ?? r.actor,
    source: sourceLabels[r.source] ?? r.source,
    summary: describe(r),
  };
}

async function actorNames(db: Db, rows: AuditRow[]): Promise<Map<string, string>> {
  const ids = [...new Set(rows.map((r) => /^person:(\d+)$/.exec(r.actor)?.[1]).filter((x): x is string => x !== undefined))].map(Number);
  const people = await db.person.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } });
  return new Map(people.map((p) => [`person:${p.id}`, p.name]));
}

/** One line per operation, from its summary event (the names it mentions looked up once for all rows). */
async function describer(db: Db, rows: AuditRow[]): Promise<(r: AuditRow) => string> {
  const regionIds = new Set<number>();
  const personIds = new Set<number>();
  const chatIds = new Set<string>();
  for (const r of rows) {
    const a = (r.after ?? {}) as Json;
    const b = (r.before ?? {}) as Json;
    for (const v of [a.regionId, b.regionId]) if (typeof v === 'number') regionIds.add(v);
    for (const v of [a.fromPersonId, a.toPersonId]) if (typeof v === 'number') personIds.add(v);
    if (typeof a.chatId === 'string') chatIds.add(a.chatId);
  }
  const [regions, people, chats, states] = await Promise.all([
    db.region.findMany({ where: { id: { in: [...regionIds] } }, select: { id: true, name: true } }),
    db.person.findMany({ where: { id: { in: [...personIds] } }, select: { id: true, name: true } }),
    db.chat.findMany({ where: { chatId: { in: [...chatIds] } }, select: { chatId: true, name: true } }),
    listFlowStateTitles(db),
  ]);
  const region = new Map(regions.map((r) => [r.id, r.name]));
  const person = new Map(people.map((p) => [p.id, p.name]));
  const chat = new Map(chats.map((c) => [c.chatId, c.name]));
  const state = new Map(states.map((s) => [s.id, s.title]));
  const num = (v: unknown) => (typeof v === 'number' ? v : 0);
  const str = (v: unknown) => (typeof v === 'string' ? v : '');
  return (r) => {
    const a = (r.after ?? {}) as Json;
    switch (r.action) {
      case 'cases.deadlines_extended':
        return [
          str(a.regionName) || region.get(num(a.regionId)) || '',
          `延长 ${num(a.workdays)} 个工作日`,
          a.state ? `仅「${state.get(str(a.state)) ?? str(a.state)}」` : '全部环节',
          `${num(a.cases)} 个案件`,
          `理由：${str(a.reason)}`,
        ].join(' · ');
      case 'households.reassigned':
        return [
          `${person.get(num(a.fromPersonId)) ?? `#${num(a.fromPersonId)}`} → ${person.get(num(a.toPersonId)) ?? `#${num(a.toPersonId)}`}`,
          `${num(a.households)} 户`,
          `理由：${str(a.reason)}`,
        ].join(' · ');
      case 'chat.bound': {
        const b = r.before as Json | null;
        const label = (p: unknown) => purposeLabels[str(p) as ChatPurpose] ?? str(p);
        const was = b ? `（原为${region.get(num(b.regionId)) ?? '未指定地区'}的${label(b.purpose)}）` : '';
        return `「${chat.get(str(a.chatId)) ?? str(a.chatId)}」绑定为${region.get(num(a.regionId)) ?? ''}的${label(a.purpose)}${was}`;
      }
      case 'households.imported':
        return `${str(a.file)}：新建 ${num(a.created)} 户，更新 ${num(a.updated)} 户，未变 ${num(a.unchanged)} 户，拒绝 ${num(a.rejected)} 行`;
      case 'outbox.retried':
        return `${num(a.count)} 条发送失败的消息重新排队发送`;
      default:
        return '';
    }
  };
}

async function itemsOf(db: Db, r: AuditRow, tz: string): Promise<OperationRecord['items']> {
  const a = (r.after ?? {}) as Json;
  const bulk =
    r.action === 'cases.deadlines_extended'
      ? { action: 'case.deadline_extended', count: Number(a.cases) || 0 }
      : r.action === 'households.reassigned'
        ? { action: 'household.reassigned', count: Number(a.households) || 0 }
        : null;
  if (!bulk) return null;
  // Written in the same transaction just before the summary: the ids right below it.
  const where = { action: bulk.action, actor: r.actor, at: r.at, id: { gte: r.id - bulk.count, lt: r.id } };
  const [events, states] = await Promise.all([
    db.auditEvent.findMany({ where, orderBy: { id: 'asc' }, take: shownItems }),
    listFlowStateTitles(db),
  ]);
  const households = new Map(
    (
      await db.household.findMany({
        where: { id: { in: events.map((e) => e.householdId).filter((x): x is number => x !== null) } },
        select: { id: true, archiveNo: true },
      })
    ).map((h) => [h.id, h.archiveNo]),
  );
  const title = new Map(states.map((s) => [s.id, s.title]));
  const time = (v: unknown) => (typeof v === 'string' ? DateTime.fromISO(v).setZone(tz).toFormat('yyyy-MM-dd HH:mm') : '—');
  const rows = events.map((e) => {
    const archiveNo = e.householdId === null ? null : (households.get(e.householdId) ?? null);
    if (bulk.action === 'household.reassigned') return { archiveNo, cells: [] };
    return {
      archiveNo,
      cells: [
        e.fromState ? (title.get(e.fromState) ?? e.fromState) : '—',
        time((e.before as Json | null)?.deadlineAt),
        time((e.after as Json | null)?.deadlineAt),
      ],
    };
  });
  return {
    columns: bulk.action === 'case.deadline_extended' ? ['档案编号', '所在环节', '原期限', '新期限'] : ['档案编号'],
    rows,
    total: await db.auditEvent.count({ where }),
  };
}
