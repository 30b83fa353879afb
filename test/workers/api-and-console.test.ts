// The JSON API and the console on the Worker: the same routes, their raw SQL (reports, search,
// scopes) answered by D1; the console signs people in with Lark in live mode.
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import worker from '../../src/runtime/worker.ts';
import { seedCampaign, workerEnv, type WorkerCampaign } from './worker-fixture.ts';

const adminToken = 'workers-admin-token-0123456789';

async function call(path: string, init: RequestInit = {}): Promise<Response> {
  const ctx = createExecutionContext();
  const res = await worker.fetch(
    new Request(`https://huhuqing.example.workers.dev${path}`, {
      ...init,
      headers: { authorization: `Bearer ${adminToken}`, ...(init.headers ?? {}) },
    }),
    workerEnv({ ADMIN_TOKEN: adminToken }),
    ctx,
  );
  await waitOnExecutionContext(ctx);
  return res;
}

let c: WorkerCampaign;
beforeAll(async () => {
  c = await seedCampaign('api', new Date('2025-10-13T01:00:00Z'), 3);
});

describe('the API and the console on D1', () => {
  it('serves the OpenAPI document, the progress report and household search from D1', async () => {
    expect((await call('/api/openapi.json')).status).toBe(200);
    const progress = await call(`/api/progress?region=${encodeURIComponent('麒麟区')}`);
    expect(progress.status).toBe(200);
    const report = (await progress.json()) as { total: { households?: number } & Record<string, unknown> };
    expect(JSON.stringify(report.total)).toContain('3');
    const search = await call(`/api/households?q=${encodeURIComponent(c.archiveNos[0]!)}`);
    expect(search.status).toBe(200);
    expect(JSON.stringify(await search.json())).toContain(c.archiveNos[0]!);
    const one = await call(`/api/households/${encodeURIComponent(c.archiveNos[1]!)}`);
    expect(one.status).toBe(200);
    const body = JSON.stringify(await one.json());
    expect(body).toContain('verifying');
    expect(body).not.toContain('530302198001010011'); // the ID number stays masked
    expect((await call('/api/progress', { headers: { authorization: 'Bearer wrong-token-000000000000' } })).status).toBe(401);
  });

  it('sends people who are not signed in to Lark’s web login', async () => {
    const home = await call('/', { headers: { authorization: '' } });
    expect(home.status).toBe(302);
    expect(home.headers.get('location')).toMatch(/^\/login/);
    const login = await call('/login', { headers: { authorization: '' } });
    expect(login.status).toBe(302);
    expect(login.headers.get('location')).toContain('authen');
  });
});
