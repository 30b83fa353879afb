// A roster person by Lark open_id, as an operator check needs them: every card click and chat message
// starts with this read, so it is one plain statement (Prisma's findUnique costs several times more to
// compile and map than to run), run directly on Node (direct-sql.ts). The same SQL on better-sqlite3 and D1.
import type { Db } from './create-prisma.ts';
import { sqlOf } from './direct-sql.ts';
import { rawBool, rawInt, rawIntOrNull, rawText } from './raw-values.ts';

export interface PersonRow {
  id: number;
  name: string;
  role: string;
  regionId: number | null;
  active: boolean;
}

export async function readPersonByOpenId(db: Db, openId: string): Promise<PersonRow | null> {
  const [r] = await sqlOf(db).all(`SELECT id, name, role, "regionId", active FROM people WHERE "openId" = ?`, [openId]);
  if (!r) return null;
  return { id: rawInt(r.id), name: rawText(r.name), role: rawText(r.role), regionId: rawIntOrNull(r.regionId), active: rawBool(r.active) };
}
