// Use-case: every API token with its scope and use, never a secret (none is stored).
import type { Db } from '../../db/create-prisma.ts';
import type { ApiTokenRole } from './api-token-roles.ts';

export interface ApiTokenSummary {
  id: number;
  name: string;
  role: ApiTokenRole;
  regionName: string | null;
  personName: string | null;
  createdAt: Date;
  createdBy: string;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

export async function listApiTokens(db: Db): Promise<ApiTokenSummary[]> {
  const tokens = await db.apiToken.findMany({ orderBy: { id: 'asc' } });
  const regionIds = tokens.flatMap((t) => (t.regionId === null ? [] : [t.regionId]));
  const personIds = tokens.flatMap((t) => (t.personId === null ? [] : [t.personId]));
  const [regions, people] = await Promise.all([
    db.region.findMany({ where: { id: { in: regionIds } }, select: { id: true, name: true } }),
    db.person.findMany({ where: { id: { in: personIds } }, select: { id: true, name: true } }),
  ]);
  const regionName = new Map(regions.map((r) => [r.id, r.name]));
  const personName = new Map(people.map((p) => [p.id, p.name]));
  return tokens.map((t) => ({
    id: t.id,
    name: t.name,
    role: t.role as ApiTokenRole,
    regionName: t.regionId === null ? null : (regionName.get(t.regionId) ?? null),
    personName: t.personId === null ? null : (personName.get(t.personId) ?? null),
    createdAt: t.createdAt,
    createdBy: t.createdBy,
    lastUsedAt: t.lastUsedAt,
    revokedAt: t.revokedAt,
  }));
}
