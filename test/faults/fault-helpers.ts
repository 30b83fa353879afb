// Small helpers for the fault tests: a logger that keeps what it was given, a CLI run in a child
// process (optionally under a file-size limit), and an SQLite file that cannot grow.
import { spawn } from 'node:child_process';
import path from 'node:path';
import type { Logger } from '../../src/core/logger.ts';
import type { Db } from '../../src/db/create-prisma.ts';

export interface LogLine {
  level: 'debug' | 'info' | 'warn' | 'error';
  fields: Record<string, unknown>;
  message: string;
}

export function recordingLogger(): Logger & { lines: LogLine[]; errors(): string[] } {
  const lines: LogLine[] = [];
  const at = (level: LogLine['level']) => (fields: Record<string, unknown>, message: string) => void lines.push({ level, fields, message });
  return {
    lines,
    errors: () => lines.filter((l) => l.level === 'error').map((l) => l.message),
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
  };
}

export interface ChildRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * `huhuqing <args>` in a child process, as an operator runs it. `fileSizeLimitKb` runs it under
 * `ulimit -f` (RLIMIT_FSIZE): the kernel refuses any write past that offset with EFBIG, and sends
 * SIGXFSZ, which would kill the process by default. Node ignores SIGXFSZ itself (checked: without
 * the trap the child still exits normally); the trap makes that explicit for any node version.
 */
export function runCliChild(args: string[], env: Record<string, string>, options: { fileSizeLimitKb?: number } = {}): Promise<ChildRun> {
  const bin = path.resolve('bin/huhuqing.mjs');
  const command =
    options.fileSizeLimitKb === undefined
      ? [process.execPath, bin, ...args]
      : ['bash', '-c', `trap '' XFSZ; ulimit -f ${options.fileSizeLimitKb} && exec "$@"`, 'bash', process.execPath, bin, ...args];
  return new Promise((resolve, reject) => {
    const child = spawn(command[0]!, command.slice(1), {
      cwd: process.cwd(),
      env: { ...process.env, LOG_LEVEL: 'silent', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.once('error', reject);
    child.once('exit', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

/**
 * Makes the database behind `db` unable to grow, as a full disk does, on the product's own
 * connection (the adapter keeps one; PRAGMA max_page_count is per connection): VACUUM packs the
 * pages, the file may not get a page more, then tiny filler rows in `inbound_events` use up what
 * room its last pages had. A real full file system (tmpfs) needs root and a mount, which CI
 * containers do not allow; RLIMIT_FSIZE would hit the test runner itself. So: SQLITE_FULL, for real,
 * from SQLite, on the server's connection — with the filler rows left for the test to account for.
 */
export async function fillDatabase(db: Db): Promise<{ fillerRows: number; release(): Promise<void> }> {
  await db.$executeRawUnsafe('VACUUM');
  const [{ page_count: pages } = { page_count: 0n }] = await db.$queryRawUnsafe<{ page_count: bigint }[]>('PRAGMA page_count');
  await db.$queryRawUnsafe(`PRAGMA max_page_count = ${Number(pages)}`);
  let fillerRows = 0;
  for (let batch = 256; batch >= 1;) {
    try {
      fillerRows += await db.$executeRawUnsafe(
        `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
         INSERT INTO inbound_events ("dedupeKey", "eventType", "body", "status", "attempts", "receivedAt")
         SELECT '~filler-' || (? + i), 'test.filler', '{}', 'abandoned', 0, '2025-01-01T00:00:00.000+00:00' FROM n`,
        batch,
        fillerRows,
      );
    } catch (error) {
      if (!String((error as { code?: unknown }).code).startsWith('SQLITE_FULL')) throw error;
      batch = Math.floor(batch / 2);
    }
  }
  return {
    fillerRows,
    release: async () => {
      await db.$queryRawUnsafe('PRAGMA max_page_count = 1073741823');
      await db.$executeRawUnsafe(`DELETE FROM inbound_events WHERE "eventType" = 'test.filler'`);
    },
  };
}
