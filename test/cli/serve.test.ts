import { spawn } from 'node:child_process';
import { mkdtempSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const bin = path.resolve('bin/huhuqing.mjs');

function run(args: string[], env: Record<string, string>, cwd: string) {
  const child = spawn(process.execPath, [bin, ...args], {
    cwd,
    env: { PATH: process.env.PATH ?? '', HOME: cwd, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (err += d));
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exit, out: () => out, err: () => err };
}

describe('huhuqing serve (the bin, as npm start runs it)', () => {
  it('creates the database on first start, says it runs without Lark credentials, and answers /readyz', async () => {
    const cwd = mkdtempSync(path.join(tmpdir(), 'huhuqing-serve-'));
    const p = run(['serve'], { PORT: '0' }, cwd);
    const deadline = Date.now() + 20_000;
    while (!/已启动：(http:\/\/\S+)/.test(p.out()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    const url = /已启动：(http:\/\/\S+)/.exec(p.out())?.[1];
    expect(url, p.err()).toBeDefined();
    expect(p.out()).toContain('未设置飞书凭证');
    expect(existsSync(path.join(cwd, 'data/huhuqing.db'))).toBe(true);
    const ready = await fetch(`${url}/readyz`);
    expect(await ready.json()).toMatchObject({ ready: true, mode: 'sandbox' });
    p.child.kill('SIGTERM');
    expect(await p.exit).toBe(0);
    rmSync(cwd, { recursive: true, force: true });
  });

  it('refuses to start on bad settings, listing every problem with its fix', async () => {
    const cwd = mkdtempSync(path.join(tmpdir(), 'huhuqing-serve-'));
    const p = run(['serve'], { PORT: 'abc', LARK_EVENT_MODE: 'x' }, cwd);
    expect(await p.exit).toBe(2);
    expect(p.err()).toMatch(/配置有 2 处问题/);
    expect(p.err()).toMatch(/PORT/);
    expect(p.err()).toMatch(/LARK_EVENT_MODE/);
    expect(p.err()).not.toMatch(/at .*\.ts:\d+/);
    rmSync(cwd, { recursive: true, force: true });
  });
});
