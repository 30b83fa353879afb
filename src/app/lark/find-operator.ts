// The roster person behind a Lark open_id, as the engine sees an operator (role and region scope).
import type { Operator } from '../../core/engine/authorize-operator.ts';
import type { Db } from '../../db/create-prisma.ts';

export interface KnownOperator extends Operator {
  name: string;
  openId: string;
}

export async function findOperator(db: Db, openId: string): Promise<KnownOperator | null> {
  if (openId === '') return null;
  const p = await db.person.findUnique({ where: { openId }, include: { region: true } });
  if (!p || !p.active) return null;
  return { personId: p.id, role: p.role as Operator['role'], regionPath: p.region?.path ?? '', name: p.name, openId };
}
