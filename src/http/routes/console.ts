// The web console at `/`: sign-in (the roster in sandbox mode, Lark's OAuth web login in live
// mode), 12-hour signed sessions, and the Progress and Households pages, server-rendered in
// Chinese, scoped by who is signed in; the browser libraries (Mermaid, VChart) under /assets. Every
// POST form is checked twice: its Origin (hono/csrf) and a CSRF token derived from the session.
// See docs/console.md.
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { isAppError } from '../../core/app-error.ts';
import { statusForError } from '../status-for-error.ts';
import type { ConsoleDeps } from './console/console-deps.ts';
import type { ConsoleEnv } from './console/guard.ts';
import { loginRoutes } from './console/login-routes.ts';
import { messagePage } from './console/message-page.ts';
import { pageRoutes } from './console/page-routes.ts';
import { flowsRoutes } from './console/flows-routes.ts';
import { sendPage } from './console/respond.ts';

export type { ConsoleDeps } from './console/console-deps.ts';

export function consoleRoute(deps: ConsoleDeps): Hono<ConsoleEnv> {
  if (deps.sessionSecret.length < 32) throw new Error('consoleRoute: sessionSecret must be at least 32 characters of randomness');
  const route = new Hono<ConsoleEnv>();
  route.route('/', loginRoutes(deps));
  route.route('/', pageRoutes(deps));
  route.route('/', flowsRoutes(deps));
  // Node-only parts (the library files under /assets read from node_modules; Operations with its
  // uploads, SQLite import and workbooks) come from the runtime, so the Worker bundle has none.
  for (const extra of deps.nodeRoutes?.(deps) ?? []) route.route('/', extra);

  // Errors become pages, not JSON: a household out of scope reads exactly like a missing one.
  route.onError((error, c) => {
    const session = c.get('session');
    const chrome = (title: string) => ({ title, mode: deps.mode, ...(session ? { session } : {}) });
    if (error instanceof HTTPException && error.status === 403) {
      const heading = '请求被拒绝';
      const text = '这次提交不是从本系统的页面发出的（来源检查未通过），没有执行任何操作。请回到控制台页面重试。';
      return sendPage(c, 403, messagePage(chrome(heading), { heading, text, links: [{ href: '/', label: '回到进度页' }] }));
    }
    if (isAppError(error)) {
      const status = statusForError(error.code);
      const heading = error.code === 'not_found' ? '没有找到' : error.code === 'forbidden' ? '无权查看' : '无法完成';
      return sendPage(
        c,
        status,
        messagePage(chrome(heading), { heading, text: error.message, links: [{ href: '/', label: '回到进度页' }] }),
      );
    }
    deps.logger?.error({ err: (error as Error).message, path: c.req.path }, 'console error');
    const heading = '服务器内部错误';
    return sendPage(c, 500, messagePage(chrome(heading), { heading, text: '出错了，已记录日志。请稍后重试。' }));
  });
  return route;
}
