// Signing in to the console, sessions and CSRF, in process against a real database with the demo
// city: the sandbox roster sign-in, the live Lark OAuth flow against a fake Lark peer, tampered and
// expired cookies, forms without their token, and people who are not (or no longer) on the roster.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Hono } from 'hono';
import { createLarkWebLogin } from '../../src/lark/login/create-lark-web-login.ts';
import { consoleRoute } from '../../src/http/routes/console.ts';
import {
  cookiesFrom,
  createConsoleFixture,
  get,
  hiddenCsrf,
  postForm,
  signIn,
  testSecret,
  type ConsoleFixture,
} from '../helpers/console-fixture.ts';
import { createFakeLarkLoginPeer } from '../helpers/fake-lark-login-peer.ts';

let f: ConsoleFixture;
let supervisorId: number;
beforeAll(async () => {
  f = await createConsoleFixture();
  supervisorId = (await f.db.prisma.person.findFirstOrThrow({ where: { role: 'supervisor', region: { level: 'county' } } })).id;
});
afterAll(async () => f?.close());

describe('sandbox sign-in', () => {
  it('lists the roster by role with regions and signs in as the chosen person with an HttpOnly, SameSite=Lax, 12-hour cookie', async () => {
    const login = await get(f.app, '/login');
    expect(login.status).toBe(200);
    const page = await login.text();
    expect(page).toContain('name="viewport"');
    for (const heading of ['管理员', '督查员', '责任人']) expect(page).toContain(`<h2>${heading}`);
    const supervisor = await f.db.prisma.person.findUniqueOrThrow({ where: { id: supervisorId }, include: { region: true } });
    expect(page).toMatch(
      new RegExp(`value="${supervisorId}" data-role="supervisor">\\s*${supervisor.name}<span class="r">${supervisor.region!.name}`),
    );

    const jar = cookiesFrom(login);
    const done = await postForm(f.app, '/login', jar, { csrf: hiddenCsrf(page), personId: String(supervisorId) });
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe('/');
    const setCookie = done.headers.getSetCookie().find((c) => c.startsWith('hhq_session='))!;
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(setCookie).toMatch(/Max-Age=43200/);
    const home = await get(f.app, '/', cookiesFrom(done, jar));
    expect(home.status).toBe(200);
    expect(await home.text()).toContain(`${supervisor.name} · 督查员 · ${supervisor.region!.name}`);
  });

  it('sends a visitor without a session to /login, and back to the page they asked for after signing in', async () => {
    const home = await get(f.app, '/');
    expect(home.status).toBe(302);
    expect(home.headers.get('location')).toBe('/login');
    const deep = await get(f.app, '/households?overdue=1');
    expect(deep.headers.get('location')).toBe('/login?next=%2Fhouseholds%3Foverdue%3D1');

    const login = await get(f.app, '/login?next=%2Fhouseholds%3Foverdue%3D1');
    const jar = cookiesFrom(login);
    const done = await postForm(f.app, '/login', jar, { csrf: hiddenCsrf(await login.text()), personId: String(supervisorId) });
    expect(done.headers.get('location')).toBe('/households?overdue=1');
    // Another site's address is never a place to go back to.
    const evil = await get(f.app, '/login?next=%2F%2Fevil.example%2F');
    const evilDone = await postForm(f.app, '/login', cookiesFrom(evil), {
      csrf: hiddenCsrf(await evil.text()),
      personId: String(supervisorId),
    });
    expect(evilDone.headers.get('location')).toBe('/');
  });

  it('refuses a tampered or forged session cookie with 401 and clears it', async () => {
    const cookie = await signIn(f.app, supervisorId);
    const admin = await f.db.prisma.person.findFirstOrThrow({ where: { role: 'admin' } });
    // Someone edits the person id inside the signed cookie to become the admin.
    const tampered = cookie.replace(/hhq_session=(\d+)/, `hhq_session=${admin.id}`);
    expect(tampered).not.toBe(cookie);
    const forged = await signedElsewhere(`${admin.id}.${Date.now()}`);
    const unsigned = `hhq_session=${admin.id}.${Date.now()}`;
    for (const bad of [tampered, forged, unsigned]) {
      const r = await get(f.app, '/', bad);
      expect(r.status).toBe(401);
      const text = await r.text();
      expect(text).toContain('登录凭据无效');
      expect(text).not.toContain('在档户数');
      expect(r.headers.getSetCookie().some((c) => c.startsWith('hhq_session=;') && /Max-Age=0/i.test(c))).toBe(true);
    }
  });

  it('ends a session 12 hours after sign-in', async () => {
    let wall = new Date('2025-11-10T08:00:00+08:00');
    const app = new Hono().route('/', consoleRoute({ ...f.deps, sessionNow: () => wall }));
    const cookie = await signIn(app, supervisorId);
    wall = new Date(wall.getTime() + 11.9 * 3600_000);
    expect((await get(app, '/', cookie)).status).toBe(200);
    wall = new Date(wall.getTime() + 0.2 * 3600_000);
    const late = await get(app, '/', cookie);
    expect(late.status).toBe(302);
    expect(late.headers.get('location')).toBe('/login?expired=1');
    expect(await (await get(app, '/login?expired=1')).text()).toContain('登录已超过 12 小时');
  });

  it('refuses POST forms without the CSRF token (403) or from another origin, and changes nothing', async () => {
    const login = await get(f.app, '/login');
    const jar = cookiesFrom(login);
    const noToken = await postForm(f.app, '/login', jar, { personId: String(supervisorId) });
    expect(noToken.status).toBe(403);
    expect(noToken.headers.getSetCookie().some((c) => c.startsWith('hhq_session='))).toBe(false);
    const wrongToken = await postForm(f.app, '/login', jar, { csrf: 'x'.repeat(43), personId: String(supervisorId) });
    expect(wrongToken.status).toBe(403);
    const otherSite = await postForm(
      f.app,
      '/login',
      jar,
      { csrf: hiddenCsrf(await login.text()), personId: String(supervisorId) },
      { origin: 'https://evil.example' },
    );
    expect(otherSite.status).toBe(403);
    expect(await otherSite.text()).toContain('来源检查未通过');

    const cookie = await signIn(f.app, supervisorId);
    const logout = await postForm(f.app, '/logout', cookie, {});
    expect(logout.status).toBe(403);
    expect((await get(f.app, '/', cookie)).status).toBe(200);
  });

  it('lets a signed-in sandbox user switch to someone else from the roster', async () => {
    const cookie = await signIn(f.app, supervisorId);
    const admin = await f.db.prisma.person.findFirstOrThrow({ where: { role: 'admin' } });
    const login = await get(f.app, '/login', cookie);
    expect(login.status).toBe(200);
    const page = await login.text();
    expect(page).toContain('选择其他人即切换身份');
    const jar = cookiesFrom(login, cookie);
    const done = await postForm(f.app, '/login', jar, { csrf: hiddenCsrf(page), personId: String(admin.id) });
    expect(await (await get(f.app, '/', cookiesFrom(done, jar))).text()).toContain(`${admin.name} · 管理员`);
  });

  it('signs out with the session’s token', async () => {
    const cookie = await signIn(f.app, supervisorId);
    const page = await (await get(f.app, '/', cookie)).text();
    const out = await postForm(f.app, '/logout', cookie, { csrf: hiddenCsrf(page) });
    expect(out.status).toBe(303);
    expect(out.headers.get('location')).toBe('/login?out=1');
    expect((await get(f.app, '/', cookiesFrom(out, cookie))).status).toBe(302);
  });

  it('refuses people who are inactive or not on the roster, also when a session outlives their removal', async () => {
    const officer = await f.db.prisma.person.findFirstOrThrow({ where: { role: 'officer' }, orderBy: { id: 'desc' } });
    const cookie = await signIn(f.app, officer.id);
    await f.db.prisma.person.update({ where: { id: officer.id }, data: { active: false } });
    try {
      const r = await get(f.app, '/', cookie);
      expect(r.status).toBe(403);
      expect(await r.text()).toContain('你的账号已停用');
      const login = await get(f.app, '/login');
      expect(await login.clone().text()).not.toContain(`value="${officer.id}"`);
      const again = await postForm(f.app, '/login', cookiesFrom(login), {
        csrf: hiddenCsrf(await login.text()),
        personId: String(officer.id),
      });
      expect(again.status).toBe(403);
    } finally {
      await f.db.prisma.person.update({ where: { id: officer.id }, data: { active: true } });
    }
    const login = await get(f.app, '/login');
    const stranger = await postForm(f.app, '/login', cookiesFrom(login), { csrf: hiddenCsrf(await login.text()), personId: '999999' });
    expect(stranger.status).toBe(403);
    expect(await stranger.text()).toContain('不在户户清的名册中');
  });
});

describe('live sign-in with Lark (OAuth web login against a fake Lark peer)', () => {
  const appCredentials = { appId: 'cli_console_test', appSecret: 'console-secret' };
  const peer = createFakeLarkLoginPeer(appCredentials);
  const live = () =>
    new Hono().route(
      '/',
      consoleRoute({
        ...f.deps,
        mode: 'live',
        publicUrl: 'https://huhuqing.example.org',
        larkLogin: createLarkWebLogin({ ...appCredentials, domain: 'feishu', fetch: peer.fetch }),
      }),
    );

  async function startLogin(app: Hono) {
    const r = await get(app, '/login');
    expect(r.status).toBe(302);
    const to = new URL(r.headers.get('location')!);
    return { to, jar: cookiesFrom(r) };
  }

  it('redirects /login to Lark’s authorize page and signs in the roster person Lark names', async () => {
    const app = live();
    const { to, jar } = await startLogin(app);
    expect(`${to.origin}${to.pathname}`).toBe('https://open.feishu.cn/open-apis/authen/v1/authorize');
    expect(to.searchParams.get('app_id')).toBe('cli_console_test');
    expect(to.searchParams.get('redirect_uri')).toBe('https://huhuqing.example.org/login/callback');
    const state = to.searchParams.get('state')!;
    expect(state.length).toBeGreaterThan(20);

    const person = await f.db.prisma.person.findFirstOrThrow({ where: { role: 'supervisor', region: { level: 'city' } } });
    const code = peer.codeFor(person.openId!, person.name);
    const back = await get(app, `/login/callback?code=${code}&state=${encodeURIComponent(state)}`, jar);
    expect(back.status).toBe(302);
    expect(back.headers.get('location')).toBe('/');
    // publicUrl is https: the session cookie is Secure.
    expect(back.headers.getSetCookie().find((c) => c.startsWith('hhq_session='))).toMatch(/Secure/);
    const home = await get(app, '/', cookiesFrom(back, jar));
    expect(await home.text()).toContain(`${person.name} · 督查员`);
    // The code was exchanged with the app's token, the user read with the user's token.
    const exchange = peer.calls.find((c) => c.path === '/open-apis/authen/v1/oidc/access_token')!;
    expect(exchange.authorization).toBe('Bearer a-fake-app-token');
    expect(exchange.body).toEqual({ grant_type: 'authorization_code', code });
    expect(peer.calls.find((c) => c.path === '/open-apis/authen/v1/user_info')!.authorization).toMatch(/^Bearer u-fake-/);
  });

  it('refuses a Lark user who is not on the roster, a wrong state and a used code', async () => {
    const app = live();
    const { to, jar } = await startLogin(app);
    const state = encodeURIComponent(to.searchParams.get('state')!);
    const stranger = await get(app, `/login/callback?code=${peer.codeFor('ou_not_on_roster', '路人甲')}&state=${state}`, jar);
    expect(stranger.status).toBe(403);
    const text = await stranger.text();
    expect(text).toContain('飞书账号「路人甲」不在名册中');
    expect(stranger.headers.getSetCookie().some((c) => c.startsWith('hhq_session=') && !/Max-Age=0/i.test(c))).toBe(false);

    const person = await f.db.prisma.person.findFirstOrThrow({ where: { role: 'admin' } });
    const forgedState = await get(app, `/login/callback?code=${peer.codeFor(person.openId!, person.name)}&state=forged`, jar);
    expect(forgedState.status).toBe(403);
    expect(await forgedState.text()).toContain('state');

    const code = peer.codeFor(person.openId!, person.name);
    expect((await get(app, `/login/callback?code=${code}&state=${state}`, jar)).status).toBe(302);
    const reused = await get(app, `/login/callback?code=${code}&state=${state}`, jar);
    expect(reused.status).toBe(403);
    expect(await reused.text()).toContain('飞书登录失败');
    // Without the login cookie (another browser) the callback is refused outright.
    expect((await get(app, `/login/callback?code=${peer.codeFor(person.openId!, person.name)}&state=${state}`)).status).toBe(400);
  });

  it('has no roster sign-in in live mode', async () => {
    const app = live();
    const r = await postForm(app, '/login', '', { personId: String(supervisorId), csrf: 'x' });
    expect([403, 404]).toContain(r.status);
    expect(r.headers.getSetCookie().some((c) => c.startsWith('hhq_session='))).toBe(false);
  });
});

/** A session cookie signed with some other secret, as a forger would make it. */
async function signedElsewhere(value: string): Promise<string> {
  const app = new Hono();
  const { setSignedCookie } = await import('hono/cookie');
  app.get('/', async (c) => {
    await setSignedCookie(c, 'hhq_session', value, `${testSecret}-not-ours`);
    return c.text('');
  });
  return cookiesFrom(await app.request('/'));
}
