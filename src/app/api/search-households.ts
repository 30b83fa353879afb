// Use-case: search the households a viewer may see — by archive number or masked name (q), region,
// the state of an active case, overdue cases — one page at a time, newest case with each household.
// Returns the rows as stored; the edge masks personal data before it leaves.
import { canSeeRegion, type Viewer } from '../../core/access/viewer.ts';
import { AppError } from '../../core/app-error.ts';
import type { Prisma } from '#prisma';
import { householdScope } from '../access/household-scope.ts';
import type { EngineDeps } from '../cases/engine-deps.ts';
import type { Db } from '../../db/create-prisma.ts';
import { maskName } from '../../core/privacy/mask.ts';
import { findRegion } from '../regions/find-region.ts';
import { stateTitleOf } from './state-title.ts';
import { viewerRegionName } from './viewer-region.ts';

export interface HouseholdSearch {
  q?: string | undefined;
  region?: string | undefined;
  /** A flow state key (verifying); matches households with an active case in it. */
  state?: string | undefined;
  /** Only households with an active case past its deadline. */
  overdue?: boolean | undefined;
  page: number;
  pageSize: number;
}

export const householdListInclude = {
  region: { select: { code: true, name: true } },
  officer: { select: { id: true, name: true } },
  cases: {
    orderBy: { id: 'desc' },
    take: 1,
    select: {
      id: true,
      campaign: true,
      flowId: true,
      flowVersion: true,
      state: true,
      status: true,
      stateEnteredAt: true,
      deadlineAt: true,
    },
  },
} satisfies Prisma.HouseholdInclude;

export type ListedHousehold = Prisma.HouseholdGetPayload<{ include: typeof householdListInclude }>;

/** More name matches than this and the search asks for a narrower name (keeps the id list bounded). */
const maxNameMatches = 5000;

/**
 * Households whose name matches in its masked form only, as the list shows it, so a search never
 * reveals more of a name than the list does (the console's rule): 杨*华 as typed (* is one hidden
 * character), a full name by its masked form (杨小华 → 杨*华), one character as a surname.
 */
async function idsByMaskedName(db: Db, scope: Prisma.HouseholdWhereInput[], typed: string): Promise<number[]> {
  const chars = Array.from(typed);
  const matches: (masked: string) => boolean = typed.includes('*')
    ? (masked) => masked.includes(typed)
    : chars.length === 1
      ? (masked) => masked.startsWith(typed)
      : (masked) => masked === maskName(typed);
  const visible = Array.from(typed.includes('*') || chars.length === 1 ? typed : maskName(typed)).filter((c) => c !== '*');
  if (visible.length === 0) return [];
  const candidates = await db.household.findMany({
    where: { AND: [...scope, ...[...new Set(visible)].map((c) => ({ headName: { contains: c } }))] },
    select: { id: true, headName: true },
  });
  const ids = candidates.filter((h) => matches(maskName(h.headName))).map((h) => h.id);
  if (ids.length > maxNameMatches) {
    throw new AppError('invalid_argument', `姓名「${typed}」匹配的家庭太多（${ids.length} 户）：请输入更完整的姓名（如 杨*华）或档案编号`);
  }
  return ids;
}

export type ListedHouseholdWithCase = ListedHousehold & { latestCase: (ListedHousehold['cases'][number] & { stateTitle: string }) | null };

export async function searchHouseholds(
  deps: EngineDeps,
  viewer: Viewer,
  search: HouseholdSearch,
  now: Date,
): Promise<{ total: number; page: number; pageSize: number; households: ListedHouseholdWithCase[] }> {
  const { db } = deps;
  const where: Prisma.HouseholdWhereInput[] = [householdScope(viewer)];
  if (search.region !== undefined && search.region.trim() !== '') {
    const region = await findRegion(db, search.region);
    if (viewer.role !== 'officer' && !canSeeRegion(viewer, region.path)) {
      throw new AppError('forbidden', `「${region.name}」不在您的查看范围内：您只能查看${await viewerRegionName(db, viewer)}及其下级地区`);
    }
    where.push({ region: { path: { startsWith: region.path } } });
  }
  const q = search.q?.trim().replace(/\s+/g, '') ?? '';
  if (q !== '') {
    // Names carry no digits: an archive number (or part of one) skips the name look-up.
    const byName = /\d/.test(q) ? [] : await idsByMaskedName(db, [...where], q);
    where.push({ OR: [{ archiveNo: { contains: q.toUpperCase() } }, ...(byName.length > 0 ? [{ id: { in: byName } }] : [])] });
  }
  const state = search.state?.trim() ?? '';
  if (state !== '' || search.overdue === true) {
    where.push({
      cases: {
        some: {
          status: 'active',
          ...(state !== '' ? { state } : {}),
          ...(search.overdue === true ? { deadlineAt: { lt: now } } : {}),
        },
      },
    });
  }
  const filter: Prisma.HouseholdWhereInput = { AND: where };
  const [total, households] = await Promise.all([
    db.household.count({ where: filter }),
    db.household.findMany({
      where: filter,
      include: householdListInclude,
      orderBy: { archiveNo: 'asc' },
      skip: (search.page - 1) * search.pageSize,
      take: search.pageSize,
    }),
  ]);
  const withCases: ListedHouseholdWithCase[] = [];
  for (const h of households) {
    const c = h.cases[0];
    withCases.push({ ...h, latestCase: c === undefined ? null : { ...c, stateTitle: await stateTitleOf(deps, c) } });
  }
  return { total, page: search.page, pageSize: search.pageSize, households: withCases };
}
