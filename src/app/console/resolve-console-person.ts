// Who is signing in or holds a session: a person of the roster, active, with a known role, as the
// Viewer that scopes every page. Anyone else is refused with the reason (the page says what to do).
import type { Viewer } from '../../core/access/viewer.ts';
import type { Db } from '../../db/create-prisma.ts';

export type ConsolePerson =
  { ok: true; viewer: Viewer; regionName: string | null } | { ok: false; reason: 'not_on_roster' | 'inactive' | 'no_role' };

const roles = ['officer', 'supervisor', 'admin'] as const;

export async function resolveConsolePerson(db: Db, who: { personId: number } | { openId: string }): Promise<ConsolePerson> {
  const person = await db.person.findFirst({
    where: 'personId' in who ? { id: who.personId } : { openId: who.openId },
    include: { region: true },
  });
  if (!person) return { ok: false, reason: 'not_on_roster' };
  if (!person.active) return { ok: false, reason: 'inactive' };
  const role = roles.find((r) => r === person.role);
  if (!role) return { ok: false, reason: 'no_role' };
  return {
    ok: true,
    viewer: { personId: person.id, name: person.name, role, regionPath: person.region?.path ?? '', via: 'session' },
    regionName: person.region?.name ?? null,
  };
}
