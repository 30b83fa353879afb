// The roster person behind a Lark open_id, as the engine sees an operator (role and region scope).
import type { Operator } from '../../core/engine/authorize-operator.ts';
import type { Db } from '../../db/create-prisma.ts';
import { readPersonByOpenId } from '../../db/read-person-by-open-id.ts';
import { regionById } from '../regions/region-by-id.ts';

export interface KnownOperator extends Operator {
  name: string;
  openId: string;
}

export async function findOperator(db: Db, openId: string): Promise<KnownOperator | null> {
  if (openId === '') return null;
  const p = await readPersonByOpenId(db, openId);
  if (!p || !p.active) return null;
  const region = p.regionId === null ? null : await regionById(db, p.regionId);
  return { personId: p.id, role: p.role as Operator['role'], regionPath: region?.path ?? '', name: p.name, openId };
}
