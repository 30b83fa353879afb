// Use-case: revoke an API token; from then on every request with it gets 401. Revoking twice is a no-op.
import { AppError } from '../../core/app-error.ts';
import type { Db } from '../../db/create-prisma.ts';

export async function revokeApiToken(
  db: Db,
  input: { id: number; actor: string; now: Date },
): Promise<{ id: number; name: string; revokedAt: Date; alreadyRevoked: boolean }> {
  const token = await db.apiToken.findUnique({ where: { id: input.id } });
  if (!token) throw new AppError('not_found', `没有编号为 ${input.id} 的令牌：运行 huhuqing token list 查看全部令牌及其编号`);
  if (token.revokedAt) return { id: token.id, name: token.name, revokedAt: token.revokedAt, alreadyRevoked: true };
  await db.$transaction([
    db.apiToken.update({ where: { id: token.id }, data: { revokedAt: input.now } }),
    db.auditEvent.create({
      data: {
        at: input.now,
        actor: input.actor,
        source: 'cli',
        action: 'api_token.revoked',
        after: { tokenId: token.id, name: token.name },
      },
    }),
  ]);
  return { id: token.id, name: token.name, revokedAt: input.now, alreadyRevoked: false };
}
