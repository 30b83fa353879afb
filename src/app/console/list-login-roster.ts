// The sandbox's sign-in page: every active person of the roster, grouped by role (admins,
// supervisors, officers), each with their region, so anyone can try the console as anyone.
import type { Db } from '../../db/create-prisma.ts';

export interface RosterEntry {
  personId: number;
  name: string;
  regionName: string;
  households: number;
}

export interface RosterGroup {
  role: 'admin' | 'supervisor' | 'officer';
  title: string;
  people: RosterEntry[];
}

const groups = [
  { role: 'admin', title: '管理员' },
  { role: 'supervisor', title: '督查员' },
  { role: 'officer', title: '责任人' },
] as const;

export async function listLoginRoster(db: Db): Promise<RosterGroup[]> {
  const people = await db.person.findMany({
    where: { active: true },
    include: { region: true, _count: { select: { households: true } } },
  });
  // By region code (the city before its counties), then by name.
  const ordered = [...people].sort(
    (a, b) => (a.region?.code ?? '').localeCompare(b.region?.code ?? '') || a.name.localeCompare(b.name, 'zh'),
  );
  return groups.map((g) => ({
    ...g,
    people: ordered
      .filter((p) => p.role === g.role)
      .map((p) => ({ personId: p.id, name: p.name, regionName: p.region?.name ?? '全部地区', households: p._count.households })),
  }));
}
