// Region look-ups for reports: the regions a typed name or code may mean, and every region in a scope.
// The regions table is small (one row per division the organisation works in), so these load rows.
import type { RegionCandidate } from '../core/reports/pick-report-region.ts';
import type { ReportRegion } from '../core/reports/plan-report-rows.ts';
import type { Db } from './create-prisma.ts';

export async function findRegionsByNameOrCode(db: Db, typed: string): Promise<RegionCandidate[]> {
  const found = await db.region.findMany({
    where: { OR: [{ code: typed }, { name: typed }] },
    select: { id: true, code: true, name: true, path: true, parent: { select: { name: true } } },
    orderBy: { code: 'asc' },
  });
  return found.map((r) => ({ id: r.id, code: r.code, name: r.name, path: r.path, parentName: r.parent?.name ?? null }));
}

export async function listRegionsInScope(db: Db, scopePath: string | null): Promise<ReportRegion[]> {
  const found = await db.region.findMany({
    where: scopePath === null ? {} : { path: { startsWith: scopePath } },
    select: { id: true, code: true, name: true, level: true, parent: { select: { name: true } } },
  });
  return found.map((r) => ({ id: r.id, code: r.code, name: r.name, level: r.level, parentName: r.parent?.name ?? null }));
}
