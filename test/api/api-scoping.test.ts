// /api scoping on the demo city: a county supervisor sees their county only (another county's
// household is 404 like a missing one, its progress 403), an officer their own households, the
// admin everything; /api/progress gives the numbers of `huhuqing report`; a full view is audited.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildReport } from '../../src/app/build-report.ts';
import { parseReportRequest } from '../../src/core/reports/parse-report-request.ts';
import { main } from '../../src/cli/main.ts';
import { maskName } from '../../src/core/privacy/mask.ts';
import { progressJson } from '../../src/http/routes/api/progress-routes.ts';
import { createApiFixture, type ApiFixture } from './api-fixture.ts';

let f: ApiFixture;
beforeAll(async () => {
  f = await createApiFixture();
});
afterAll(async () => f.db.cleanup());

interface ListBody {
  total: number;
  households: Array<{
    archiveNo: string;
    headName: string;
    idNumber: string;
    phone: string | null;
    causes: string[];
    officer: { id: number } | null;
    region: { code: string };
    case: { state: string; overdue: boolean } | null;
  }>;
}
interface DetailBody {
  personalData: 'masked' | 'full';
  household: { archiveNo: string; headName: string; idNumber: string; phone: string | null; employer: string | null; causes: string[] };
  cases: Array<{ id: number; state: string }>;
  timeline: Array<{ id: number; action: string; actor: string; source: string; after: unknown }>;
}

const json = async <T>(res: Response | Promise<Response>): Promise<T> => (await (await res).json()) as T;
const householdIn = (regionId: number) => f.db.prisma.household.findFirstOrThrow({ where: { regionId }, orderBy: { id: 'asc' } });

describe('scoping', () => {
  it('a county supervisor reads their county, and another county neither by archive number nor by progress', async () => {
    const own = await householdIn(f.county.id);
    const other = await householdIn(f.otherCounty.id);
    expect((await f.request(`/api/households/${own.archiveNo}`, f.tokens.county)).status).toBe(200);

    const foreign = await f.request(`/api/households/${other.archiveNo}`, f.tokens.county);
    const missing = await f.request('/api/households/QJ999999-2017-0000001', f.tokens.county);
    expect(foreign.status).toBe(404);
    expect(missing.status).toBe(404);
    // Out of scope reads exactly like "no such household": nothing tells the other county's numbers apart.
    const foreignBody = await json<{ error: string; message: string }>(foreign);
    const missingBody = await json<{ error: string; message: string }>(missing);
    expect(foreignBody.message.replace(other.archiveNo, 'X')).toBe(missingBody.message.replace('QJ999999-2017-0000001', 'X'));
    expect((await f.request(`/api/households/${other.archiveNo}?full=1`, f.tokens.county)).status).toBe(404);

    const progress = await f.request(`/api/progress?region=${encodeURIComponent('沾益区')}`, f.tokens.county);
    expect(progress.status).toBe(403);
    expect((await json<{ message: string }>(progress)).message).toContain('只能查看麒麟区');
    expect((await f.request(`/api/progress?region=530300`, f.tokens.county)).status).toBe(403);
    expect((await f.request(`/api/households?region=${encodeURIComponent('沾益区')}`, f.tokens.county)).status).toBe(403);

    const list = await json<ListBody>(f.request('/api/households?pageSize=200', f.tokens.county));
    expect(list.total).toBe(await f.db.prisma.household.count({ where: { regionId: f.county.id } }));
    expect(list.households.every((h) => h.region.code === f.county.code)).toBe(true);
    // Searching by another county's archive number finds nothing.
    expect((await json<ListBody>(f.request(`/api/households?q=${other.archiveNo}`, f.tokens.county))).total).toBe(0);
    expect((await json<ListBody>(f.request(`/api/households?q=${own.archiveNo.toLowerCase()}`, f.tokens.county))).total).toBe(1);
  });

  it('a city supervisor sees every county of the city', async () => {
    const other = await householdIn(f.otherCounty.id);
    expect((await f.request(`/api/households/${other.archiveNo}`, f.tokens.city)).status).toBe(200);
    expect((await json<ListBody>(f.request('/api/households', f.tokens.city))).total).toBe(await f.db.prisma.household.count());
    expect((await json<{ scope: string }>(f.request('/api/progress', f.tokens.city))).scope).toBe('曲靖市');
  });

  it('an officer sees only their own households, in the list and in the progress figures', async () => {
    const list = await json<ListBody>(f.request('/api/households?pageSize=200', f.tokens.officer));
    const own = await f.db.prisma.household.findMany({ where: { officerId: f.people.officer.id }, orderBy: { archiveNo: 'asc' } });
    expect(own.length).toBeGreaterThan(0);
    expect(list.households.map((h) => h.archiveNo)).toEqual(own.map((h) => h.archiveNo));
    expect(list.households.every((h) => h.officer?.id === f.people.officer.id)).toBe(true);
    const colleague = await f.db.prisma.household.findFirstOrThrow({
      where: { regionId: f.county.id, officerId: { not: f.people.officer.id } },
    });
    expect((await f.request(`/api/households/${colleague.archiveNo}`, f.tokens.officer)).status).toBe(404);
    expect((await f.request(`/api/households/${own[0]!.archiveNo}`, f.tokens.officer)).status).toBe(200);
    const progress = await json<{ total: { at: { households: number; persons: number } } }>(
      f.request('/api/progress?at=2025-11-10', f.tokens.officer),
    );
    expect(progress.total.at).toEqual({ households: own.length, persons: own.reduce((s, h) => s + h.persons, 0) });
    expect(progress).toEqual(
      JSON.parse(
        JSON.stringify(
          progressJson(
            await buildReport(
              { db: f.db.prisma, timezone: 'Asia/Shanghai' },
              { ...parseReportRequest({ at: '2025-11-10' }, '2025-11-10'), officerId: f.people.officer.id },
            ),
          ),
        ),
      ),
    );
  });

  it('the admin sees every household of every county', async () => {
    const list = await json<ListBody>(f.request('/api/households?pageSize=200', f.tokens.admin));
    const all = await f.db.prisma.household.findMany({ orderBy: { archiveNo: 'asc' }, select: { archiveNo: true } });
    expect(list.households.map((h) => h.archiveNo)).toEqual(all.map((h) => h.archiveNo));
    expect(new Set(list.households.map((h) => h.region.code)).size).toBe(4);
  });

  it('matches names only in their masked form, as the list shows them', async () => {
    const h = await f.db.prisma.household.findFirstOrThrow({
      where: { regionId: f.county.id, headName: { not: { contains: '·' } } },
      orderBy: { id: 'asc' },
    });
    const masked = maskName(h.headName);
    const sameMask = await f.db.prisma.household.findMany({
      where: { regionId: f.county.id },
      select: { archiveNo: true, headName: true },
    });
    const expected = sameMask
      .filter((x) => maskName(x.headName) === masked)
      .map((x) => x.archiveNo)
      .sort();
    const search = async (q: string) =>
      (await json<ListBody>(f.request(`/api/households?pageSize=200&q=${encodeURIComponent(q)}`, f.tokens.county))).households.map(
        (x) => x.archiveNo,
      );
    expect(await search(masked)).toEqual(expected);
    expect(expected).toContain(h.archiveNo);
    // A full name finds what its masked form finds, no more: it cannot confirm the full name.
    expect(await search(h.headName)).toEqual(expected);
    const surname = Array.from(h.headName)[0]!;
    expect(await search(surname)).toEqual(
      sameMask
        .filter((x) => maskName(x.headName).startsWith(surname))
        .map((x) => x.archiveNo)
        .sort(),
    );
    // The hidden middle of a name does not find it.
    const chars = Array.from(h.headName);
    const middle = chars.slice(1, -1).join('');
    if (middle !== '' && middle !== chars[0]) expect(await search(middle)).not.toContain(h.archiveNo);
  });

  it('filters by state and overdue, and pages', async () => {
    const now = f.clock.now;
    const overdue = await json<ListBody>(f.request('/api/households?overdue=true&pageSize=200', f.tokens.admin));
    const expected = await f.db.prisma.household.count({ where: { cases: { some: { status: 'active', deadlineAt: { lt: now } } } } });
    expect(expected).toBeGreaterThan(0);
    expect(overdue.total).toBe(expected);
    expect(overdue.households.every((h) => h.case?.overdue)).toBe(true);
    const verifying = await json<ListBody>(f.request('/api/households?state=verifying', f.tokens.admin));
    expect(verifying.total).toBe(await f.db.prisma.case.count({ where: { status: 'active', state: 'verifying' } }));
    expect(verifying.households.every((h) => h.case?.state === 'verifying')).toBe(true);
    const page2 = await json<ListBody & { page: number }>(f.request('/api/households?page=2&pageSize=10', f.tokens.admin));
    expect(page2.page).toBe(2);
    expect(page2.households).toHaveLength(10);
  });
});

describe('GET /api/progress equals huhuqing report', () => {
  const report = (options: { at?: string; since?: string; by?: string; region?: string }) =>
    buildReport({ db: f.db.prisma, timezone: 'Asia/Shanghai' }, parseReportRequest(options, '2025-11-10'));

  it.each([
    [{ by: 'region', region: '曲靖市', at: '2025-11-10' }, 'admin'],
    [{ by: 'level' }, 'admin'],
    [{ by: 'state', at: '2025-11-10' }, 'admin'],
    [{ by: 'state', at: '2025-11-05', region: '曲靖市' }, 'city'],
    [{ by: 'cause', region: '麒麟区', at: '2025-11-10', since: '2019-01-01' }, 'county'],
    [{ by: 'tier', region: '530302', at: '2024-12-31' }, 'county'],
  ] as const)('%o as %s', async (filters, who) => {
    const query = new URLSearchParams(filters).toString();
    const res = await f.request(`/api/progress?${query}`, f.tokens[who]);
    expect(res.status).toBe(200);
    const body = await res.json();
    const expected = await report(filters);
    expect(body).toEqual(JSON.parse(JSON.stringify(progressJson(expected))));
    expect((body as { total: { at: { households: number } } }).total.at.households).toBe(expected.total.at.households);
  });

  it("a supervisor's progress without a region is the report of their region", async () => {
    const body = await json<unknown>(f.request('/api/progress?by=state&at=2025-11-10', f.tokens.county));
    expect(body).toEqual(JSON.parse(JSON.stringify(progressJson(await report({ by: 'state', at: '2025-11-10', region: '麒麟区' })))));
  });

  it('gives the same rows as the report command prints as CSV', async () => {
    const saved = process.env.DATABASE_URL;
    process.env.DATABASE_URL = f.db.url;
    let csv = '';
    const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      csv += String(chunk);
      return true;
    });
    try {
      expect(
        await main(['node', 'huhuqing', 'report', '--at', '2025-11-10', '--by', 'region', '--region', '曲靖市', '--format', 'csv']),
      ).toBe(0);
    } finally {
      write.mockRestore();
      process.env.DATABASE_URL = saved;
    }
    const body = await json<{
      rows: Array<{ labels: string[]; at: { households: number; persons: number } }>;
      total: { at: { households: number; persons: number } };
    }>(f.request('/api/progress?by=region&region=曲靖市&at=2025-11-10', f.tokens.city));
    const lines = csv
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n')
      .slice(1);
    const fromApi = [...body.rows, { labels: ['合计', '', ''], at: body.total.at }].map((r) =>
      [...r.labels, r.at.households, r.at.persons].join(','),
    );
    expect(lines).toEqual(fromApi);
  });
});

describe('one household', () => {
  it('masks personal data by default and gives every audit event of the household and its cases', async () => {
    const h = await f.db.prisma.household.findFirstOrThrow({
      where: { regionId: f.county.id, phone: { not: null }, causes: { contains: '大病' } },
      include: { cases: true },
    });
    const before = await f.db.prisma.auditEvent.count({ where: { action: 'household.personal_data_viewed' } });
    const body = await json<DetailBody>(f.request(`/api/households/${h.archiveNo}`, f.tokens.county));
    expect(body.personalData).toBe('masked');
    expect(body.household.headName).not.toBe(h.headName);
    expect(body.household.headName).toMatch(/\*/);
    expect(body.household.idNumber).toBe(`${'*'.repeat(h.idNumber.length - 4)}${h.idNumber.slice(-4)}`);
    expect(body.household.phone).toMatch(/\*{3,}/);
    expect(body.household.employer).toBeNull();
    expect(body.household.causes.some((c) => c.includes('大病'))).toBe(false);
    expect(JSON.stringify(body)).not.toContain(h.headName);
    expect(JSON.stringify(body.timeline)).not.toContain('大病');
    const events = await f.db.prisma.auditEvent.findMany({
      where: { OR: [{ householdId: h.id }, { caseId: { in: h.cases.map((c) => c.id) } }] },
      orderBy: [{ at: 'asc' }, { id: 'asc' }],
    });
    expect(body.timeline.map((e) => e.id)).toEqual(events.map((e) => e.id));
    expect(body.timeline.some((e) => e.action === 'case.transition')).toBe(true);
    expect(await f.db.prisma.auditEvent.count({ where: { action: 'household.personal_data_viewed' } })).toBe(before);
  });

  it('?full=1 gives the full record to a viewer who may see it and records the view with the viewer as actor', async () => {
    const h = await householdIn(f.county.id);
    const res = await f.request(`/api/households/${h.archiveNo}?full=1`, f.tokens.county);
    expect(res.status).toBe(200);
    const body = await json<DetailBody>(res);
    expect(body.personalData).toBe('full');
    expect(body.household).toMatchObject({ headName: h.headName, idNumber: h.idNumber, phone: h.phone, employer: h.employer });
    const viewed = await f.db.prisma.auditEvent.findMany({ where: { action: 'household.personal_data_viewed', householdId: h.id } });
    expect(viewed).toHaveLength(1);
    expect(viewed[0]).toMatchObject({ actor: `person:${f.people.county.id}`, source: 'api', at: f.clock.now });
    expect(JSON.stringify(viewed[0]!.after)).not.toContain(h.headName);
    expect(JSON.stringify(viewed[0]!.after)).not.toContain(h.idNumber);
    // The view itself is on the household's timeline.
    expect(body.timeline.at(-1)).toMatchObject({ action: 'household.personal_data_viewed', actor: `person:${f.people.county.id}` });
  });
});
