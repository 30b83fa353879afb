// Sign-in and sign-out. Sandbox: /login lists the roster and a POST (with the form's CSRF token)
// signs in as the chosen person. Live: /login sends the browser to Lark's OAuth web login and
// /login/callback turns the code into the user's open_id and a session. A person who is not on
// the roster, or is inactive, is refused with a page that says what to do.
import { Hono, type Context } from 'hono';
import { listLoginRoster } from '../../../app/console/list-login-roster.ts';
import { resolveConsolePerson } from '../../../app/console/resolve-console-person.ts';
import { isAppError } from '../../../core/app-error.ts';
import type { ConsoleDeps } from './console-deps.ts';
import { formRefused, originCheck, readCheckedForm, refuse, requireSignIn, type ConsoleEnv } from './guard.ts';
import { html } from './html.ts';
import { layout } from './layout.ts';
import { loginPage } from './login-page.ts';
import { messagePage } from './message-page.ts';
import { sendPage } from './respond.ts';
import { checkToken, endLogin, endSession, readLogin, readSession, safeNext, startLogin, startSession } from './session.ts';

export function loginRoutes(deps: ConsoleDeps): Hono<ConsoleEnv> {
  const route = new Hono<ConsoleEnv>();
  const say = (c: Context, status: 400 | 403 | 404 | 503, heading: string, text: string) =>
    sendPage(
      c,
      status,
      messagePage({ title: heading, mode: deps.mode }, { heading, text, links: [{ href: '/login', label: '重新登录' }] }),
    );

  route.get('/login', async (c) => {
    const next = safeNext(c.req.query('next'));
    const current = await readSession(c, deps);
    const signedIn = current.kind === 'ok' ? await resolveConsolePerson(deps.db, { personId: current.personId }) : null;
    // Live: already signed in, nothing to do. Sandbox: the roster again, to switch to someone else.
    if (deps.mode === 'live' && signedIn?.ok) return c.redirect(next ?? '/', 302);
    if (deps.mode === 'live') {
      if (!deps.larkLogin) return say(c, 503, '暂不能登录', '服务器没有配置飞书登录：请管理员检查 LARK_APP_ID / LARK_APP_SECRET。');
      const { state } = await startLogin(c, deps, next);
      return c.redirect(deps.larkLogin.authorizeUrl({ redirectUri: callbackUrl(c, deps), state }), 302);
    }
    const { formToken } = await startLogin(c, deps, next);
    const notice = c.req.query('expired')
      ? '登录已超过 12 小时，请重新选择身份。'
      : c.req.query('out')
        ? '已退出登录。'
        : signedIn?.ok
          ? `你当前以「${signedIn.viewer.name}」的身份登录；选择其他人即切换身份。`
          : null;
    return sendPage(c, 200, loginPage({ roster: await listLoginRoster(deps.db), formToken, notice }));
  });

  route.post('/login', originCheck(deps), async (c) => {
    if (deps.mode !== 'sandbox') return say(c, 404, '没有这个页面', '正式环境请通过飞书登录。');
    const login = await readLogin(c, deps);
    const body = login === null ? null : await readCheckedForm(c, login.formToken);
    if (login === null || body === null) return formRefused(c, deps, null);
    const personId = Number(body.personId);
    if (!Number.isSafeInteger(personId) || personId <= 0) return say(c, 400, '请选择身份', '请在登录页点选名册中的一个人。');
    const who = await resolveConsolePerson(deps.db, { personId });
    if (!who.ok) return refuse(c, deps, who, null);
    endLogin(c, deps);
    await startSession(c, deps, personId);
    deps.logger?.info({ personId, role: who.viewer.role }, '控制台登录（沙箱）');
    return c.redirect(login.next ?? '/', 303);
  });

  route.get('/login/callback', async (c) => {
    if (deps.mode !== 'live' || !deps.larkLogin) return say(c, 404, '没有这个页面', '沙箱模式在登录页直接选择身份。');
    const login = await readLogin(c, deps);
    if (login === null)
      return say(c, 400, '登录已超时', '从打开登录页到飞书授权完成超过了 10 分钟，或浏览器没有保存登录过程的 Cookie：请重新登录。');
    if (!checkToken(login.state, c.req.query('state')))
      return say(c, 403, '登录请求无效', '飞书返回的 state 与本浏览器发起的登录不符（可能是伪造的登录链接）：请重新登录。');
    const code = c.req.query('code');
    if (!code) return say(c, 403, '没有完成飞书授权', '飞书没有返回登录码（可能取消了授权）：请重新登录并在飞书页面点「授权」。');
    let identity;
    try {
      identity = await deps.larkLogin.identify({ code, redirectUri: callbackUrl(c, deps) });
    } catch (error) {
      if (!isAppError(error)) throw error;
      return say(c, 403, '飞书登录失败', error.message);
    }
    const who = await resolveConsolePerson(deps.db, { openId: identity.openId });
    if (!who.ok) return refuse(c, deps, who, identity.name);
    endLogin(c, deps);
    await startSession(c, deps, who.viewer.personId!);
    deps.logger?.info({ personId: who.viewer.personId, role: who.viewer.role }, '控制台登录（飞书）');
    return c.redirect(login.next ?? '/', 302);
  });

  route.get('/logout', requireSignIn(deps), (c) => {
    const session = c.get('session');
    return sendPage(
      c,
      200,
      layout(
        { title: '退出登录', mode: deps.mode, session },
        html`<section class="card">
          <h1>退出登录</h1>
          <form method="post" action="/logout">
            <input type="hidden" name="csrf" value="${session.csrf}" /><button class="primary" type="submit">退出登录</button>
          </form>
        </section>`,
      ).value,
    );
  });

  route.post('/logout', originCheck(deps), requireSignIn(deps), async (c) => {
    const session = c.get('session');
    if ((await readCheckedForm(c, session.csrf)) === null) return formRefused(c, deps, session);
    endSession(c, deps);
    return c.redirect('/login?out=1', 303);
  });
  return route;
}

function callbackUrl(c: Context, deps: ConsoleDeps): string {
  return `${(deps.publicUrl ?? new URL(c.req.url).origin).replace(/\/+$/, '')}/login/callback`;
}
