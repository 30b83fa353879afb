// A stand-in for Lark's OAuth web login endpoints (the simulator has none): app_access_token,
// the code → user_access_token exchange, and user_info. Lark's habit is kept: refusals are HTTP 200
// with a non-zero `code`. Codes are single-use, as Lark's are.
import { Hono } from 'hono';

export interface FakeLarkLoginPeer {
  fetch: (input: string, init?: RequestInit) => Promise<Response>;
  /** Issue a one-time login code for a Lark user. */
  codeFor(openId: string, name: string): string;
  calls: Array<{ method: string; path: string; authorization: string | null; body: unknown }>;
}

export function createFakeLarkLoginPeer(app: { appId: string; appSecret: string }): FakeLarkLoginPeer {
  const codes = new Map<string, { openId: string; name: string }>();
  const users = new Map<string, { openId: string; name: string }>();
  const calls: FakeLarkLoginPeer['calls'] = [];
  let n = 0;
  const peer = new Hono();
  peer.use('*', async (c, next) => {
    const body =
      c.req.method === 'POST'
        ? await c.req.raw
            .clone()
            .json()
            .catch(() => null)
        : null;
    calls.push({ method: c.req.method, path: c.req.path, authorization: c.req.header('authorization') ?? null, body });
    await next();
  });
  peer.post('/open-apis/auth/v3/app_access_token/internal', async (c) => {
    const body = (await c.req.json()) as { app_id?: string; app_secret?: string };
    if (body.app_id !== app.appId || body.app_secret !== app.appSecret) return c.json({ code: 10014, msg: 'app secret invalid' });
    return c.json({ code: 0, msg: 'ok', app_access_token: 'a-fake-app-token', expire: 7200 });
  });
  peer.post('/open-apis/authen/v1/oidc/access_token', async (c) => {
    if (c.req.header('authorization') !== 'Bearer a-fake-app-token') return c.json({ code: 99991664, msg: 'invalid app token' });
    const body = (await c.req.json()) as { grant_type?: string; code?: string };
    const user = body.grant_type === 'authorization_code' && body.code ? codes.get(body.code) : undefined;
    if (!user) return c.json({ code: 20003, msg: 'invalid code' });
    codes.delete(body.code!);
    const token = `u-fake-${++n}`;
    users.set(token, user);
    return c.json({ code: 0, msg: 'success', data: { access_token: token, token_type: 'Bearer', expires_in: 6900 } });
  });
  peer.get('/open-apis/authen/v1/user_info', (c) => {
    const user = users.get((c.req.header('authorization') ?? '').replace(/^Bearer /, ''));
    if (!user) return c.json({ code: 99991668, msg: 'user token invalid' });
    return c.json({ code: 0, msg: 'success', data: { name: user.name, open_id: user.openId, union_id: `on_${user.openId}` } });
  });
  return {
    calls,
    fetch: async (input, init) => peer.request(input, init),
    codeFor(openId, name) {
      const code = `code-${++n}`;
      codes.set(code, { openId, name });
      return code;
    },
  };
}
