// The regions a viewer may filter by, and the checked region of a filter: a supervisor's region
// and everything inside it, every region for an admin, the regions of an officer's households.
// A region outside the viewer's scope is "not found", exactly like one that does not exist.
import { canSeeRegion, type Viewer } from '../../core/access/viewer.ts';
import { AppError } from '../../core/app-error.ts';
import type { Db } from '../../db/create-prisma.ts';

export interface ConsoleRegion {
  id: number;
  code: string;
  name: string;
  level: string;
  path: string;
  /** 0 for the top of the viewer's list, 1 for the level below, … (for indenting options). */
  depth: number;
}

export async function listConsoleRegions(db: Db, viewer: Viewer): Promise<ConsoleRegion[]> {
  const regions =
    viewer.role === 'officer'
      ? await db.region.findMany({ where: { households: { some: { officerId: viewer.personId ?? -1 } } } })
      : viewer.role === 'supervisor' && viewer.regionPath === ''
        ? []
        : await db.region.findMany({ where: viewer.role === 'admin' ? {} : { path: { startsWith: viewer.regionPath } } });
  const top = Math.min(...regions.map((r) => depthOf(r.path)));
  return regions
    .map((r) => ({ id: r.id, code: r.code, name: r.name, level: r.level, path: r.path, depth: depthOf(r.path) - top }))
    .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

/** The region a filter names (by division code), if the viewer may see it; else not_found. */
export async function findConsoleRegion(db: Db, viewer: Viewer, code: string): Promise<ConsoleRegion> {
  const region = await db.region.findUnique({ where: { code } });
  const visible = region !== null && (viewer.role === 'officer' || canSeeRegion(viewer, region.path));
  if (!visible) throw new AppError('not_found', `没有区划代码为 ${code} 的地区，或它不在你的查看范围内`);
  return { id: region.id, code: region.code, name: region.name, level: region.level, path: region.path, depth: 0 };
}

function depthOf(path: string): number {
  return path.split('/').filter((p) => p !== '').length;
}
