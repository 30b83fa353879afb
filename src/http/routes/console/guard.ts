// The gates in front of the console's pages: a valid session of an active roster person (else to
// /login, or a clear refusal), the Origin check on every POST (hono/csrf), and the form's CSRF token.
import type { Context, MiddlewareHandler } from 'hono';
import { csrf } from 'hono/csrf';
import { resolveConsolePerson, type ConsolePerson } from '../../../app/console/resolve-console-person.ts';
import type { Viewer } from '../../../core/access/viewer.ts';
import type { ConsoleDeps } from './console-deps.ts';
import { messagePage } from './message-page.ts';
import { sendPage } from './respond.ts';
import { checkToken, endSession, readSession } from './session.ts';

export interface SignedIn {
  viewer: Viewer;
  regionName: string | null;
  csrf: string;
}

export type ConsoleEnv = { Variables: { session: SignedIn } };

export function requireSignIn(deps: ConsoleDeps): MiddlewareHandler<ConsoleEnv> {
  return async (c, next) => {
    const s = await readSession(c, deps);
    if (s.kind === 'none' || s.kind === 'expired') {
      if (s.kind === 'expired') endSession(c, deps);
      const url = new URL(c.req.url);
      const q = new URLSearchParams();
      if (c.req.method === 'GET' && (url.pathname !== '/' || url.search !== '')) q.set('next', url.pathname + url.search);
      if (s.kind === 'expired') q.set('expired', '1');
      const query = q.toString();
      return c.redirect(query ? `/login?${query}` : '/login', 302);
    }
    if (s.kind === 'invalid') {
      endSession(c, deps);
      return sendPage(
        c,
        401,
        messagePage(
          { title: '登录凭据无效', mode: deps.mode },
          {
            heading: '登录凭据无效',
            text: '浏览器送来的登录凭据不是本系统签发的（可能被改动过，或服务器更换了密钥）。已清除，请重新登录。',
            links: [{ href: '/login', label: '重新登录' }],
          },
        ),
      );
    }
    const who = await resolveConsolePerson(deps.db, { personId: s.personId });
    if (!who.ok) {
      endSession(c, deps);
      return refuse(c, deps, who, null);
    }
    c.set('session', { viewer: who.viewer, regionName: who.regionName, csrf: s.csrf });
    await next();
  };
}

/** The person behind a sign-in is not allowed in: say why and what to do. */
export function refuse(c: Context, deps: ConsoleDeps, who: Extract<ConsolePerson, { ok: false }>, larkName: string | null): Response {
  const texts: Record<typeof who.reason, [string, string]> = {
    not_on_roster: [
      '你不在户户清的名册中',
      `${larkName ? `飞书账号「${larkName}」` : '这个账号'}不在名册中。控制台只对名册中的责任人、督查员和管理员开放：请联系管理员把你加入名册（含飞书 open_id、手机号或邮箱）后再登录。`,
    ],
    inactive: ['你的账号已停用', '名册中你的记录已停用，不能再登录控制台。如需恢复，请联系管理员。'],
    no_role: ['名册中你的角色无效', '名册中你的角色不是责任人、督查员或管理员，不能登录控制台：请联系管理员更正名册。'],
  };
  const [heading, text] = texts[who.reason];
  return sendPage(
    c,
    403,
    messagePage({ title: heading, mode: deps.mode }, { heading, text, links: [{ href: '/login', label: '换个账号登录' }] }),
  );
}

/** hono/csrf: a POST form must come from this site (Origin, or Sec-Fetch-Site: same-origin). */
export function originCheck(deps: ConsoleDeps): MiddlewareHandler {
  const publicOrigin = deps.publicUrl ? new URL(deps.publicUrl).origin : null;
  return csrf({ origin: (origin, c) => origin === new URL(c.req.url).origin || origin === publicOrigin });
}

/** The form's CSRF token must match the session's; the body is returned for the handler. */
export async function readCheckedForm(c: Context, expected: string): Promise<Record<string, unknown> | null> {
  const body = await c.req.parseBody().catch(() => null);
  if (body === null || !checkToken(expected, body.csrf)) return null;
  return body;
}

export function formRefused(c: Context, deps: ConsoleDeps, session: SignedIn | null): Response {
  return sendPage(
    c,
    403,
    messagePage(
      { title: '表单已失效', mode: deps.mode, ...(session ? { session } : {}) },
      {
        heading: '表单已失效',
        text: '这次提交没有带上有效的安全令牌（页面可能已过期，或请求来自其他网站），没有执行任何操作。请回到页面刷新后重试。',
        links: [{ href: '/', label: '回到进度页' }],
      },
    ),
  );
}
