// The database side of the viewer's scope: a Prisma filter for households (and one for cases)
// that keeps every list, count and search inside what the viewer may see.
import type { Prisma } from '#prisma';
import type { Viewer } from '../../core/access/viewer.ts';

/** Matches nothing: a supervisor without a region, or an officer without a person. */
const nothing = { id: -1 };

export function householdScope(viewer: Viewer): Prisma.HouseholdWhereInput {
  if (viewer.role === 'admin') return {};
  if (viewer.role === 'officer') return viewer.personId === null ? nothing : { officerId: viewer.personId };
  return viewer.regionPath === '' ? nothing : { region: { path: { startsWith: viewer.regionPath } } };
}

export function caseScope(viewer: Viewer): Prisma.CaseWhereInput {
  return { household: householdScope(viewer) };
}
