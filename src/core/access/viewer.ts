// Who is looking (a console session or an API token) and what they may see: roles and regions
// scope everything (product.md). An officer sees their own households, a supervisor the region
// they are assigned to and everything inside it, an admin everything. Pure.

export interface Viewer {
  /** The roster person (sessions, and tokens created for a person); null for a role-only token. */
  personId: number | null;
  name: string;
  role: 'officer' | 'supervisor' | 'admin';
  /** The viewer's region path ("/1/7/42/"); "" means no region (admins: everything). */
  regionPath: string;
  via: 'session' | 'token';
}

export interface HouseholdFacts {
  regionPath: string;
  officerId: number | null;
}

/** May the viewer see this region's figures at all (a supervisor: their region or inside it). */
export function canSeeRegion(viewer: Viewer, regionPath: string): boolean {
  if (viewer.role === 'admin') return true;
  if (viewer.role === 'supervisor') return viewer.regionPath !== '' && regionPath.startsWith(viewer.regionPath);
  return false;
}

/** May the viewer open this household (its page, its timeline, masked data). */
export function canSeeHousehold(viewer: Viewer, household: HouseholdFacts): boolean {
  if (viewer.role === 'officer') return viewer.personId !== null && household.officerId === viewer.personId;
  return canSeeRegion(viewer, household.regionPath);
}

/**
 * May the viewer see the household's personal data in full (name, ID number, phone, illness).
 * The same people who may open it; each full view is audited by the caller.
 */
export function mayViewPersonalData(viewer: Viewer, household: HouseholdFacts): boolean {
  return canSeeHousehold(viewer, household);
}
