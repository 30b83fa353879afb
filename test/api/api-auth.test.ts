// /api authentication: bearer tokens created with `token create` (stored hashed), ADMIN_TOKEN,
// refusals with how to get a token, revocation, lastUsedAt at most once a minute; the OpenAPI document.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../../src/app/api-tokens/create-api-token.ts';
import { revokeApiToken } from '../../src/app/api-tokens/revoke-api-token.ts';
import { hashApiToken } from '../../src/app/api-tokens/token-secret.ts';
import { ADMIN_TOKEN, createApiFixture, postJson, type ApiFixture } from './api-fixture.ts';

let f: ApiFixture;
beforeAll(async () => {
  f = await createApiFixture();
});
afterAll(async () => f.db.cleanup());

interface ErrorBody {
  error: string;
  message: string;
  details?: string[];
}

describe('bearer tokens', () => {
  it('stores only the SHA-256 of a token, which starts with hhq_', async () => {
    expect(f.tokens.county).toMatch(/^hhq_[A-Za-z0-9_-]{43}$/);
    const row = await f.db.prisma.apiToken.findUniqueOrThrow({ where: { id: f.tokens.tokenIds.county } });
    expect(row.tokenHash).toBe(await hashApiToken(f.tokens.county));
    expect(JSON.stringify(row)).not.toContain(f.tokens.county);
  });

  it('answers 401 without a token, with a malformed header and with an unknown token, saying how to get one', async () => {
    for (const [token, headers] of [
      [null, {}],
      [null, { authorization: `Token ${f.tokens.admin}` }],
      ['hhq_not-a-real-token', {}],
    ] as const) {
      const res = await f.request('/api/households', token, { headers });
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer realm="huhuqing"/);
      const body = (await res.json()) as ErrorBody;
      expect(body.error).toBe('unauthorized');
      expect(body.message).toContain('huhuqing token create');
      expect(body.message).toContain('Authorization: Bearer');
    }
  });

  it('refuses a revoked token from the moment it is revoked', async () => {
    const t = await createApiToken(f.db.prisma, { role: 'supervisor', region: '沾益区', actor: 'test', now: f.clock.now });
    expect((await f.request('/api/progress', t.token)).status).toBe(200);
    await revokeApiToken(f.db.prisma, { id: t.id, actor: 'test', now: f.clock.now });
    const res = await f.request('/api/progress', t.token);
    expect(res.status).toBe(401);
    expect(((await res.json()) as ErrorBody).message).toContain('已被吊销');
  });

  it('refuses a token whose person was deactivated in the roster', async () => {
    const p = await f.db.prisma.person.findFirstOrThrow({
      where: { role: 'officer', regionId: f.otherCounty.id, households: { none: {} } },
    });
    const t = await createApiToken(f.db.prisma, { role: 'officer', person: p.mobile!, actor: 'test', now: f.clock.now });
    expect((await f.request('/api/households', t.token)).status).toBe(200);
    await f.db.prisma.person.update({ where: { id: p.id }, data: { active: false } });
    expect((await f.request('/api/households', t.token)).status).toBe(401);
  });

  it('writes lastUsedAt at most once a minute', async () => {
    const id = f.tokens.tokenIds.city;
    const lastUsed = async () => (await f.db.prisma.apiToken.findUniqueOrThrow({ where: { id } })).lastUsedAt?.getTime();
    const start = f.clock.now;
    try {
      f.clock.now = new Date('2025-11-11T09:00:00+08:00');
      await f.request('/api/progress', f.tokens.city);
      expect(await lastUsed()).toBe(f.clock.now.getTime());
      const first = f.clock.now.getTime();
      f.clock.now = new Date(first + 30_000);
      await f.request('/api/progress', f.tokens.city);
      expect(await lastUsed()).toBe(first);
      f.clock.now = new Date(first + 61_000);
      await f.request('/api/progress', f.tokens.city);
      expect(await lastUsed()).toBe(first + 61_000);
    } finally {
      f.clock.now = start;
    }
  });

  it('accepts ADMIN_TOKEN as an admin token that sees every region', async () => {
    const res = await f.request('/api/households?pageSize=200', ADMIN_TOKEN);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { total: number }).total).toBe(await f.db.prisma.household.count());
    const progress = (await (await f.request('/api/progress', ADMIN_TOKEN)).json()) as { scope: string };
    expect(progress.scope).toBe('全部地区');
  });

  it('gives 400 with what to fix, in Chinese, for bad parameters and bodies', async () => {
    const bad = await f.request('/api/progress?by=county&at=2020-13-01', f.tokens.city);
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as ErrorBody;
    expect(body.error).toBe('invalid_argument');
    expect(body.message).toContain('查询参数 by');
    expect(body.message).toContain('region');
    expect(body.details).toHaveLength(1);
    const date = await f.request('/api/progress?at=2020-02-30', f.tokens.city);
    expect(date.status).toBe(400);
    expect(((await date.json()) as ErrorBody).message).toMatch(/at 的日期「2020-02-30」无效.*YYYY-MM-DD/);
    const page = await f.request('/api/households?page=0', f.tokens.city);
    expect(((await page.json()) as ErrorBody).message).toContain('页码从 1 开始');

    const body1 = await f.request('/api/cases/extend', f.tokens.city, postJson({ region: '麒麟区', workdays: 0 }));
    expect(body1.status).toBe(400);
    const msg = ((await body1.json()) as ErrorBody).message;
    expect(msg).toContain('请求体字段 workdays：延长的工作日数（workdays）须为 1–60 的整数');
    expect(msg).toContain('请求体字段 reason：请填写理由');
    const broken = await f.request('/api/cases/extend', f.tokens.city, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"region": ',
    });
    expect(broken.status).toBe(400);
    expect(((await broken.json()) as ErrorBody).message).toContain('不是有效的 JSON');
    const text = await f.request('/api/cases/extend', f.tokens.city, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: 'x',
    });
    expect(text.status).toBe(415);
    expect(((await text.json()) as ErrorBody).message).toContain('Content-Type: application/json');
  });
});

describe('GET /api/openapi.json', () => {
  interface Operation {
    parameters?: Array<{ name: string; in: string; description?: string; schema?: { enum?: string[] } }>;
    security?: Array<Record<string, string[]>>;
    requestBody?: { content: Record<string, { schema: unknown }> };
    responses: Record<string, unknown>;
  }
  interface Doc {
    openapi: string;
    paths: Record<string, Record<string, Operation>>;
    components: { securitySchemes: Record<string, { type: string; scheme: string }>; schemas: Record<string, unknown> };
  }

  it('is generated from the route schemas: every route, the bearer scheme, the described parameters', async () => {
    const res = await f.request('/api/openapi.json');
    expect(res.status).toBe(200);
    const doc = (await res.json()) as Doc;
    expect(doc.openapi).toMatch(/^3\.\d+\.\d+$/);
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    const routes: Array<[string, string]> = [
      ['/api/progress', 'get'],
      ['/api/households', 'get'],
      ['/api/households/{archiveNo}', 'get'],
      ['/api/cases/extend', 'post'],
      ['/api/cases/reassign', 'post'],
    ];
    expect(Object.keys(doc.paths).sort()).toEqual(routes.map(([p]) => p).sort());
    for (const [path, method] of routes) {
      const op = doc.paths[path]?.[method];
      expect(op, `${method} ${path}`).toBeDefined();
      expect(op!.security).toEqual([{ bearer: [] }]);
      expect(Object.keys(op!.responses)).toEqual(expect.arrayContaining(['200', '400', '401', '403', '404']));
    }
    const params = (path: string) => Object.fromEntries((doc.paths[path]!.get!.parameters ?? []).map((p) => [p.name, p]));
    const progress = params('/api/progress');
    expect(Object.keys(progress).sort()).toEqual(['at', 'by', 'region', 'since']);
    expect(progress.by!.schema!.enum).toEqual(['level', 'region', 'cause', 'tier', 'state']);
    expect(progress.region!.description).toContain('区划代码');
    expect(Object.keys(params('/api/households')).sort()).toEqual(['overdue', 'page', 'pageSize', 'q', 'region', 'state']);
    const detail = params('/api/households/{archiveNo}');
    expect(detail.archiveNo).toMatchObject({ in: 'path' });
    expect(detail.full!.description).toContain('留痕');
    expect(doc.paths['/api/cases/extend']!.post!.requestBody!.content['application/json']).toBeDefined();
    expect(Object.keys(doc.components.schemas)).toEqual(
      expect.arrayContaining(['Error', 'Progress', 'HouseholdSummary', 'HouseholdDetail', 'ExtendRequest', 'ReassignRequest']),
    );
  });
});
