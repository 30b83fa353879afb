// The console's Households page (/households): search the viewer's households by archive number,
// masked name, region, case state and overdue, a page at a time. Names are shown and matched masked.
import type { Viewer } from '../../core/access/viewer.ts';
import type { FlowStateTitle } from '../../core/reports/plan-report-rows.ts';
import { maskName } from '../../core/privacy/mask.ts';
import { localDate } from '../../core/time/local-date.ts';
import type { Db } from '../../db/create-prisma.ts';
import { listFlowStateTitles } from '../../db/list-flow-state-titles.ts';
import { likeEscape, searchHouseholds } from '../../db/search-households.ts';
import { viewerScopeSql } from '../../db/viewer-scope-sql.ts';
import { findConsoleRegion, listConsoleRegions, type ConsoleRegion } from './console-regions.ts';

export const pageSize = 20;

export interface HouseholdListQuery {
  no?: string | undefined;
  name?: string | undefined;
  region?: string | undefined;
  state?: string | undefined;
  overdue?: string | undefined;
  file?: string | undefined;
  page?: string | undefined;
}

export interface HouseholdListRow {
  archiveNo: string;
  archiveLevel: string;
  regionName: string;
  maskedName: string;
  persons: number;
  tier: string | null;
  officerName: string | null;
  stateTitle: string;
  closedOn: string | null;
  deadlineAt: Date | null;
  overdue: boolean;
}

export interface HouseholdListView {
  filters: { no: string; name: string; region: string; state: string; overdue: boolean; file: 'open' | 'closed' | 'all' };
  regions: ConsoleRegion[];
  states: FlowStateTitle[];
  total: number;
  page: number;
  pages: number;
  rows: HouseholdListRow[];
}

export async function findHouseholds(
  deps: { db: Db; timezone: string },
  viewer: Viewer,
  query: HouseholdListQuery,
  now: Date,
): Promise<HouseholdListView> {
  const { db } = deps;
  const no = (query.no ?? '').trim();
  const name = (query.name ?? '').trim();
  const state = (query.state ?? '').trim();
  const file = query.file === 'closed' || query.file === 'all' ? query.file : 'open';
  const overdue = query.overdue === '1' || query.overdue === 'on';
  const region = query.region ? await findConsoleRegion(db, viewer, query.region.trim()) : null;
  const [regions, states] = await Promise.all([listConsoleRegions(db, viewer), listFlowStateTitles(db)]);
  const search = {
    scope: viewerScopeSql(viewer),
    regionPath: region?.path ?? null,
    archiveNo: no === '' ? null : no,
    maskedNamePattern: maskedNamePattern(name),
    state: state === '' ? null : state,
    overdueOnly: overdue,
    file,
    today: localDate(now, deps.timezone),
    now,
  } as const;
  const first = await searchHouseholds(db, { ...search, limit: pageSize, offset: 0 });
  const pages = Math.max(1, Math.ceil(first.total / pageSize));
  const page = Math.min(pages, Math.max(1, Number.parseInt(query.page ?? '1', 10) || 1));
  const found = page === 1 ? first : await searchHouseholds(db, { ...search, limit: pageSize, offset: (page - 1) * pageSize });
  const titles = new Map(states.map((s) => [s.id, s.title]));
  return {
    filters: { no, name, region: region?.code ?? '', state, overdue, file },
    regions,
    states,
    total: found.total,
    page,
    pages,
    rows: found.rows.map((r) => ({
      archiveNo: r.archiveNo,
      archiveLevel: r.archiveLevel,
      regionName: r.regionName,
      maskedName: maskName(r.headName),
      persons: r.persons,
      tier: r.tier,
      officerName: r.officerName,
      stateTitle: r.caseState === null ? '未立案' : (titles.get(r.caseState) ?? r.caseState),
      closedOn: r.closedOn,
      deadlineAt: r.caseStatus === 'active' ? r.deadlineAt : null,
      overdue: r.overdue,
    })),
  };
}

/**
 * What a typed name matches, always in the masked form the list shows: 杨*华 as typed (* is any one
 * hidden character), a full name by its masked form (杨小华 → 杨*华), one character as a surname.
 */
export function maskedNamePattern(typed: string): string | null {
  const text = typed.trim().replace(/\s+/g, '');
  if (text === '') return null;
  if (text.includes('*')) return `%${likeEscape(text)}%`;
  if (Array.from(text).length === 1) return `${likeEscape(text)}%`;
  return likeEscape(maskName(text));
}
