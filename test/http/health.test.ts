import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { parseConfig } from '../../src/config/parse-config.ts';
import { silentLogger } from '../../src/core/logger.ts';
import { startNodeServer, type RunningServer } from '../../src/runtime/node.ts';
import { createTempDb } from '../helpers/temp-db.ts';

let server: RunningServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('health endpoints', () => {
  it('serves /healthz and /readyz on 127.0.0.1 once migrations are applied', async () => {
    const db = await createTempDb();
    server = await startNodeServer(parseConfig({ DATABASE_URL: db.url, PORT: '0' }), silentLogger);
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(await (await fetch(`${server.url}/healthz`)).json()).toEqual({ ok: true });
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ ready: true, mode: 'sandbox', problems: [] });
    const missing = await fetch(`${server.url}/nope`);
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { message: string }).message).toContain('/nope');
    await db.cleanup();
  });

  it('answers /readyz with 503 and the fix when a migration is missing', async () => {
    const db = await createTempDb();
    server = await startNodeServer(parseConfig({ DATABASE_URL: db.url, PORT: '0' }), silentLogger);
    const raw = new Database(db.file);
    raw.prepare('DELETE FROM _prisma_migrations').run();
    raw.close();
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(503);
    expect(((await ready.json()) as { problems: string[] }).problems[0]).toMatch(/huhuqing migrate/);
    await server.close();
    server = undefined;
    await db.cleanup();
    rmSync(db.dir, { recursive: true, force: true });
  });
});
