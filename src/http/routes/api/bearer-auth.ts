// `Authorization: Bearer <token>` → the request's viewer and audit actor. Anything else is 401
// with how to get a token; what a valid token may not see is the routes' business (403/404).
import type { Context, MiddlewareHandler } from 'hono';
import { authenticateApiToken } from '../../../app/api-tokens/authenticate-api-token.ts';
import type { ApiDeps, ApiEnv } from './api-env.ts';

export const howToGetToken =
  '令牌由管理员在服务器上创建：huhuqing token create --role supervisor --region <地区>（督查员）或 --role officer --person <本人>（责任人），令牌只显示一次；请求时加上请求头 Authorization: Bearer <令牌>';

export function bearerAuth(deps: ApiDeps, publicPaths: readonly string[]): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    if (publicPaths.includes(c.req.path)) return next();
    const header = c.req.header('authorization')?.trim() ?? '';
    if (header === '') return unauthorized(c, `缺少访问令牌。${howToGetToken}`, false);
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match?.[1]) return unauthorized(c, `Authorization 请求头格式不对：应为 Bearer 加空格再加令牌。${howToGetToken}`, true);
    const auth = await authenticateApiToken({ db: deps.engine.db, adminToken: deps.adminToken }, match[1], deps.now());
    if (!auth.ok) return unauthorized(c, `${auth.reason}。${howToGetToken}`, true);
    c.set('viewer', auth.identity.viewer);
    c.set('actor', auth.identity.actor);
    return next();
  };
}

function unauthorized(c: Context, message: string, invalid: boolean): Response {
  c.header('WWW-Authenticate', invalid ? 'Bearer realm="huhuqing", error="invalid_token"' : 'Bearer realm="huhuqing"');
  return c.json({ error: 'unauthorized', message }, 401);
}
