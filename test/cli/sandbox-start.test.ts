import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/parse-config.ts';
import { silentLogger } from '../../src/core/logger.ts';
import { createPrisma } from '../../src/db/create-prisma.ts';
import { startNodeServer, type RunningServer } from '../../src/runtime/node.ts';

let server: RunningServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('npm start without Lark credentials (sandbox mode)', () => {
  it('seeds the demo city once, starts the simulator with its people and chats, keeps the data on restart and starts over with --reset-demo', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'huhuqing-sandbox-'));
    const config = parseConfig({ DATABASE_URL: `file:${path.join(dir, 'sandbox.db')}`, PORT: '0' });
    server = await startNodeServer(config, silentLogger, { scheduler: false });
    expect(server.simulatorUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const db = createPrisma(config.databaseUrl);
    try {
      expect(await db.household.count()).toBe(36);
      expect(await db.case.count()).toBe(36);
      expect(await db.chat.count()).toBeGreaterThanOrEqual(8);
      const states = await db.case.groupBy({ by: ['state'], _count: true });
      expect(states.length).toBeGreaterThanOrEqual(1);
      expect(await db.case.count({ where: { deadlineAt: { lt: new Date() } } })).toBeGreaterThan(0); // some are overdue
      const token = await fetch(`${server.simulatorUrl}/open-apis/bot/v3/info`);
      expect(token.status).toBeLessThan(500);

      await server.close();
      server = await startNodeServer(config, silentLogger, { scheduler: false });
      expect(await db.auditEvent.count({ where: { action: 'households.imported' } })).toBe(1);

      await server.close();
      await db.$disconnect();
      server = await startNodeServer(config, silentLogger, { scheduler: false, resetDemo: true });
      const fresh = createPrisma(config.databaseUrl);
      expect(await fresh.household.count()).toBe(36);
      expect(await fresh.auditEvent.count({ where: { action: 'households.imported' } })).toBe(1);
      await fresh.$disconnect();
    } finally {
      await db.$disconnect();
    }
  });
});
