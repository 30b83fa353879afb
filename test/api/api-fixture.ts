// The demo city (曲靖市, four counties, 36 households at several steps, some overdue) on a real
// SQLite database, tokens for an admin, a city and a county supervisor and an officer, and the
// /api routes mounted on a Hono app as the server mounts them.
import { Hono } from 'hono';
import { createApiToken } from '../../src/app/api-tokens/create-api-token.ts';
import { buildEngineDeps } from '../../src/app/cases/build-engine-deps.ts';
import type { EngineDeps } from '../../src/app/cases/engine-deps.ts';
import { seedDemo } from '../../src/app/demo/seed-demo.ts';
import { publishBundledFlows } from '../../src/app/flows/publish-bundled-flows.ts';
import { silentLogger } from '../../src/core/logger.ts';
import { openSqliteHouseholdStore } from '../../src/db/sqlite-household-store.ts';
import { apiRoute } from '../../src/http/routes/api.ts';
import { createTempDb, type TempDb } from '../helpers/temp-db.ts';

export const SEEDED_AT = new Date('2025-11-10T10:00:00+08:00');
export const ADMIN_TOKEN = 'bootstrap-admin-token-0123456789';

type Role = 'admin' | 'city' | 'county' | 'officer' | 'otherOfficer';

export interface ApiFixture {
  db: TempDb;
  deps: EngineDeps;
  app: Hono;
  clock: { now: Date };
  tokens: Record<Role, string> & { tokenIds: Record<Role, number> };
  people: Record<Role, { id: number; name: string }> & { otherCountySupervisor: { id: number; name: string } };
  /** 麒麟区 (the county supervisor's) and 沾益区 (another county). */
  county: { id: number; code: string; name: string; path: string };
  otherCounty: { id: number; code: string; name: string; path: string };
  request(path: string, token?: string | null, init?: RequestInit): Promise<Response>;
}

export async function createApiFixture(): Promise<ApiFixture> {
  const db = await createTempDb();
  await publishBundledFlows(db.prisma, SEEDED_AT);
  const deps = await buildEngineDeps(db.prisma, 'Asia/Shanghai');
  const store = openSqliteHouseholdStore(db.url);
  try {
    await seedDemo(deps, store, SEEDED_AT);
  } finally {
    store.close();
  }
  const region = (name: string) => db.prisma.region.findFirstOrThrow({ where: { name } });
  const county = await region('麒麟区');
  const otherCounty = await region('沾益区');
  const person = async (role: string, regionId: number | null, withHouseholds = false) => {
    const found = await db.prisma.person.findMany({
      where: { role, regionId, ...(withHouseholds ? { households: { some: {} } } : {}) },
      orderBy: { id: 'asc' },
    });
    return found[0]!;
  };
  const admin = await person('admin', null);
  const city = await person('supervisor', (await region('曲靖市')).id);
  const countySupervisor = await person('supervisor', county.id);
  const otherCountySupervisor = await person('supervisor', otherCounty.id);
  const officer = await person('officer', county.id, true);
  const otherOfficer = await person('officer', otherCounty.id, true);

  const create = (input: { role: string; region?: string; person?: string }) =>
    createApiToken(db.prisma, { ...input, actor: 'test', now: SEEDED_AT });
  const created = {
    admin: await create({ role: 'admin', person: admin.mobile! }),
    city: await create({ role: 'supervisor', region: '曲靖市', person: city.mobile! }),
    county: await create({ role: 'supervisor', region: '麒麟区', person: countySupervisor.mobile! }),
    officer: await create({ role: 'officer', person: officer.mobile! }),
    otherOfficer: await create({ role: 'officer', person: otherOfficer.mobile! }),
  };
  const clock = { now: new Date(SEEDED_AT.getTime() + 3600_000) };
  const app = new Hono();
  app.route('/', apiRoute({ engine: deps, adminToken: ADMIN_TOKEN, now: () => clock.now, logger: silentLogger }));
  const pick = (p: { id: number; name: string }) => ({ id: p.id, name: p.name });
  return {
    db,
    deps,
    app,
    clock,
    tokens: {
      admin: created.admin.token,
      city: created.city.token,
      county: created.county.token,
      officer: created.officer.token,
      otherOfficer: created.otherOfficer.token,
      tokenIds: {
        admin: created.admin.id,
        city: created.city.id,
        county: created.county.id,
        officer: created.officer.id,
        otherOfficer: created.otherOfficer.id,
      },
    },
    people: {
      admin: pick(admin),
      city: pick(city),
      county: pick(countySupervisor),
      officer: pick(officer),
      otherOfficer: pick(otherOfficer),
      otherCountySupervisor: pick(otherCountySupervisor),
    },
    county,
    otherCounty,
    request: (path, token, init = {}) =>
      Promise.resolve(
        app.request(path, {
          ...init,
          headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(init.headers as Record<string, string> | undefined) },
        }),
      ),
  };
}

export function postJson(body: unknown): RequestInit {
  return { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}
