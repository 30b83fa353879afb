// The console in process (app.request) on a real SQLite database with the sandbox's demo city
// (曲靖市, four counties, 36 households with cases at every step, some overdue and escalated):
// sign in as anyone, GET pages and POST forms with the session's cookie and CSRF token.
import { Hono } from 'hono';
import { buildEngineDeps } from '../../src/app/cases/build-engine-deps.ts';
import type { EngineDeps } from '../../src/app/cases/engine-deps.ts';
import { seedDemo } from '../../src/app/demo/seed-demo.ts';
import { openSqliteHouseholdStore } from '../../src/db/sqlite-household-store.ts';
import { consoleRoute, type ConsoleDeps } from '../../src/http/routes/console.ts';
import { createTempDb, type TempDb } from './temp-db.ts';
import { nodeConsoleRoutes } from '../../src/http/routes/console/node-console-routes.ts';

export const consoleNow = new Date('2025-11-10T10:00:00+08:00');
export const origin = 'http://localhost';
export const testSecret = 'test-session-secret-0123456789abcdef';

export interface ConsoleFixture {
  db: TempDb;
  engine: EngineDeps;
  app: Hono;
  deps: ConsoleDeps;
  clock: { now: Date };
  close(): Promise<void>;
}

export async function createConsoleFixture(overrides: Partial<ConsoleDeps> = {}): Promise<ConsoleFixture> {
  const db = await createTempDb();
  const engine = await buildEngineDeps(db.prisma, 'Asia/Shanghai');
  const store = openSqliteHouseholdStore(db.url);
  try {
    await seedDemo(engine, store, consoleNow);
  } finally {
    store.close();
  }
  const clock = { now: consoleNow };
  const deps: ConsoleDeps = {
    db: db.prisma,
    mode: 'sandbox',
    sessionSecret: testSecret,
    now: () => clock.now,
    timezone: 'Asia/Shanghai',
    nodeRoutes: nodeConsoleRoutes,
    ...overrides,
  };
  const app = new Hono();
  app.route('/', consoleRoute(deps));
  return { db, engine, app, deps, clock, close: () => db.cleanup() };
}

/** The cookies a response sets, as a Cookie header (name=value; …), merged over `jar`. */
export function cookiesFrom(response: Response, jar = ''): string {
  const cookies = new Map(
    jar
      .split('; ')
      .filter(Boolean)
      .map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)] as [string, string]),
  );
  for (const line of response.headers.getSetCookie()) {
    const [pair = ''] = line.split(';');
    const name = pair.slice(0, pair.indexOf('='));
    const value = pair.slice(pair.indexOf('=') + 1);
    if (/max-age=0/i.test(line) || value === '') cookies.delete(name);
    else cookies.set(name, value);
  }
  return [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');
}

export function hiddenCsrf(page: string): string {
  const m = /name="csrf" value="([^"]+)"/.exec(page);
  if (!m?.[1]) throw new Error('no CSRF field on the page');
  return m[1];
}

export async function get(app: Hono, path: string, cookie = ''): Promise<Response> {
  return app.request(path, { headers: cookie ? { cookie } : {} });
}

export async function postForm(
  app: Hono,
  path: string,
  cookie: string,
  fields: Record<string, string>,
  headers: Record<string, string> = {},
) {
  return app.request(path, {
    method: 'POST',
    headers: { origin, 'content-type': 'application/x-www-form-urlencoded', ...(cookie ? { cookie } : {}), ...headers },
    body: new URLSearchParams(fields).toString(),
  });
}

/** Signs in through the sandbox's login page as this person; the session cookie. */
export async function signIn(app: Hono, personId: number): Promise<string> {
  const page = await get(app, '/login');
  const jar = cookiesFrom(page);
  const done = await postForm(app, '/login', jar, { csrf: hiddenCsrf(await page.text()), personId: String(personId) });
  if (done.status !== 303) throw new Error(`sign-in failed: ${done.status} ${await done.text()}`);
  return cookiesFrom(done, jar);
}
