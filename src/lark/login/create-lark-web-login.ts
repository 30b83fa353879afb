// Lark's OAuth web login over plain HTTP (fetch, so it runs on Node and Workers alike):
// 1. the browser is sent to /open-apis/authen/v1/authorize?app_id&redirect_uri&state;
// 2. the code it brings back is exchanged for a user_access_token at
//    POST /open-apis/authen/v1/oidc/access_token (authorised by the app_access_token from
//    POST /open-apis/auth/v3/app_access_token/internal);
// 3. GET /open-apis/authen/v1/user_info with that token gives the user's open_id.
// Lark answers errors as HTTP 200 with a non-zero `code`: every answer's code is checked.
import { AppError } from '../../core/app-error.ts';
import type { LarkIdentity, LarkWebLogin } from '../../core/ports/lark-web-login.ts';

export interface LarkWebLoginOptions {
  appId: string;
  appSecret: string;
  /** `feishu`, `lark`, or a base URL (LARK_DOMAIN). */
  domain: string;
  /** Injected for tests (a fake Lark peer); defaults to the global fetch. */
  fetch?: (input: string, init?: RequestInit) => Promise<Response>;
}

export function larkBaseUrl(domain: string): string {
  if (domain === 'feishu') return 'https://open.feishu.cn';
  if (domain === 'lark') return 'https://open.larksuite.com';
  return domain.replace(/\/+$/, '');
}

export function createLarkWebLogin(options: LarkWebLoginOptions): LarkWebLogin {
  const base = larkBaseUrl(options.domain);
  const send = options.fetch ?? ((input: string, init?: RequestInit) => fetch(input, init));

  async function call(path: string, init: RequestInit, what: string): Promise<Record<string, unknown>> {
    let response: Response;
    try {
      response = await send(`${base}${path}`, init);
    } catch (error) {
      throw new AppError('forbidden', `无法连接飞书（${what}）：${(error as Error).message}；请稍后重试，或检查服务器能否访问 ${base}`);
    }
    const body = (await response.json().catch(() => null)) as Record<string, unknown> | null;
    const code = body && typeof body.code === 'number' ? body.code : null;
    if (!response.ok || body === null || code !== 0) {
      const msg = body && typeof body.msg === 'string' ? body.msg : `HTTP ${response.status}`;
      throw new AppError('forbidden', `飞书登录失败（${what}：${code ?? response.status} ${msg}）；请重新登录`);
    }
    return body;
  }

  const json = (token: string | null, body?: unknown): RequestInit => ({
    method: body === undefined ? 'GET' : 'POST',
    headers: {
      'content-type': 'application/json; charset=utf-8',
      ...(token === null ? {} : { authorization: `Bearer ${token}` }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

  return {
    authorizeUrl({ redirectUri, state }) {
      const q = new URLSearchParams({ app_id: options.appId, redirect_uri: redirectUri, state });
      return `${base}/open-apis/authen/v1/authorize?${q.toString()}`;
    },

    async identify({ code }): Promise<LarkIdentity> {
      const app = await call(
        '/open-apis/auth/v3/app_access_token/internal',
        json(null, { app_id: options.appId, app_secret: options.appSecret }),
        '获取 app_access_token',
      );
      const appToken = typeof app.app_access_token === 'string' ? app.app_access_token : '';
      const token = await call(
        '/open-apis/authen/v1/oidc/access_token',
        json(appToken, { grant_type: 'authorization_code', code }),
        '用登录码换取 user_access_token',
      );
      const userToken = stringAt(token.data, 'access_token');
      if (!userToken) throw new AppError('forbidden', '飞书登录失败：没有返回 user_access_token；请重新登录');
      const info = await call('/open-apis/authen/v1/user_info', json(userToken), '获取用户信息');
      const openId = stringAt(info.data, 'open_id');
      if (!openId) throw new AppError('forbidden', '飞书登录失败：用户信息中没有 open_id；请重新登录');
      return { openId, name: stringAt(info.data, 'name') };
    },
  };
}

function stringAt(data: unknown, key: string): string | null {
  if (typeof data !== 'object' || data === null) return null;
  const v = (data as Record<string, unknown>)[key];
  return typeof v === 'string' && v !== '' ? v : null;
}
