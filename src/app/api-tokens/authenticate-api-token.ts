// Use-case: the viewer behind a bearer token. The token is looked up by its SHA-256; a revoked
// token, or one whose person has left the roster, is refused. ADMIN_TOKEN (the bootstrap setting)
// is an admin token that lives only in the configuration. lastUsedAt is written at most once a minute.
import type { Viewer } from '../../core/access/viewer.ts';
import type { Db } from '../../db/create-prisma.ts';
import { apiTokenRoles, type ApiTokenRole } from './api-token-roles.ts';
import { hashApiToken } from './token-secret.ts';

export interface ApiIdentity {
  viewer: Viewer;
  /** Who the audit trail names: "person:12" for a person's token, "token:3" otherwise, "token:admin" for ADMIN_TOKEN. */
  actor: string;
  tokenId: number | null;
}

export type ApiAuthentication = { ok: true; identity: ApiIdentity } | { ok: false; reason: string };

export interface AuthenticateDeps {
  db: Db;
  /** ADMIN_TOKEN, when set. */
  adminToken?: string | undefined;
}

const lastUsedResolutionMs = 60_000;

export async function authenticateApiToken(deps: AuthenticateDeps, presented: string, now: Date): Promise<ApiAuthentication> {
  const hash = await hashApiToken(presented);
  if (deps.adminToken && hash === (await hashApiToken(deps.adminToken))) {
    return {
      ok: true,
      identity: {
        viewer: { personId: null, name: '管理员（ADMIN_TOKEN）', role: 'admin', regionPath: '', via: 'token' },
        actor: 'token:admin',
        tokenId: null,
      },
    };
  }
  const token = await deps.db.apiToken.findUnique({ where: { tokenHash: hash } });
  if (!token) return { ok: false, reason: '令牌无效：请核对 Authorization 请求头中的令牌是否完整' };
  if (token.revokedAt) return { ok: false, reason: `令牌「${token.name}」已被吊销：请向管理员申请新令牌` };
  if (!(apiTokenRoles as readonly string[]).includes(token.role))
    return { ok: false, reason: `令牌「${token.name}」的角色无效：请向管理员申请新令牌` };

  const [region, person] = await Promise.all([
    token.regionId === null ? null : deps.db.region.findUnique({ where: { id: token.regionId } }),
    token.personId === null ? null : deps.db.person.findUnique({ where: { id: token.personId }, include: { region: true } }),
  ]);
  if (token.personId !== null && (!person || !person.active)) {
    return { ok: false, reason: `令牌「${token.name}」所属人员已不在名册中（或已停用）：请向管理员申请新令牌` };
  }
  if (token.regionId !== null && !region) return { ok: false, reason: `令牌「${token.name}」的地区已不存在：请向管理员申请新令牌` };

  if (token.lastUsedAt === null || now.getTime() - token.lastUsedAt.getTime() >= lastUsedResolutionMs) {
    await deps.db.apiToken.updateMany({
      where: { id: token.id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lte: new Date(now.getTime() - lastUsedResolutionMs) } }] },
      data: { lastUsedAt: now },
    });
  }
  return {
    ok: true,
    identity: {
      viewer: {
        personId: person?.id ?? null,
        name: person?.name ?? token.name,
        role: token.role as ApiTokenRole,
        regionPath: region?.path ?? person?.region?.path ?? '',
        via: 'token',
      },
      actor: person ? `person:${person.id}` : `token:${token.id}`,
      tokenId: token.id,
    },
  };
}
