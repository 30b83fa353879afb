// The Households pages, scoped by who is signed in: an officer sees only their own households, a
// county supervisor their county, and a household of another county opened by URL reads exactly
// like one that does not exist (404, nothing audited). Personal data is masked until the audited
// full view (查看完整信息), which needs the page's CSRF token.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maskName } from '../../src/core/privacy/mask.ts';
import { createConsoleFixture, get, hiddenCsrf, postForm, signIn, type ConsoleFixture } from '../helpers/console-fixture.ts';

let f: ConsoleFixture;
beforeAll(async () => {
  f = await createConsoleFixture();
});
afterAll(async () => f?.close());

const archiveNos = (page: string) => [...page.matchAll(/data-archive-no="([^"]+)"/g)].map((m) => m[1]!);

async function countySupervisorAndForeignHousehold() {
  const supervisor = await f.db.prisma.person.findFirstOrThrow({
    where: { role: 'supervisor', region: { level: 'county' } },
    include: { region: true },
  });
  const own = await f.db.prisma.household.findFirstOrThrow({ where: { regionId: supervisor.regionId! }, orderBy: { archiveNo: 'asc' } });
  const foreign = await f.db.prisma.household.findFirstOrThrow({
    where: { regionId: { not: supervisor.regionId! } },
    orderBy: { archiveNo: 'asc' },
  });
  return { supervisor, own, foreign };
}

describe('scoping by the signed-in person', () => {
  it('gives a county supervisor 404 for another county’s household opened by URL, like a missing one, and audits nothing', async () => {
    const { supervisor, foreign } = await countySupervisorAndForeignHousehold();
    const cookie = await signIn(f.app, supervisor.id);
    const auditBefore = await f.db.prisma.auditEvent.count();
    const other = await get(f.app, `/households/${foreign.archiveNo}`, cookie);
    const missing = await get(f.app, '/households/QJ000000-0000-0000000', cookie);
    expect(other.status).toBe(404);
    expect(missing.status).toBe(404);
    const otherText = await other.text();
    expect(otherText).toBe(await missing.text());
    expect(otherText).not.toContain(maskName(foreign.headName));

    // Nor through the full view, even with a valid token.
    const page = await (await get(f.app, '/households', cookie)).text();
    const full = await postForm(f.app, `/households/${foreign.archiveNo}/full`, cookie, { csrf: hiddenCsrf(page) });
    expect(full.status).toBe(404);
    expect(await f.db.prisma.auditEvent.count()).toBe(auditBefore);

    // And another county's region in a filter is "not found" too.
    const region = await f.db.prisma.region.findUniqueOrThrow({ where: { id: foreign.regionId } });
    expect((await get(f.app, `/households?region=${region.code}`, cookie)).status).toBe(404);
    expect((await get(f.app, `/?region=${region.code}`, cookie)).status).toBe(404);
  });

  it('shows an officer only their own households', async () => {
    const officer = await f.db.prisma.person.findFirstOrThrow({
      where: { role: 'officer', households: { some: {} } },
      orderBy: { id: 'asc' },
    });
    const mine = await f.db.prisma.household.findMany({ where: { officerId: officer.id }, orderBy: { archiveNo: 'asc' } });
    const cookie = await signIn(f.app, officer.id);
    const page = await (await get(f.app, '/households?file=all', cookie)).text();
    expect(archiveNos(page)).toEqual(mine.map((h) => h.archiveNo));
    expect(page).toContain(`共 ${mine.length} 户`);
    const someoneElses = await f.db.prisma.household.findFirstOrThrow({ where: { officerId: { not: officer.id } } });
    expect((await get(f.app, `/households/${someoneElses.archiveNo}`, cookie)).status).toBe(404);
    expect((await get(f.app, `/households/${mine[0]!.archiveNo}`, cookie)).status).toBe(200);
  });

  it('shows a county supervisor every household of the county and none of the others', async () => {
    const { supervisor } = await countySupervisorAndForeignHousehold();
    const county = await f.db.prisma.household.findMany({ where: { regionId: supervisor.regionId! }, orderBy: { archiveNo: 'asc' } });
    const cookie = await signIn(f.app, supervisor.id);
    const page = await (await get(f.app, '/households?file=all', cookie)).text();
    expect(archiveNos(page)).toEqual(county.map((h) => h.archiveNo).slice(0, 20));
  });
  it('shows a supervisor without a region nothing at all, never every region', async () => {
    const lost = await f.db.prisma.person.create({ data: { name: '无地区督查员', role: 'supervisor', openId: 'ou_no_region' } });
    try {
      const cookie = await signIn(f.app, lost.id);
      const progress = await get(f.app, '/', cookie);
      expect(progress.status).toBe(403);
      expect(await progress.text()).toContain('没有所属地区');
      const list = await (await get(f.app, '/households?file=all', cookie)).text();
      expect(archiveNos(list)).toEqual([]);
      const any = await f.db.prisma.household.findFirstOrThrow();
      expect((await get(f.app, `/households/${any.archiveNo}`, cookie)).status).toBe(404);
    } finally {
      await f.db.prisma.person.delete({ where: { id: lost.id } });
    }
  });
});

describe('the household search', () => {
  it('finds by archive number, masked name, state and overdue, a page at a time', async () => {
    const admin = await f.db.prisma.person.findFirstOrThrow({ where: { role: 'admin' } });
    const cookie = await signIn(f.app, admin.id);
    const all = await f.db.prisma.household.findMany({ orderBy: { archiveNo: 'asc' } });
    const first = await (await get(f.app, '/households', cookie)).text();
    expect(archiveNos(first)).toEqual(all.slice(0, 20).map((h) => h.archiveNo));
    expect(first).toContain('第 1 / 2 页');
    const second = await (await get(f.app, '/households?page=2', cookie)).text();
    expect(archiveNos(second)).toEqual(all.slice(20, 40).map((h) => h.archiveNo));

    const target = all[7]!;
    const byNo = await (await get(f.app, `/households?no=${target.archiveNo.slice(-7).toLowerCase()}`, cookie)).text();
    expect(archiveNos(byNo)).toEqual([target.archiveNo]);

    // A name matches in its masked form: typed masked, typed in full (→ masked), or by surname.
    const masked = maskName(target.headName);
    const expected = all.filter((h) => maskName(h.headName) === masked).map((h) => h.archiveNo);
    for (const typed of [masked, target.headName]) {
      const byName = await (await get(f.app, `/households?name=${encodeURIComponent(typed)}`, cookie)).text();
      expect(archiveNos(byName)).toEqual(expected);
      expect(byName).not.toContain(`>${target.headName}<`);
    }
    const surname = Array.from(target.headName)[0]!;
    const bySurname = await (await get(f.app, `/households?name=${encodeURIComponent(surname)}`, cookie)).text();
    expect(archiveNos(bySurname)).toEqual(
      all
        .filter((h) => h.headName.startsWith(surname))
        .map((h) => h.archiveNo)
        .slice(0, 20),
    );
    // LIKE wildcards typed by a person are literal.
    expect(archiveNos(await (await get(f.app, '/households?no=%25', cookie)).text())).toEqual([]);

    const now = f.clock.now;
    const overdue = await f.db.prisma.case.findMany({
      where: { status: 'active', deadlineAt: { lt: now } },
      include: { household: true },
    });
    expect(overdue.length).toBeGreaterThan(0);
    const lateList = await (await get(f.app, '/households?overdue=1', cookie)).text();
    expect(archiveNos(lateList)).toEqual(overdue.map((c) => c.household.archiveNo).sort());

    const classifying = await f.db.prisma.case.findMany({ where: { state: 'classifying' }, include: { household: true } });
    const byState = await (await get(f.app, '/households?state=classifying', cookie)).text();
    expect(archiveNos(byState)).toEqual(classifying.map((c) => c.household.archiveNo).sort());
    expect(byState).toMatch(/<option value="classifying"\s+selected>精准识别<\/option>/);
  });
});

describe('a household’s page', () => {
  it('shows the file masked with every audit event of its timeline, and the full view only by a POST that is audited', async () => {
    const { supervisor } = await countySupervisorAndForeignHousehold();
    const household = await f.db.prisma.household.findFirstOrThrow({
      where: { regionId: supervisor.regionId!, phone: { not: null } },
      include: { cases: true },
      orderBy: { archiveNo: 'asc' },
    });
    const cookie = await signIn(f.app, supervisor.id);
    const r = await get(f.app, `/households/${household.archiveNo}`, cookie);
    expect(r.status).toBe(200);
    expect(r.headers.get('cache-control')).toBe('no-store');
    const page = await r.text();
    expect(page).toContain(maskName(household.headName));
    expect(page).not.toContain(household.headName);
    expect(page).not.toContain(household.idNumber);
    expect(page).toContain(household.idNumber.slice(-4));
    expect(page).not.toContain(household.phone!);
    const events = await f.db.prisma.auditEvent.count({
      where: { OR: [{ householdId: household.id }, { caseId: { in: household.cases.map((c) => c.id) } }] },
    });
    expect(events).toBeGreaterThan(1);
    expect(page).toContain(`${events} 条记录`);
    expect(page.match(/<li>\s*<div class="when">/g)?.length).toBe(events);
    expect(page).toContain('立案');

    // Without the token: refused, nothing recorded.
    const refused = await postForm(f.app, `/households/${household.archiveNo}/full`, cookie, {});
    expect(refused.status).toBe(403);
    expect(await f.db.prisma.auditEvent.count({ where: { action: 'household.personal_data_viewed' } })).toBe(0);

    const full = await postForm(f.app, `/households/${household.archiveNo}/full`, cookie, { csrf: hiddenCsrf(page) });
    expect(full.status).toBe(200);
    const fullPage = await full.text();
    expect(fullPage).toContain(household.headName);
    expect(fullPage).toContain(household.idNumber);
    expect(fullPage).toContain(household.phone!);
    const audit = await f.db.prisma.auditEvent.findMany({ where: { action: 'household.personal_data_viewed' } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor: `person:${supervisor.id}`, source: 'console', householdId: household.id });
    expect(JSON.stringify(audit[0]!.after)).not.toContain(household.idNumber);
    // The view itself is on the timeline, by name.
    expect(fullPage).toContain('查看完整个人信息');
    expect(fullPage).toContain(`${events + 1} 条记录`);
  });

  it('hides causes that reveal health until the full view', async () => {
    const household = await f.db.prisma.household.findFirstOrThrow({
      where: { OR: [{ causes: { contains: '病' } }, { causes: { contains: '伤' } }, { causes: { contains: '残' } }] },
    });
    const admin = await f.db.prisma.person.findFirstOrThrow({ where: { role: 'admin' } });
    const cookie = await signIn(f.app, admin.id);
    const page = await (await get(f.app, `/households/${household.archiveNo}`, cookie)).text();
    const health = household.causes.split('、').filter((c) => /病|伤|残/.test(c));
    for (const c of health) expect(page).not.toContain(c);
    expect(page).toContain('涉及健康，已隐藏');
    const full = await (await postForm(f.app, `/households/${household.archiveNo}/full`, cookie, { csrf: hiddenCsrf(page) })).text();
    for (const c of health) expect(full).toContain(c);
  });
});
