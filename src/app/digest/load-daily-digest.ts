// One chat's daily digest as its card shows it, built when the outbox sends it: the day's snapshot
// and the day before's (daily_stats) summed over the regions one level below the chat's region (the
// counties of a city; a county's own inspection group sees its county), and the longest overdue
// households of the region as they are now.
import { addDays } from '../../core/time/local-day.ts';
import { listFlowStateTitles } from '../../db/list-flow-state-titles.ts';
import type { DailyDigestView, DigestFigures, EscalationItem } from '../../lark/cards/card-views.ts';
import type { EngineDeps } from '../cases/engine-deps.ts';
import type { DailyDigestPayload } from './fire-daily-digest.ts';

/** Bars and rows per card: more regions are summed into one 「其他」 entry. */
export const maxDigestRegions = 20;
/** Households in the card's overdue list. */
export const topOverdueCount = 10;

const noCaseTitle = '未立案';

interface Region {
  id: number;
  name: string;
  code: string;
  level: string;
  path: string;
}

interface Stat {
  regionId: number;
  state: string;
  households: number;
  persons: number;
  overdue: number;
}

export async function loadDailyDigest(deps: EngineDeps, p: DailyDigestPayload, now: Date): Promise<DailyDigestView | null> {
  const scope = p.regionId === null ? null : await deps.db.region.findUnique({ where: { id: p.regionId } });
  if (p.regionId !== null && !scope) return null;
  const regions: Region[] = await deps.db.region.findMany({
    where: scope ? { path: { startsWith: scope.path } } : {},
    select: { id: true, name: true, code: true, level: true, path: true },
  });
  const groupOf = groupingOf(regions, scope);
  const [today, yesterday, titles] = await Promise.all([
    deps.db.dailyStat.findMany({ where: { day: p.day } }),
    deps.db.dailyStat.findMany({ where: { day: addDays(p.day, -1) } }),
    stateTitles(deps),
  ]);
  // No snapshot at all for the day before (the first digest): every change is "—".
  const hasYesterday = yesterday.length > 0;
  const inScope = (s: Stat) => groupOf.has(s.regionId);
  const todayIn = today.filter(inScope);
  const yesterdayIn = yesterday.filter(inScope);

  const byStateKey = (s: Stat) => s.state;
  const stateRows = [...new Set(todayIn.map(byStateKey))]
    .map((state) => ({
      state,
      title: titles.get(state)?.title ?? (state === '' ? noCaseTitle : state),
      order: titles.get(state)?.order ?? (state === '' ? Number.MAX_SAFE_INTEGER : Number.MAX_SAFE_INTEGER - 1),
      ...figures(
        todayIn.filter((s) => s.state === state),
        hasYesterday ? yesterdayIn.filter((s) => s.state === state) : null,
      ),
    }))
    .sort((a, b) => a.order - b.order);

  const names = new Map([...groupOf.values()].map((g) => [g.code, g.name]));
  const codes = new Set([...todayIn, ...yesterdayIn].map((s) => groupOf.get(s.regionId)?.code));
  const groups = [...codes].map((code) => {
    const mine = (s: Stat) => groupOf.get(s.regionId)?.code === code;
    const rows = todayIn.filter(mine);
    return {
      name: names.get(code ?? '') ?? '',
      code: code ?? '',
      ...figures(rows, hasYesterday ? yesterdayIn.filter(mine) : null),
      byState: stateRows.map((st) => ({
        title: st.title,
        households: sum(
          rows.filter((s) => s.state === st.state),
          'households',
        ),
      })),
    };
  });
  groups.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));

  return {
    regionName: scope?.name ?? '全部地区',
    day: p.day,
    takenAt: new Date(p.takenAt),
    total: figures(todayIn, hasYesterday ? yesterdayIn : null),
    byState: stateRows.map(({ state: _s, order: _o, ...row }) => row),
    byRegion: capRegions(groups.map(({ code: _c, ...g }) => g)),
    topOverdue: await topOverdue(deps, scope?.path ?? null, titles, now),
  };
}

/** Which group (a child of the scope, or the scope itself for its own files) each region counts in. */
function groupingOf(regions: Region[], scope: Region | null): Map<number, { name: string; code: string }> {
  const byId = new Map(regions.map((r) => [r.id, r]));
  const depth = scope ? idsOf(scope.path).length : 0;
  const out = new Map<number, { name: string; code: string }>();
  for (const r of regions) {
    const childId = idsOf(r.path)[depth];
    const child = childId === undefined ? undefined : byId.get(childId);
    if (child) out.set(r.id, { name: child.name, code: child.code });
    else if (scope) out.set(r.id, { name: scope.level === 'county' ? scope.name : `${scope.name}（本级）`, code: scope.code });
  }
  return out;
}

function idsOf(path: string): number[] {
  return path
    .split('/')
    .filter((x) => x !== '')
    .map(Number);
}

function figures(rows: Stat[], before: Stat[] | null): DigestFigures {
  const households = sum(rows, 'households');
  const overdue = sum(rows, 'overdue');
  return {
    households,
    persons: sum(rows, 'persons'),
    overdue,
    householdsChange: before === null ? null : households - sum(before, 'households'),
    overdueChange: before === null ? null : overdue - sum(before, 'overdue'),
  };
}

function sum(rows: Stat[], field: 'households' | 'persons' | 'overdue'): number {
  let total = 0;
  for (const r of rows) total += r[field];
  return total;
}

type Group = DailyDigestView['byRegion'][number];

/** The largest regions keep their own bar; the rest are summed into one. */
function capRegions(groups: Group[]): Group[] {
  if (groups.length <= maxDigestRegions) return groups;
  const kept = [...groups].sort((a, b) => b.households - a.households).slice(0, maxDigestRegions - 1);
  const keep = new Set(kept);
  const rest = groups.filter((g) => !keep.has(g));
  const add = (a: number | null, b: number | null) => (a === null || b === null ? null : a + b);
  const other: Group = {
    name: `其他 ${rest.length} 个地区`,
    households: rest.reduce((t, g) => t + g.households, 0),
    persons: rest.reduce((t, g) => t + g.persons, 0),
    overdue: rest.reduce((t, g) => t + g.overdue, 0),
    householdsChange: rest.reduce<number | null>((t, g) => add(t, g.householdsChange), 0),
    overdueChange: rest.reduce<number | null>((t, g) => add(t, g.overdueChange), 0),
    byState: (rest[0]?.byState ?? []).map((s, i) => ({
      title: s.title,
      households: rest.reduce((t, g) => t + (g.byState[i]?.households ?? 0), 0),
    })),
  };
  return [...groups.filter((g) => keep.has(g)), other];
}

/** State key → title and flow order, from the published flows (keys are unique within a flow). */
async function stateTitles(deps: EngineDeps): Promise<Map<string, { title: string; order: number }>> {
  const out = new Map<string, { title: string; order: number }>();
  for (const [order, s] of (await listFlowStateTitles(deps.db)).entries()) {
    const leaf = s.id.split('.').pop() ?? s.id;
    if (!out.has(leaf)) out.set(leaf, { title: s.title, order });
  }
  return out;
}

async function topOverdue(
  deps: EngineDeps,
  scopePath: string | null,
  titles: Map<string, { title: string }>,
  now: Date,
): Promise<EscalationItem[]> {
  const cases = await deps.db.case.findMany({
    where: { status: 'active', deadlineAt: { lt: now }, ...(scopePath ? { region: { path: { startsWith: scopePath } } } : {}) },
    include: { household: { include: { officer: true, region: true } } },
    orderBy: [{ deadlineAt: 'asc' }, { id: 'asc' }],
    take: topOverdueCount,
  });
  return cases.map((c) => ({
    caseId: c.id,
    archiveNo: c.household.archiveNo,
    headName: c.household.headName,
    regionName: c.household.region.name,
    stateTitle: titles.get(c.state)?.title ?? c.state,
    deadlineAt: c.deadlineAt,
    officerName: c.household.officer?.name ?? null,
    officerOpenId: c.household.officer?.openId ?? null,
  }));
}
