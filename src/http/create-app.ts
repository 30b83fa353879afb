// The Hono app: one web-standard app for every runtime. Routes are added here as issues land;
// routes only one runtime can serve (Node: /sandbox with the simulator, /metrics with prom-client)
// are built by that runtime and passed in `routes`, so the Workers bundle never imports them.
import { Hono } from 'hono';
import { isAppError } from '../core/app-error.ts';
import type { Logger } from '../core/logger.ts';
import { describeDbError } from '../db/describe-db-error.ts';
import { apiRoute, type ApiDeps } from './routes/api.ts';
import { consoleRoute } from './routes/console.ts';
import type { ConsoleDeps } from './routes/console/console-deps.ts';
import { larkEventsRoute, type LarkRouteDeps } from './routes/lark-events.ts';
import { statusForError } from './status-for-error.ts';

export interface AppDeps {
  logger: Logger;
  mode: 'live' | 'sandbox';
  checkReadiness: () => Promise<{ ready: boolean; problems: string[] }>;
  /** POST /lark/events; absent until the runtime wires the Lark channel. */
  lark?: LarkRouteDeps;
  /** Routes of one runtime, mounted after /lark/events (Node: sandboxRoute for /sandbox, metricsRoute for /metrics). */
  routes?: Hono[];
  /** /api: the JSON API (bearer tokens, OpenAPI at /api/openapi.json). */
  api?: ApiDeps;
  /** The web console at / (sign-in, progress, households). */
  console?: ConsoleDeps;
}

export function createApp(deps: AppDeps): Hono {
  const app = new Hono();

  app.get('/healthz', (c) => c.json({ ok: true }));
  app.get('/readyz', async (c) => {
    const r = await deps.checkReadiness();
    return c.json({ ready: r.ready, mode: deps.mode, problems: r.problems }, r.ready ? 200 : 503);
  });
  if (deps.lark) app.route('/', larkEventsRoute(deps.lark));
  for (const route of deps.routes ?? []) app.route('/', route);
  if (deps.api) app.route('/', apiRoute(deps.api));
  if (deps.console) app.route('/', consoleRoute(deps.console));
  else
    app.get('/', (c) =>
      c.text(deps.mode === 'sandbox' ? '户户清正在运行（沙箱模式）：飞书沙箱在 /sandbox' : '户户清正在运行（已连接飞书）。'),
    );

  app.notFound((c) => c.json({ error: 'not_found', message: `没有这个地址：${c.req.method} ${c.req.path}` }, 404));
  app.onError((error, c) => {
    if (isAppError(error)) {
      return c.json({ error: error.code, message: error.message, details: error.details }, statusForError(error.code));
    }
    const fault = describeDbError(error);
    if (fault) {
      // The database cannot be written right now: say what and whether a retry may help, no stack.
      deps.logger.error({ dbError: fault.code, path: c.req.path }, fault.message);
      if (fault.temporary) c.header('Retry-After', '5');
      return c.json({ error: 'database_unavailable', message: fault.message }, statusForError('database_unavailable'));
    }
    deps.logger.error({ err: error.message }, 'unhandled error');
    return c.json({ error: 'internal', message: '服务器内部错误，已记录日志' }, 500);
  });
  return app;
}
