// `huhuqing token create|list|revoke` through the real CLI, and the tokens it prints used against /api.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { hashApiToken } from '../../src/app/api-tokens/token-secret.ts';
import { buildEngineDeps } from '../../src/app/cases/build-engine-deps.ts';
import { main } from '../../src/cli/main.ts';
import { silentLogger } from '../../src/core/logger.ts';
import { createPrisma, type Db } from '../../src/db/create-prisma.ts';
import { apiRoute } from '../../src/http/routes/api.ts';
import { householdHeader, householdRow, rosterHeader, writeCsv } from '../helpers/table-files.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'huhuqing-cli-token-'));
const saved = process.env.DATABASE_URL;
let db: Db;

/** Runs the CLI; stdout (console.log) and stderr (console.error) apart. */
async function run(...args: string[]): Promise<{ code: number; stdout: string[]; stderr: string[] }> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...a) => void stdout.push(a.join(' ')));
  const err = vi.spyOn(console, 'error').mockImplementation((...a) => void stderr.push(a.join(' ')));
  try {
    return { code: await main(['node', 'huhuqing', ...args]), stdout, stderr };
  } finally {
    log.mockRestore();
    err.mockRestore();
  }
}

beforeAll(async () => {
  process.env.DATABASE_URL = `file:${path.join(dir, 'cli.db')}`;
  const roster = writeCsv(dir, 'roster.csv', [
    rosterHeader,
    ['王芳', '责任人', '13900000001', '', 'ou_officer', '云南省', '曲靖市', '麒麟区', '', '', ''],
    ['赵督', '督查员', '13900000003', '', 'ou_county', '云南省', '曲靖市', '麒麟区', '', '', ''],
  ]);
  expect((await run('roster', 'import', roster)).code).toBe(0);
  expect((await run('import', writeCsv(dir, 'h.csv', [householdHeader, householdRow(1, { 责任人: '王芳' })]))).code).toBe(0);
  db = createPrisma(process.env.DATABASE_URL);
});
afterAll(async () => {
  await db.$disconnect();
  process.env.DATABASE_URL = saved;
  rmSync(dir, { recursive: true, force: true });
});

describe('huhuqing token', () => {
  it('refuses incomplete or contradictory scopes with what to add, exit 2', async () => {
    const cases: Array<[string[], string]> = [
      [['--role', 'supervisor'], '--region'],
      [['--role', 'officer'], '--person'],
      [['--role', 'boss'], 'officer（责任人）、supervisor（督查员）、admin（管理员）'],
      [['--role', 'admin', '--region', '麒麟区'], '去掉 --region'],
      [['--role', 'supervisor', '--region', '不存在区'], '找不到地区「不存在区」'],
      [['--role', 'officer', '--person', '查无此人'], '名册中没有「查无此人」'],
    ];
    for (const [args, message] of cases) {
      const r = await run('token', 'create', ...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.join('\n')).toContain(message);
    }
    expect(await db.apiToken.count()).toBe(0);
  });

  it('creates tokens printed once on stdout alone, stores only their SHA-256, lists and revokes them', async () => {
    const supervisor = await run('token', 'create', '--role', 'supervisor', '--region', '麒麟区', '--name', '麒麟区督查');
    expect(supervisor.code).toBe(0);
    expect(supervisor.stdout).toHaveLength(1);
    const token = supervisor.stdout[0]!;
    expect(token).toMatch(/^hhq_[A-Za-z0-9_-]{43}$/);
    expect(supervisor.stderr.join('\n')).toMatch(/已创建令牌 #1「麒麟区督查」（督查员，范围：麒麟区）[\s\S]*只显示这一次/);
    const row = await db.apiToken.findUniqueOrThrow({ where: { id: 1 } });
    expect(row).toMatchObject({
      name: '麒麟区督查',
      role: 'supervisor',
      tokenHash: await hashApiToken(token),
      createdBy: 'cli',
      revokedAt: null,
    });

    const officer = await run('token', 'create', '--role', '责任人', '--person', '13900000001');
    expect(officer.code).toBe(0);
    expect(officer.stderr.join('\n')).toContain('「责任人：王芳」（责任人，范围：王芳 负责的家庭）');
    expect((await db.apiToken.findUniqueOrThrow({ where: { id: 2 } })).personId).not.toBeNull();
    expect((await run('token', 'create', '--role', 'admin')).code).toBe(0);

    const list = await run('token', 'list');
    expect(list.code).toBe(0);
    expect(list.stdout).toHaveLength(3);
    expect(list.stdout[0]).toMatch(/^#1 {2}麒麟区督查 {2}督查员 {2}地区 麒麟区 {2}有效 .*从未使用$/);
    expect(list.stdout[1]).toContain('人员 王芳');
    expect(list.stdout[2]).toMatch(/管理员 {2}地区 全部地区/);
    expect(list.stdout.join('\n')).not.toContain('hhq_');

    // The printed token works against /api until it is revoked.
    const deps = await buildEngineDeps(db, 'Asia/Shanghai');
    const app = new Hono().route('/', apiRoute({ engine: deps, now: () => new Date(), logger: silentLogger }));
    const get = () => app.request('/api/households', { headers: { authorization: `Bearer ${token}` } });
    const ok = await get();
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { total: number }).total).toBe(1);
    expect((await run('token', 'list')).stdout[0]).toContain('最近使用');

    const revoke = await run('token', 'revoke', '1');
    expect(revoke.code).toBe(0);
    expect(revoke.stdout.join('\n')).toContain('已吊销令牌 #1「麒麟区督查」');
    expect((await get()).status).toBe(401);
    expect((await run('token', 'revoke', '#1')).stdout.join('\n')).toContain('无需再次吊销');
    expect((await run('token', 'list')).stdout[0]).toContain('已吊销');
    const missing = await run('token', 'revoke', '99');
    expect(missing.code).toBe(2);
    expect(missing.stderr.join('\n')).toContain('huhuqing token list');
    expect((await run('token', 'revoke', 'abc')).code).not.toBe(0);

    const audit = await db.auditEvent.findMany({ where: { action: { startsWith: 'api_token.' } }, orderBy: { id: 'asc' } });
    expect(audit.map((a) => a.action)).toEqual(['api_token.created', 'api_token.created', 'api_token.created', 'api_token.revoked']);
    expect(JSON.stringify(audit)).not.toContain('hhq_');
  });
});
