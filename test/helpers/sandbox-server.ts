// The real server in sandbox mode for browser tests: a fresh database, the demo city seeded at a
// fixed day (a Monday with holiday data), real time flowing from there, the scheduler left to the
// test (time travel), and a Prisma client of its own on the same file for assertions.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseConfig } from '../../src/config/parse-config.ts';
import { silentLogger } from '../../src/core/logger.ts';
import { createPrisma, type Db } from '../../src/db/create-prisma.ts';
import { startNodeServer, type RunningServer } from '../../src/runtime/node.ts';

export const SANDBOX_START = new Date('2025-11-10T10:00:00+08:00').getTime();

export interface SandboxServer {
  server: RunningServer;
  db: Db;
  close(): Promise<void>;
}

export async function startSandboxServer(prefix: string): Promise<SandboxServer> {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  const config = parseConfig({ DATABASE_URL: `file:${path.join(dir, 'sandbox.db')}`, PORT: '0', LOG_LEVEL: 'silent' });
  const t0 = performance.now();
  const server = await startNodeServer(config, silentLogger, {
    scheduler: false,
    realNow: () => new Date(SANDBOX_START + (performance.now() - t0)),
  });
  const db = createPrisma(config.databaseUrl);
  return {
    server,
    db,
    close: async () => {
      await db.$disconnect();
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The first county supervisor of the demo city, with their region. */
export function countySupervisor(db: Db) {
  return db.person.findFirstOrThrow({
    where: { role: 'supervisor', region: { level: 'county' } },
    include: { region: true },
    orderBy: { id: 'asc' },
  });
}
