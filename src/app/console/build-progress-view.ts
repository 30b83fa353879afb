// The console's Progress page (/): the supervisors' report for the viewer's scope and filters
// (the same builder as `huhuqing report`, so the numbers are the report's), how the cases are
// doing (on track / at risk / overdue), the weekly trend of households on file against the target
// date, and every officer's workload. Charts are VChart specs (src/core/charts/chart-spec.ts).
import type { Viewer } from '../../core/access/viewer.ts';
import { AppError } from '../../core/app-error.ts';
import type { ChartSpec } from '../../core/charts/chart-spec.ts';
import { reportTitle } from '../../core/reports/assemble-report.ts';
import { reportDimensions, type Report, type ReportDimension } from '../../core/reports/report-types.ts';
import { localDate } from '../../core/time/local-date.ts';
import type { Db } from '../../db/create-prisma.ts';
import { queryCaseHealth, type CaseHealthGroup } from '../../db/query-case-health.ts';
import { queryLatestDeadline } from '../../db/query-latest-deadline.ts';
import { regionSql, viewerScopeSql, type SqlPart } from '../../db/viewer-scope-sql.ts';
import { buildReport } from '../build-report.ts';
import { findConsoleRegion, listConsoleRegions, type ConsoleRegion } from './console-regions.ts';
import { breakdownChart, trendChart } from './progress-charts.ts';
import { addDays, daysBetween, weeklyDates } from './weekly-dates.ts';

export interface ProgressDeps {
  db: Db;
  timezone: string;
}

export interface ProgressQuery {
  /** A region's division code; absent: the viewer's whole scope. */
  region?: string | undefined;
  by?: string | undefined;
  weeks?: string | undefined;
  /** The target date (YYYY-MM-DD); absent: the latest 脱困时限 on file. */
  target?: string | undefined;
}

export interface HealthCounts {
  households: number;
  persons: number;
  onTrack: number;
  atRisk: number;
  overdue: number;
  closed: number;
  noCase: number;
}

export interface OfficerLoad extends HealthCounts {
  officerId: number | null;
  name: string;
}

export interface TrendView {
  dates: string[];
  households: number[];
  target: string | null;
  /** Where the count should be on each date to reach 0 on the target date (straight line). */
  ideal: Array<number | null>;
  /** Households per week still to relieve to reach 0 by the target date; null when passed or none. */
  neededPerWeek: number | null;
  /** The average weekly fall over the window (negative when households were added). */
  actualPerWeek: number;
}

export interface ProgressView {
  today: string;
  scopeName: string;
  filters: { region: string | null; by: ReportDimension; weeks: number; target: string | null };
  regions: ConsoleRegion[];
  notices: string[];
  report: Report;
  health: HealthCounts;
  officers: OfficerLoad[];
  trend: TrendView;
  charts: { breakdown: ChartSpec; trend: ChartSpec };
}

export async function buildProgressView(deps: ProgressDeps, viewer: Viewer, query: ProgressQuery, now: Date): Promise<ProgressView> {
  const { db, timezone } = deps;
  const today = localDate(now, timezone);
  const notices: string[] = [];
  const by = (reportDimensions as readonly string[]).includes(query.by ?? '') ? (query.by as ReportDimension) : 'level';
  const weeks = clamp(Number.parseInt(query.weeks ?? '', 10) || 12, 4, 26);
  const regions = await listConsoleRegions(db, viewer);
  const picked = query.region ? await findConsoleRegion(db, viewer, query.region) : null;

  // The report builder's scope: a supervisor is always inside their own region.
  const own = viewer.role === 'supervisor' && picked === null ? regions.find((r) => r.path === viewer.regionPath) : undefined;
  const regionCode = picked?.code ?? own?.code ?? null;
  const officerId = viewer.role === 'officer' ? viewer.personId : null;
  // Never fall back to every region: a supervisor whose region is missing sees nothing.
  if (viewer.role === 'supervisor' && regionCode === null) {
    throw new AppError('forbidden', '你在名册中没有所属地区（或该地区已不存在），看不到任何档案：请管理员在名册中补上你的地区。');
  }
  const scope: SqlPart = combine(viewerScopeSql(viewer), picked ? regionSql(picked.path) : null);

  const report = await buildReport({ db, timezone }, { at: today, since: null, by, region: regionCode, atIsToday: true, officerId });
  const groups = await queryCaseHealth(db, { date: today, now, scope });
  const names = await officerNames(
    db,
    groups.map((g) => g.officerId),
  );

  const dates = weeklyDates(today, weeks);
  const households: number[] = [];
  for (const at of dates) {
    const r =
      at === today
        ? report
        : await buildReport({ db, timezone }, { at, since: null, by: 'level', region: regionCode, atIsToday: false, officerId });
    households.push(r.total.at.households);
  }
  let target = query.target?.trim() || null;
  if (target !== null && !isDate(target)) {
    notices.push(`目标日期「${target}」无效：请写成 YYYY-MM-DD，例如 2026-12-31；已改用档案中最晚的脱困时限。`);
    target = null;
  }
  target ??= await queryLatestDeadline(db, today, scope);
  const trend = trendOf(dates, households, target, today);

  const scopeName =
    viewer.role === 'officer' ? (picked ? `我负责的档案 · ${picked.name}` : '我负责的档案') : (picked?.name ?? own?.name ?? '全部地区');
  return {
    today,
    scopeName,
    filters: { region: picked?.code ?? null, by, weeks, target },
    regions,
    notices,
    // An officer's figures are their own households, whatever region the builder's title names.
    report: viewer.role === 'officer' ? { ...report, title: reportTitle(scopeName, today, by, null) } : report,
    health: sumHealth(groups),
    officers: officerLoads(groups, names),
    trend,
    charts: { breakdown: breakdownChart(report), trend: trendChart(trend, today) },
  };
}

function trendOf(dates: string[], households: number[], target: string | null, today: string): TrendView {
  const first = households[0] ?? 0;
  const last = households[households.length - 1] ?? 0;
  const start = dates[0] ?? today;
  const span = target === null ? 0 : daysBetween(start, target);
  const ideal = dates.map((d) => (target === null || span <= 0 ? null : Math.max(0, Math.round((first * daysBetween(d, target)) / span))));
  const weeksLeft = target === null ? 0 : daysBetween(today, target) / 7;
  return {
    dates,
    households,
    target,
    ideal,
    neededPerWeek: weeksLeft > 0 ? Math.ceil(last / Math.max(1, weeksLeft)) : null,
    actualPerWeek: dates.length > 1 ? Math.round(((first - last) / (dates.length - 1)) * 10) / 10 : 0,
  };
}

function emptyHealth(): HealthCounts {
  return { households: 0, persons: 0, onTrack: 0, atRisk: 0, overdue: 0, closed: 0, noCase: 0 };
}

function add(into: HealthCounts, g: CaseHealthGroup): void {
  into.households += g.households;
  into.persons += g.persons;
  if (g.health === 'on_track') into.onTrack += g.households;
  else if (g.health === 'at_risk') into.atRisk += g.households;
  else if (g.health === 'overdue') into.overdue += g.households;
  else if (g.health === 'closed') into.closed += g.households;
  else into.noCase += g.households;
}

function sumHealth(groups: CaseHealthGroup[]): HealthCounts {
  const total = emptyHealth();
  for (const g of groups) add(total, g);
  return total;
}

function officerLoads(groups: CaseHealthGroup[], names: Map<number, string>): OfficerLoad[] {
  const byOfficer = new Map<number | null, OfficerLoad>();
  for (const g of groups) {
    const load = byOfficer.get(g.officerId) ?? {
      officerId: g.officerId,
      name: g.officerId === null ? '（未指定责任人）' : (names.get(g.officerId) ?? `#${g.officerId}`),
      ...emptyHealth(),
    };
    add(load, g);
    byOfficer.set(g.officerId, load);
  }
  // Most overdue first: who needs chasing.
  return [...byOfficer.values()].sort(
    (a, b) => b.overdue - a.overdue || b.atRisk - a.atRisk || b.households - a.households || a.name.localeCompare(b.name, 'zh'),
  );
}

async function officerNames(db: Db, ids: Array<number | null>): Promise<Map<number, string>> {
  const wanted = [...new Set(ids.filter((id): id is number => id !== null))];
  const people = await db.person.findMany({ where: { id: { in: wanted } }, select: { id: true, name: true } });
  return new Map(people.map((p) => [p.id, p.name]));
}

function combine(a: SqlPart, b: SqlPart | null): SqlPart {
  return b === null ? a : { sql: a.sql + b.sql, params: [...a.params, ...b.params] };
}

function clamp(n: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, n));
}

function isDate(text: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(Date.parse(`${text}T00:00:00Z`)) && addDays(text, 0) === text;
}
