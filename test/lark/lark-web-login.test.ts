// Lark's OAuth web login over HTTP against a fake Lark peer (the simulator has no authen
// endpoints): the authorize URL per domain, the code exchange, and every way Lark says no.
import { describe, expect, it } from 'vitest';
import { createLarkWebLogin, larkBaseUrl } from '../../src/lark/login/create-lark-web-login.ts';
import { createFakeLarkLoginPeer } from '../helpers/fake-lark-login-peer.ts';

const app = { appId: 'cli_login_test', appSecret: 'login-secret' };

describe('createLarkWebLogin', () => {
  it('builds the authorize URL on the configured domain', () => {
    expect(larkBaseUrl('feishu')).toBe('https://open.feishu.cn');
    expect(larkBaseUrl('lark')).toBe('https://open.larksuite.com');
    expect(larkBaseUrl('http://127.0.0.1:3001/')).toBe('http://127.0.0.1:3001');
    const url = new URL(
      createLarkWebLogin({ ...app, domain: 'lark' }).authorizeUrl({
        redirectUri: 'https://x.example/login/callback?a=1&b=2',
        state: 's t',
      }),
    );
    expect(url.origin + url.pathname).toBe('https://open.larksuite.com/open-apis/authen/v1/authorize');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      app_id: app.appId,
      redirect_uri: 'https://x.example/login/callback?a=1&b=2',
      state: 's t',
    });
  });

  it('exchanges a code for the user’s open_id and name', async () => {
    const peer = createFakeLarkLoginPeer(app);
    const login = createLarkWebLogin({ ...app, domain: 'http://lark.test', fetch: peer.fetch });
    const code = peer.codeFor('ou_abc', '王芳');
    await expect(login.identify({ code, redirectUri: 'https://x.example/login/callback' })).resolves.toEqual({
      openId: 'ou_abc',
      name: '王芳',
    });
    expect(peer.calls.map((c) => `${c.method} ${c.path}`)).toEqual([
      'POST /open-apis/auth/v3/app_access_token/internal',
      'POST /open-apis/authen/v1/oidc/access_token',
      'GET /open-apis/authen/v1/user_info',
    ]);
  });

  it('turns Lark’s refusals (HTTP 200 with a code) and network failures into a forbidden AppError that says what happened', async () => {
    const peer = createFakeLarkLoginPeer(app);
    const wrongSecret = createLarkWebLogin({ ...app, appSecret: 'nope', domain: 'http://lark.test', fetch: peer.fetch });
    await expect(wrongSecret.identify({ code: peer.codeFor('ou_a', 'a'), redirectUri: '' })).rejects.toMatchObject({
      code: 'forbidden',
      message: expect.stringContaining('10014'),
    });
    const login = createLarkWebLogin({ ...app, domain: 'http://lark.test', fetch: peer.fetch });
    await expect(login.identify({ code: 'never-issued', redirectUri: '' })).rejects.toMatchObject({
      message: expect.stringContaining('20003'),
    });
    const offline = createLarkWebLogin({
      ...app,
      domain: 'http://lark.test',
      fetch: () => Promise.reject(new Error('getaddrinfo ENOTFOUND')),
    });
    await expect(offline.identify({ code: 'x', redirectUri: '' })).rejects.toMatchObject({
      message: expect.stringContaining('无法连接飞书'),
    });
    const garbage = createLarkWebLogin({
      ...app,
      domain: 'http://lark.test',
      fetch: async () => new Response('<html>502</html>', { status: 502 }),
    });
    await expect(garbage.identify({ code: 'x', redirectUri: '' })).rejects.toMatchObject({ message: expect.stringContaining('HTTP 502') });
  });
});
