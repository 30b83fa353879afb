// Use-case: a supervisor's report — households and persons on file at a date, by one dimension,
// optionally compared with an earlier date. The figures come from SQL aggregations; nothing loads
// all households. See docs/reports.md for the exact semantics.
import { DateTime } from 'luxon';
import { assembleReport } from '../core/reports/assemble-report.ts';
import { pickReportRegion } from '../core/reports/pick-report-region.ts';
import type { ReportRequest } from '../core/reports/parse-report-request.ts';
import type { Report } from '../core/reports/report-types.ts';
import type { Db } from '../db/create-prisma.ts';
import { listFlowStateTitles } from '../db/list-flow-state-titles.ts';
import { findRegionsByNameOrCode, listRegionsInScope } from '../db/list-report-regions.ts';
import { queryReportCounts } from '../db/query-report-counts.ts';
import { queryReportMovements } from '../db/query-report-movements.ts';

export interface BuildReportDeps {
  db: Db;
  /** IANA zone in which a date ends (HUHUQING_TIMEZONE); audit events are instants. */
  timezone: string;
}

export const allRegionsName = '全部地区';

export async function buildReport(
  deps: BuildReportDeps,
  request: Pick<ReportRequest, 'at' | 'since' | 'by' | 'region' | 'atIsToday'> & {
    /** Only this officer's households (the console of an officer, whose scope is their own households). */
    officerId?: number | null;
  },
): Promise<Report> {
  const { db, timezone } = deps;
  const officerId = request.officerId ?? null;
  const scope = request.region === null ? null : pickReportRegion(request.region, await findRegionsByNameOrCode(db, request.region));
  const scopePath = scope?.path ?? null;

  // The state at a past date is replayed from the audit trail up to the end of that day; today's is Case.state.
  const fromTrail = request.by === 'state' && !request.atIsToday;
  const countsAt = (date: string, useTrail: boolean) =>
    queryReportCounts(db, { date, dimension: request.by, scopePath, officerId, stateBefore: useTrail ? endOfDay(date, timezone) : null });

  const [groupsAt, groupsSince, movements, regions, states] = await Promise.all([
    countsAt(request.at, fromTrail),
    request.since === null ? null : countsAt(request.since, request.by === 'state'),
    request.since === null ? null : queryReportMovements(db, request.since, request.at, scopePath, officerId),
    request.by === 'region' ? listRegionsInScope(db, scopePath) : [],
    request.by === 'state' ? listFlowStateTitles(db) : [],
  ]);

  return assembleReport({
    dimension: request.by,
    scopeName: scope?.name ?? allRegionsName,
    at: request.at,
    since: request.since,
    groupsAt,
    groupsSince,
    movements,
    regions,
    states,
    stateSource: fromTrail ? 'trail' : 'current',
    timezone,
  });
}

/** The first instant after the date in the zone (its end, exclusive). */
export function endOfDay(date: string, timezone: string): Date {
  return DateTime.fromISO(date, { zone: timezone }).plus({ days: 1 }).toJSDate();
}
