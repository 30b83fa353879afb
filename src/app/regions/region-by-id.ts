// A region's name and path by id, remembered per database client. Regions are only ever added
// (RegionResolver creates a row and sets its path before anything refers to it; nothing updates or
// deletes them), so a row once read stays true for the life of the client: a card click needs the
// operator's and the household's region without a query each.
import type { Db } from '../../db/create-prisma.ts';

export interface RegionInfo {
  name: string;
  /** `/1/5/9/`: the ids from the province down, for scope checks by prefix. */
  path: string;
}

const caches = new WeakMap<Db, Map<number, RegionInfo>>();

export async function regionById(db: Db, id: number): Promise<RegionInfo | null> {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  const hit = cache.get(id);
  if (hit) return hit;
  const row = await db.region.findUnique({ where: { id }, select: { name: true, path: true } });
  if (!row) return null;
  // The path is set by the statement after the insert (on D1 they run one by one): a row read in
  // between has a placeholder, which is not remembered. A final path ends with the row's own id.
  if (row.path.endsWith(`/${id}/`)) cache.set(id, row);
  return row;
}
