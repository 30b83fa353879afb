// The viewer's household scope as SQL over `households h`, for the raw statements of the console:
// the same rule as householdScope() in src/app/access/household-scope.ts (officer: their own
// households; supervisor: their region and below; admin: everything; no person/region: nothing).
import type { Viewer } from '../core/access/viewer.ts';

export interface SqlPart {
  sql: string;
  params: unknown[];
}

export function viewerScopeSql(viewer: Viewer): SqlPart {
  if (viewer.role === 'admin') return { sql: '', params: [] };
  if (viewer.role === 'officer')
    return viewer.personId === null ? { sql: ' AND 0', params: [] } : { sql: ' AND h.officerId = ?', params: [viewer.personId] };
  if (viewer.regionPath === '') return { sql: ' AND 0', params: [] };
  return regionSql(viewer.regionPath);
}

/** A region and everything below it (Region.path prefix). */
export function regionSql(path: string): SqlPart {
  return { sql: ' AND h.regionId IN (SELECT id FROM regions WHERE substr(path, 1, ?) = ?)', params: [path.length, path] };
}
