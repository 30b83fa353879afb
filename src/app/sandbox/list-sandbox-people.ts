// Who the sandbox page can act as: every active person of the roster with an open_id, with the
// role and region that decide what the bot lets them do.
import type { Db } from '../../db/create-prisma.ts';

export interface SandboxPerson {
  openId: string;
  name: string;
  role: 'officer' | 'supervisor' | 'admin';
  region: string;
}

const roleOrder = { admin: 0, supervisor: 1, officer: 2 } as const;

export async function listSandboxPeople(db: Db): Promise<SandboxPerson[]> {
  const people = await db.person.findMany({ where: { active: true, openId: { not: null } }, include: { region: true } });
  return people
    .map((p) => ({ openId: p.openId as string, name: p.name, role: p.role as SandboxPerson['role'], region: p.region?.name ?? '' }))
    .sort((a, b) => roleOrder[a.role] - roleOrder[b.role] || a.region.localeCompare(b.region, 'zh') || a.name.localeCompare(b.name, 'zh'));
}
