// Who an escalation rung goes to, found from the household's region upward: the officer (or their
// delegate while on leave), the county's inspection group chat, or the supervisors of the county,
// city or province. A level with nobody bound falls through to the next region up.
import type { EscalationTarget } from '../../core/flows/registry.ts';
import type { Tx } from '../cases/engine-deps.ts';
import type { Recipient } from './enqueue-message.ts';

export interface RungCase {
  regionPath: string;
  officer: { id: number; openId: string | null; onLeave: boolean; delegateId: number | null } | null;
}

export async function resolveRung(tx: Tx, target: EscalationTarget, c: RungCase): Promise<Recipient[]> {
  const ids = c.regionPath.split('/').filter(Boolean).map(Number); // [province, city, county]
  switch (target) {
    case 'officer':
      return officerRecipients(tx, c.officer);
    case 'inspection_group': {
      for (const regionId of [...ids].reverse()) {
        const chats = await tx.chat.findMany({ where: { regionId, purpose: 'inspection_group' } });
        if (chats.length > 0) return chats.map((ch) => ({ kind: 'chat' as const, larkId: ch.chatId }));
      }
      return [];
    }
    default: {
      const level = { county_supervisor: 2, city_supervisor: 1, province_supervisor: 0 }[target];
      for (const regionId of ids.slice(0, level + 1).reverse()) {
        const people = await tx.person.findMany({ where: { regionId, role: 'supervisor', active: true } });
        if (people.length > 0) return people.map((p) => ({ kind: 'person' as const, larkId: p.openId, personId: p.id }));
      }
      return [];
    }
  }
}

export async function officerRecipients(tx: Tx, officer: RungCase['officer']): Promise<Recipient[]> {
  if (!officer) return [];
  if (officer.onLeave && officer.delegateId !== null) {
    const d = await tx.person.findUnique({ where: { id: officer.delegateId } });
    if (d) return [{ kind: 'person', larkId: d.openId, personId: d.id }];
  }
  return [{ kind: 'person', larkId: officer.openId, personId: officer.id }];
}
