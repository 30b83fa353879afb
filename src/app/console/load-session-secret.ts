// The key that signs console session cookies and CSRF tokens: random on first start and kept in
// `settings`, so sessions survive a restart and every process of one deployment shares it.
import { randomBytes } from 'node:crypto';
import type { Db } from '../../db/create-prisma.ts';

export const SESSION_SECRET_KEY = 'console.session_secret';

export async function loadSessionSecret(db: Db, now: Date): Promise<string> {
  const row = await db.setting.findUnique({ where: { key: SESSION_SECRET_KEY } });
  if (row && row.value.length >= 32) return row.value;
  const value = randomBytes(32).toString('base64url');
  // Another process may have won the race: keep whichever was stored first.
  await db.setting.upsert({ where: { key: SESSION_SECRET_KEY }, create: { key: SESSION_SECRET_KEY, value, updatedAt: now }, update: {} });
  return (await db.setting.findUniqueOrThrow({ where: { key: SESSION_SECRET_KEY } })).value;
}
