import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { registerDemo } from '../../src/cli/commands/demo.ts';

const dir = mkdtempSync(join(tmpdir(), 'huhuqing-demo-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

const run = async (...args: string[]): Promise<string> => {
  const lines: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((line: string) => void lines.push(line));
  const program = new Command('huhuqing').exitOverride();
  program.configureOutput({ writeErr: (s) => void lines.push(s), writeOut: (s) => void lines.push(s) });
  registerDemo(program);
  await program.parseAsync(['node', 'huhuqing', ...args]);
  return lines.join('\n');
};

describe('huhuqing demo files', () => {
  it('writes households and roster into the folder and says so in Chinese', async () => {
    const out = join(dir, 'csv');
    const said = await run('demo', 'files', '--households', '300', '--seed', '4', '--today', '2025-06-01', '--out', out);
    expect(existsSync(join(out, 'households.csv'))).toBe(true);
    expect(existsSync(join(out, 'roster.csv'))).toBe(true);
    expect(said).toContain('已写入');
    expect(said).toContain('300 户档案');
    expect(said).toMatch(/\d+ 人、9 个群/);
  });

  it('writes xlsx when asked', async () => {
    const out = join(dir, 'xlsx');
    await run('demo', 'files', '--households', '50', '--format', 'xlsx', '--today', '2025-06-01', '--out', out);
    expect(existsSync(join(out, 'households.xlsx'))).toBe(true);
    expect(existsSync(join(out, 'roster.xlsx'))).toBe(true);
  });

  it('refuses a household count that is not a number', async () => {
    await expect(run('demo', 'files', '--households', 'many', '--out', dir)).rejects.toThrow(/非负整数/);
  });
});
