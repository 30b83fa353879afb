// Builds the finished report from the database's groups: ordered rows, the 合计 row, the change
// since the comparison date, the title and the notes under the table. Pure: no I/O, no clock.
import { archiveLevels } from '../households/household.ts';
import { formatCount } from './format-report-number.ts';
import { nextDay } from './parse-report-date.ts';
import { planReportRows, type RowPlanContext } from './plan-report-rows.ts';
import {
  dimensionLabels,
  totalLabel,
  type Figures,
  type Report,
  type ReportDimension,
  type ReportGroup,
  type ReportMovements,
  type ReportRow,
} from './report-types.ts';

export interface AssembleReportInput extends RowPlanContext {
  dimension: ReportDimension;
  scopeName: string;
  at: string;
  since: string | null;
  groupsAt: readonly ReportGroup[];
  groupsSince: readonly ReportGroup[] | null;
  movements: ReportMovements | null;
  /** For the state report: 'trail' when states were replayed from the audit trail at the date's end, 'current' for Case.state. */
  stateSource?: 'trail' | 'current';
  timezone?: string;
}

export function assembleReport(input: AssembleReportInput): Report {
  const plan = planReportRows(input.dimension, input);
  const sumsAt = sumByRow(input.groupsAt, plan.classify);
  const sumsSince = input.groupsSince === null ? null : sumByRow(input.groupsSince, plan.classify);

  const known = new Set(plan.rows.map((r) => r.id));
  const extraIds = [...new Set([...sumsAt.keys(), ...(sumsSince?.keys() ?? [])])].filter((id) => !known.has(id)).sort();
  const specs = [...plan.rows, ...extraIds.map((id) => ({ id, labels: padLabels(id, plan.labelHeaders.length), keepWhenZero: false }))];

  const rows: ReportRow[] = [];
  for (const spec of specs) {
    const at = sumsAt.get(spec.id) ?? zero();
    const since = sumsSince === null ? null : (sumsSince.get(spec.id) ?? zero());
    if (!spec.keepWhenZero && at.households === 0 && (since === null || since.households === 0)) continue;
    rows.push(row(spec.labels, at, since));
  }
  // Every household is in exactly one group, so the groups' sum counts each household once (causes included).
  const total = row(
    padLabels(totalLabel, plan.labelHeaders.length),
    sum(input.groupsAt),
    input.groupsSince === null ? null : sum(input.groupsSince),
  );

  return {
    title: reportTitle(input.scopeName, input.at, input.dimension, input.since),
    dimension: input.dimension,
    scopeName: input.scopeName,
    at: input.at,
    since: input.since,
    labelHeaders: plan.labelHeaders,
    rows,
    total,
    notes: reportNotes(input),
  };
}

export function reportTitle(scopeName: string, at: string, dimension: ReportDimension, since: string | null): string {
  const compare = since === null ? '' : `，与 ${since} 比较`;
  return `${scopeName} 困难职工档案 截至 ${at}（按${dimensionLabels[dimension]}${compare}）`;
}

function reportNotes(input: AssembleReportInput): string[] {
  const notes: string[] = [];
  if (input.dimension === 'cause') {
    notes.push('注：一户有多个致困原因时分别计入每个原因，各行之和会大于合计；合计按户计，每户只计一次。');
  }
  if (input.dimension === 'state') {
    notes.push(
      input.stateSource === 'trail'
        ? `注：办理状态为 ${input.at} 日终（${input.timezone ?? 'Asia/Shanghai'}）时的状态，按审计记录中最后一次状态变更还原；未立案指当时没有办理记录的档案。`
        : '注：办理状态为当前状态；未立案指没有办理记录的档案。',
    );
  }
  if (input.movements !== null && input.since !== null) {
    const range = `${nextDay(input.since)} 至 ${input.at}`;
    const m = input.movements;
    notes.push(`新建档（${range}）：${formatCount(m.filed.households)} 户，${formatCount(m.filed.persons)} 人`);
    const closed = sum(m.closed);
    let line = `销档（${range}）：${formatCount(closed.households)} 户，${formatCount(closed.persons)} 人`;
    if (closed.households > 0) {
      const byReason = tally(m.closed, (c) => c.reason ?? '未注明原因');
      const byLevel = tally(m.closed, (c) => c.level);
      const levels = [
        ...archiveLevels.filter((l) => byLevel.has(l)),
        ...[...byLevel.keys()].filter((l) => !(archiveLevels as readonly string[]).includes(l)).sort(),
      ];
      const reasons = [...byReason.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
      line += `；按原因：${reasons.map(([r, n]) => `${r} ${formatCount(n)} 户`).join('、')}`;
      line += `；按档案级别：${levels.map((l) => `${l} ${formatCount(byLevel.get(l) ?? 0)} 户`).join('、')}`;
    }
    notes.push(line);
  }
  return notes;
}

function sumByRow(groups: readonly ReportGroup[], classify: (key: ReportGroup['key']) => string[]): Map<string, Figures> {
  const sums = new Map<string, Figures>();
  for (const g of groups) {
    for (const id of classify(g.key)) {
      const s = sums.get(id) ?? zero();
      s.households += g.households;
      s.persons += g.persons;
      sums.set(id, s);
    }
  }
  return sums;
}

function tally<T extends { households: number }>(items: readonly T[], keyOf: (item: T) => string): Map<string, number> {
  const out = new Map<string, number>();
  for (const item of items) out.set(keyOf(item), (out.get(keyOf(item)) ?? 0) + item.households);
  return out;
}

function row(labels: string[], at: Figures, since: Figures | null): ReportRow {
  const change = since === null ? null : { households: at.households - since.households, persons: at.persons - since.persons };
  return { labels, at, since, change };
}

function sum(items: readonly Figures[]): Figures {
  return items.reduce((s, g) => ({ households: s.households + g.households, persons: s.persons + g.persons }), zero());
}

function zero(): Figures {
  return { households: 0, persons: 0 };
}

function padLabels(first: string, width: number): string[] {
  return [first, ...new Array<string>(Math.max(0, width - 1)).fill('')];
}
