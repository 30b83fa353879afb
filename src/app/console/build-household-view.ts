// The console's household page (/households/:archiveNo): the file, its cases and its whole
// timeline (every audit event), personal data masked. A household outside the viewer's scope is
// "not found" exactly like one that does not exist, so another county's archive numbers cannot be
// probed by URL. The full view (查看完整信息) is for those who may see personal data, and each one
// is recorded as an audit event before anything is shown.
import { DateTime } from 'luxon';
import type { Viewer } from '../../core/access/viewer.ts';
import { auditActionLabel, auditSourceLabels } from '../../core/audit/audit-action-labels.ts';
import { maskIdNumber, maskName, maskPhone } from '../../core/privacy/mask.ts';
import { revealsHealth } from '../../core/privacy/reveals-health.ts';
import type { Db } from '../../db/create-prisma.ts';
import { listFlowStateTitles } from '../../db/list-flow-state-titles.ts';
import { openHouseholdForViewer } from '../access/open-household-for-viewer.ts';
import { caseTimeline } from '../cases/case-timeline.ts';
import { loadFlowLabels } from './flow-labels.ts';

export { personalDataViewedAction, personalFields } from '../access/open-household-for-viewer.ts';

export interface HouseholdPageView {
  full: boolean;
  mayViewFull: boolean;
  household: {
    archiveNo: string;
    archiveLevel: string;
    regionChain: string;
    headName: string;
    idNumber: string;
    phone: string | null;
    employer: string | null;
    persons: number;
    causes: string[];
    hiddenCauses: number;
    tier: string | null;
    officerName: string | null;
    deadline: string | null;
    filedOn: string;
    closedOn: string | null;
    closedReason: string | null;
  };
  cases: Array<{
    id: number;
    campaign: string;
    flow: string;
    stateTitle: string;
    active: boolean;
    deadlineAt: Date | null;
    overdue: boolean;
    openEscalations: number;
  }>;
  events: Array<{ at: Date; action: string; actor: string; source: string; move: string | null; details: string[] }>;
}

export async function buildHouseholdView(
  db: Db,
  viewer: Viewer,
  input: { archiveNo: string; full: boolean; now: Date; timezone: string },
): Promise<HouseholdPageView> {
  const archiveNo = input.archiveNo.trim().toUpperCase();
  const { mayViewFull } = await openHouseholdForViewer(db, viewer, {
    archiveNo,
    full: input.full,
    actor: `person:${viewer.personId}`,
    source: 'console',
    now: input.now,
    messages: {
      notFound: '没有找到这户档案，或它不在你的查看范围内：请核对档案编号',
      noFullView: '你可以查看这户的脱敏信息，但无权查看完整个人信息',
    },
  });

  const t = await caseTimeline(db, archiveNo);
  const h = t.household;
  const [titles, chain, escalations, actors, flowLabels] = await Promise.all([
    listFlowStateTitles(db).then((list) => new Map(list.map((s) => [s.id, s.title]))),
    regionChain(db, h.region.path),
    db.escalation.groupBy({ by: ['caseId'], where: { caseId: { in: t.cases.map((c) => c.id) }, status: 'open' }, _count: true }),
    actorNames(
      db,
      t.events.map((e) => e.actor),
    ),
    loadFlowLabels(db, t.cases),
  ]);
  const show = (v: unknown, key: string) =>
    showValue(key === 'event' ? (flowLabels.events.get(String(v)) ?? v) : v, key, input.full, input.timezone);
  const label = (key: string) => flowLabels.fields.get(key) ?? keyLabels[key] ?? key;
  const title = (state: string | null) => (state === null ? '' : (titles.get(state) ?? state));
  const causes = h.causes === '' ? [] : h.causes.split('、');
  const shownCauses = input.full ? causes : causes.filter((c) => !revealsHealth(c));
  return {
    full: input.full,
    mayViewFull,
    household: {
      archiveNo: h.archiveNo,
      archiveLevel: h.archiveLevel,
      regionChain: chain,
      headName: input.full ? h.headName : maskName(h.headName),
      idNumber: input.full ? h.idNumber : maskIdNumber(h.idNumber),
      phone: h.phone === null ? null : input.full ? h.phone : maskPhone(h.phone),
      employer: h.employer === null ? null : input.full ? h.employer : '（已隐藏）',
      persons: h.persons,
      causes: shownCauses,
      hiddenCauses: causes.length - shownCauses.length,
      tier: h.tier,
      officerName: h.officer?.name ?? null,
      deadline: h.deadline,
      filedOn: h.filedOn,
      closedOn: h.closedOn,
      closedReason: h.closedReason,
    },
    cases: t.cases.map((c) => ({
      id: c.id,
      campaign: c.campaign,
      flow: `${c.flowId} 第 ${c.flowVersion} 版`,
      stateTitle: title(c.state),
      active: c.status === 'active',
      deadlineAt: c.status === 'active' ? c.deadlineAt : null,
      overdue: c.status === 'active' && c.deadlineAt !== null && c.deadlineAt < input.now,
      openEscalations: escalations.find((e) => e.caseId === c.id)?._count ?? 0,
    })),
    events: t.events.map((e) => ({
      at: e.at,
      action: auditActionLabel(e.action),
      actor: actors.get(e.actor) ?? actorLabel(e.actor),
      source: auditSourceLabels[e.source] ?? e.source,
      move: moveOf(title(e.fromState), title(e.toState)),
      details: [...describeJson(e.before, '原', label, show), ...describeJson(e.after, '', label, show)],
    })),
  };
}

function moveOf(from: string, to: string): string | null {
  if (from && to && from !== to) return `${from} → ${to}`;
  return from || to || null;
}

async function regionChain(db: Db, path: string): Promise<string> {
  const ids = path
    .split('/')
    .filter((p) => p !== '')
    .map(Number);
  const regions = await db.region.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } });
  return ids.map((id) => regions.find((r) => r.id === id)?.name ?? '').join(' ');
}

async function actorNames(db: Db, actors: string[]): Promise<Map<string, string>> {
  const ids = [...new Set(actors.flatMap((a) => (/^person:\d+$/.test(a) ? [Number(a.slice(7))] : [])))];
  const people = await db.person.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } });
  return new Map(people.map((p) => [`person:${p.id}`, p.name]));
}

function actorLabel(actor: string): string {
  return { scheduler: '系统（定时任务）', import: '导入', cli: '命令行', demo: '演示数据', test: '测试' }[actor] ?? actor;
}

const keyLabels: Record<string, string> = {
  event: '事件',
  deadlineAt: '期限',
  asDelegate: '代办',
  target: '督办对象',
  rung: '级次',
  repeat: '重复',
  urgent: '加急',
  to: '发送给',
  officerId: '责任人编号',
  reason: '原因',
  workdays: '工作日',
  fields: '字段',
  viewer: '查看人',
  via: '方式',
  campaign: '工作',
  flowId: '流程',
  flowVersion: '版本',
  version: '版本',
  headName: '户主姓名',
  idNumber: '身份证号',
  phone: '联系电话',
  employer: '工作单位',
  causes: '致困原因',
  persons: '家庭人口',
};
const personalKeys = new Set(['headName', 'idNumber', 'phone', 'employer', 'name']);

/** An audit event's before/after as short "key：value" lines; personal values hidden unless full. */
function describeJson(value: unknown, prefix: string, label: (key: string) => string, show: (v: unknown, key: string) => string): string[] {
  if (value === null || value === undefined || typeof value !== 'object' || Array.isArray(value)) return [];
  const lines: string[] = [];
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    if (v === null || v === undefined || v === '' || v === false) continue;
    // The form a person filled in is listed field by field.
    if (typeof v === 'object' && !Array.isArray(v)) lines.push(...describeJson(v, prefix, label, show));
    else lines.push(`${prefix}${label(key)}：${show(v, key)}`);
  }
  return lines;
}

function showValue(v: unknown, key: string, full: boolean, timezone: string): string {
  const text = Array.isArray(v) ? v.map(String).join('、') : v === true ? '是' : String(v);
  if (!full && key !== 'fields' && text !== '（已变更）' && (personalKeys.has(key) || revealsHealth(text))) return '（已隐藏）';
  const instant = /^\d{4}-\d{2}-\d{2}T/.test(text) ? DateTime.fromISO(text).setZone(timezone) : null;
  return instant?.isValid ? instant.toFormat('yyyy-MM-dd HH:mm') : text;
}
