import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSandboxClock } from '../../src/app/sandbox/sandbox-clock.ts';
import { createPrisma } from '../../src/db/create-prisma.ts';
import { cliRunner } from '../helpers/run-cli.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'huhuqing-cli-tick-'));
const url = `file:${path.join(dir, 'sandbox.db')}`;
const saved = { db: process.env.DATABASE_URL, id: process.env.LARK_APP_ID };
const { run, output } = cliRunner();

beforeAll(() => {
  process.env.DATABASE_URL = url;
  delete process.env.LARK_APP_ID;
});
afterAll(() => {
  process.env.DATABASE_URL = saved.db;
  if (saved.id !== undefined) process.env.LARK_APP_ID = saved.id;
});

describe('huhuqing tick in sandbox mode', () => {
  it('moves the sandbox clock forward with a later --now, and ticks at the sandbox time without it', async () => {
    const later = new Date(Date.now() + 3 * 86_400_000);
    expect(await run('tick', '--now', later.toISOString())).toBe(0);
    expect(output().join('\n')).toContain('沙箱时钟已拨到');
    const db = createPrisma(url);
    try {
      const clock = await loadSandboxClock(db, () => new Date());
      expect(clock.now().getTime()).toBeGreaterThanOrEqual(later.getTime());
      expect(await run('tick')).toBe(0);
      const at = new Date(/调度完成（([^）]+)）/.exec(output().join('\n'))![1]!);
      expect(at.getTime()).toBeGreaterThanOrEqual(later.getTime());
      // An earlier --now runs the timers then, but never moves the sandbox back.
      expect(await run('tick', '--now', '2025-10-18T09:00:00+08:00')).toBe(0);
      expect(output().join('\n')).not.toContain('沙箱时钟已拨到');
      await clock.refresh();
      expect(clock.now().getTime()).toBeGreaterThanOrEqual(later.getTime());
    } finally {
      await db.$disconnect();
    }
  });
});
