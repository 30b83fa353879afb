// POST /api/cases/extend and /api/cases/reassign: the CLI's audited bulk operations, with the
// token's viewer as the actor, limited to the token's region.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, createApiFixture, postJson, type ApiFixture } from './api-fixture.ts';

let f: ApiFixture;
beforeAll(async () => {
  f = await createApiFixture();
});
afterAll(async () => f.db.cleanup());

const json = async <T>(res: Response | Promise<Response>): Promise<T> => (await (await res).json()) as T;

describe('POST /api/cases/extend', () => {
  it("extends a county's active cases for its supervisor and audits each with the supervisor as actor", async () => {
    const cases = await f.db.prisma.case.findMany({
      where: { status: 'active', deadlineAt: { not: null }, regionId: f.county.id },
      orderBy: { id: 'asc' },
    });
    expect(cases.length).toBeGreaterThan(0);
    const res = await f.request('/api/cases/extend', f.tokens.county, postJson({ region: '麒麟区', workdays: 3, reason: '汛期道路中断' }));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ extended: cases.length, region: { code: f.county.code, name: '麒麟区' }, workdays: 3, state: null });

    const actor = `person:${f.people.county.id}`;
    const audits = await f.db.prisma.auditEvent.findMany({
      where: { action: 'case.deadline_extended', actor },
      orderBy: { caseId: 'asc' },
    });
    expect(audits.map((a) => a.caseId)).toEqual(cases.map((c) => c.id));
    expect(audits[0]).toMatchObject({ at: f.clock.now, after: expect.objectContaining({ workdays: 3, reason: '汛期道路中断' }) });
    expect(await f.db.prisma.auditEvent.count({ where: { action: 'cases.deadlines_extended', actor } })).toBe(1);
    const after = await f.db.prisma.case.findUniqueOrThrow({ where: { id: cases[0]!.id } });
    expect(after.deadlineAt!.getTime()).toBeGreaterThan(cases[0]!.deadlineAt!.getTime());

    // The extension is on each household's timeline, by the supervisor's name.
    const h = await f.db.prisma.household.findUniqueOrThrow({ where: { id: cases[0]!.householdId } });
    const detail = await json<{ timeline: Array<{ action: string; actorName: string | null }> }>(
      f.request(`/api/households/${h.archiveNo}`, f.tokens.county),
    );
    expect(detail.timeline).toContainEqual(expect.objectContaining({ action: 'case.deadline_extended', actorName: f.people.county.name }));
  });

  it('limits the extension to one state when asked', async () => {
    const inState = await f.db.prisma.case.count({ where: { status: 'active', deadlineAt: { not: null }, state: 'verifying' } });
    const res = await f.request(
      '/api/cases/extend',
      ADMIN_TOKEN,
      postJson({ region: '曲靖市', workdays: 1, state: 'verifying', reason: '集中核实' }),
    );
    expect(await json<{ extended: number }>(res)).toMatchObject({ extended: inState, state: 'verifying' });
    expect(await f.db.prisma.auditEvent.count({ where: { action: 'cases.deadlines_extended', actor: 'token:admin' } })).toBe(1);
  });

  it('refuses another county, the city above, and officers; changes nothing', async () => {
    const before = await f.db.prisma.auditEvent.count();
    for (const region of ['沾益区', '曲靖市']) {
      const res = await f.request('/api/cases/extend', f.tokens.county, postJson({ region, workdays: 2, reason: '试图越权' }));
      expect(res.status).toBe(403);
      expect((await json<{ message: string }>(res)).message).toContain('不在您负责的地区内');
    }
    const officer = await f.request('/api/cases/extend', f.tokens.officer, postJson({ region: '麒麟区', workdays: 2, reason: 'x' }));
    expect(officer.status).toBe(403);
    const unknown = await f.request('/api/cases/extend', f.tokens.admin, postJson({ region: '不存在区', workdays: 2, reason: 'x' }));
    expect(unknown.status).toBe(404);
    expect(await f.db.prisma.auditEvent.count()).toBe(before);
  });
});

describe('POST /api/cases/reassign', () => {
  it('moves every household of one officer to another within the supervisor’s county, audited with the supervisor', async () => {
    const from = await f.db.prisma.person.findUniqueOrThrow({ where: { id: f.people.officer.id } });
    const to = await f.db.prisma.person.findFirstOrThrow({ where: { role: 'officer', regionId: f.county.id, id: { not: from.id } } });
    const theirs = await f.db.prisma.household.count({ where: { officerId: from.id } });
    const res = await f.request('/api/cases/reassign', f.tokens.county, postJson({ from: from.mobile, to: to.name, reason: '调岗' }));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ households: theirs, from: { id: from.id, name: from.name }, to: { id: to.id, name: to.name } });
    expect(await f.db.prisma.household.count({ where: { officerId: to.id } })).toBeGreaterThanOrEqual(theirs);
    expect(await f.db.prisma.auditEvent.count({ where: { action: 'household.reassigned', actor: `person:${f.people.county.id}` } })).toBe(
      theirs,
    );
    // The officer's own token now sees nothing; the new officer sees them.
    expect((await json<{ total: number }>(f.request('/api/households', f.tokens.officer))).total).toBe(0);
  });

  it('refuses a supervisor reassigning someone from another county', async () => {
    const res = await f.request(
      '/api/cases/reassign',
      f.tokens.county,
      postJson({ from: f.people.otherOfficer.name, to: f.people.officer.name, reason: '越权' }),
    );
    expect(res.status).toBe(403);
    expect((await json<{ message: string }>(res)).message).toContain(f.people.otherOfficer.name);
  });

  it('lets the city supervisor move households between counties of the city', async () => {
    const theirs = await f.db.prisma.household.count({ where: { officerId: f.people.otherOfficer.id } });
    const res = await f.request(
      '/api/cases/reassign',
      f.tokens.city,
      postJson({ from: f.people.otherOfficer.name, to: f.people.officer.name, reason: '合并片区' }),
    );
    expect(await json<{ households: number }>(res)).toMatchObject({ households: theirs });
    expect((await f.request('/api/cases/reassign', f.tokens.officer, postJson({ from: 'a', to: 'b', reason: 'c' }))).status).toBe(403);
  });
});
