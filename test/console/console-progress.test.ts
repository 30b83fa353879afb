// The Progress page: its figures are the report builder's (`huhuqing report`) for the same region
// and dimension, scoped by who is signed in; the case health (on track / at risk / overdue) and the
// officers' workload add up to the households on file; the weekly trend ends at today's figure.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildReport } from '../../src/app/build-report.ts';
import { runDueTimers } from '../../src/app/timers/run-due-timers.ts';
import type { ChartSpec } from '../../src/core/charts/chart-spec.ts';
import { reportDimensions } from '../../src/core/reports/report-types.ts';
import { createConsoleFixture, get, signIn, type ConsoleFixture } from '../helpers/console-fixture.ts';

let f: ConsoleFixture;
beforeAll(async () => {
  f = await createConsoleFixture();
});
afterAll(async () => f?.close());

const today = '2025-11-10';

/** The report table of the page: [labels joined by |, households, persons] per row, 合计 last. */
function pageRows(page: string): Array<[string, number, number]> {
  const table = page.slice(page.indexOf('data-testid="report"'), page.indexOf('data-testid="breakdown-chart"'));
  return [...table.matchAll(/<tr(?: class="total")? data-row="([^"]*)">[\s\S]*?data-households="(\d+)"[\s\S]*?data-persons="(\d+)"/g)].map(
    (m) => [m[1]!.replace(/&amp;/g, '&'), Number(m[2]), Number(m[3])],
  );
}

function tile(page: string, key: string): number {
  return Number(new RegExp(`data-count="${key}">([\\d,]+)<`).exec(page)![1]!.replace(/,/g, ''));
}

describe('the Progress page', () => {
  it('shows a county supervisor the report of their county, for every dimension, exactly as huhuqing report computes it', async () => {
    const supervisor = await f.db.prisma.person.findFirstOrThrow({
      where: { role: 'supervisor', region: { level: 'county' } },
      include: { region: true },
    });
    const cookie = await signIn(f.app, supervisor.id);
    for (const by of reportDimensions) {
      const page = await (await get(f.app, `/?by=${by}`, cookie)).text();
      const report = await buildReport(
        { db: f.db.prisma, timezone: 'Asia/Shanghai' },
        { at: today, since: null, by, region: supervisor.region!.code, atIsToday: true },
      );
      const expected = [...report.rows, report.total].map((r) => [r.labels.join('|'), r.at.households, r.at.persons]);
      expect(pageRows(page), by).toEqual(expected);
      expect(page).toContain(report.title);
    }
  });

  it('gives a city supervisor filtering by a county the figures of that county, and admins everything', async () => {
    const city = await f.db.prisma.person.findFirstOrThrow({ where: { role: 'supervisor', region: { level: 'city' } } });
    const county = await f.db.prisma.region.findFirstOrThrow({
      where: { level: 'county', households: { some: {} } },
      orderBy: { code: 'desc' },
    });
    const cookie = await signIn(f.app, city.id);
    const page = await (await get(f.app, `/?region=${county.code}&by=state`, cookie)).text();
    const report = await buildReport(
      { db: f.db.prisma, timezone: 'Asia/Shanghai' },
      { at: today, since: null, by: 'state', region: county.code, atIsToday: true },
    );
    expect(pageRows(page)).toEqual([...report.rows, report.total].map((r) => [r.labels.join('|'), r.at.households, r.at.persons]));
    expect(report.rows.map((r) => r.labels[0])).toContain('入户核实');

    const admin = await f.db.prisma.person.findFirstOrThrow({ where: { role: 'admin' } });
    const all = await (await get(f.app, '/?by=region', await signIn(f.app, admin.id))).text();
    const everything = await buildReport(
      { db: f.db.prisma, timezone: 'Asia/Shanghai' },
      { at: today, since: null, by: 'region', region: null, atIsToday: true },
    );
    expect(pageRows(all)).toEqual([...everything.rows, everything.total].map((r) => [r.labels.join('|'), r.at.households, r.at.persons]));
    expect(everything.total.at.households).toBe(await f.db.prisma.household.count());
  });

  it('gives an officer the figures of their own households only', async () => {
    const officer = await f.db.prisma.person.findFirstOrThrow({
      where: { role: 'officer', households: { some: {} } },
      orderBy: { id: 'desc' },
    });
    const mine = await f.db.prisma.household.findMany({ where: { officerId: officer.id } });
    const page = await (await get(f.app, '/', await signIn(f.app, officer.id))).text();
    const total = pageRows(page).at(-1)!;
    expect(total).toEqual(['合计', mine.length, mine.reduce((n, h) => n + h.persons, 0)]);
    expect(tile(page, 'households')).toBe(mine.length);
    expect(page).toContain('我负责的档案 困难职工档案 截至 2025-11-10（按档案级别）');
    expect([...page.matchAll(/data-officer="([^"]+)"/g)].map((m) => m[1])).toEqual([officer.name]);
  });

  it('counts overdue and at-risk cases from the deadlines and the reminders sent, per officer and in total', async () => {
    const admin = await f.db.prisma.person.findFirstOrThrow({ where: { role: 'admin' } });
    const cookie = await signIn(f.app, admin.id);
    const now = f.clock.now;
    const overdue = await f.db.prisma.case.count({ where: { status: 'active', deadlineAt: { lt: now } } });
    let page = await (await get(f.app, '/', cookie)).text();
    expect(overdue).toBeGreaterThan(0);
    expect(tile(page, 'overdue')).toBe(overdue);
    const tiles = ['on-track', 'at-risk', 'overdue', 'no-case', 'closed'].map((k) => tile(page, k));
    expect(tiles.reduce((a, b) => a + b, 0)).toBe(tile(page, 'households'));
    const officerOverdue = [...page.matchAll(/data-overdue="(\d+)"/g)].reduce((n, m) => n + Number(m[1]), 0);
    expect(officerOverdue).toBe(overdue);

    // Let the first pending reminder of a current state entry fire: that case is now at risk.
    const reminder = await f.db.prisma.timer.findFirstOrThrow({
      where: { kind: 'remind', status: 'pending', case: { status: 'active' } },
      orderBy: { dueAt: 'asc' },
      include: { case: true },
    });
    expect(reminder.key.startsWith(`c${reminder.caseId}:e${reminder.case!.entrySeq}:remind:`)).toBe(true);
    const later = new Date(reminder.dueAt.getTime() + 60_000);
    await runDueTimers(f.engine, later);
    f.clock.now = later;
    try {
      const atRisk = await f.db.prisma.case.findMany({
        where: {
          status: 'active',
          OR: [{ deadlineAt: null }, { deadlineAt: { gte: later } }],
          timers: { some: { kind: 'remind', status: 'fired' } },
        },
      });
      const current = atRisk.filter((c) => c.id === reminder.caseId);
      expect(current).toHaveLength(1);
      // (Sessions run on the same clock here: sign in again at the later time.)
      page = await (await get(f.app, '/', await signIn(f.app, admin.id))).text();
      expect(tile(page, 'at-risk')).toBeGreaterThanOrEqual(1);
      expect(tile(page, 'overdue')).toBe(await f.db.prisma.case.count({ where: { status: 'active', deadlineAt: { lt: later } } }));
    } finally {
      f.clock.now = now;
    }
  });

  it('draws the weekly trend from the report at each week’s date, ending at today’s figure, as inline SVG charts', async () => {
    const admin = await f.db.prisma.person.findFirstOrThrow({ where: { role: 'admin' } });
    const response = await get(f.app, '/?weeks=8&target=2026-01-31', await signIn(f.app, admin.id));
    const page = await response.text();
    const trend = page.slice(page.indexOf('data-testid="trend"'), page.indexOf('data-testid="officers"'));
    const weeks = [...trend.matchAll(/<tr>\s*<td>(\d{4}-\d{2}-\d{2})<\/td>\s*<td class="num">([\d,]+)<\/td>/g)];
    expect(weeks.map((m) => m[1])).toEqual([
      '2025-09-22',
      '2025-09-29',
      '2025-10-06',
      '2025-10-13',
      '2025-10-20',
      '2025-10-27',
      '2025-11-03',
      '2025-11-10',
    ]);
    for (const [, at, n] of weeks) {
      const r = await buildReport(
        { db: f.db.prisma, timezone: 'Asia/Shanghai' },
        { at: at!, since: null, by: 'level', region: null, atIsToday: at === today },
      );
      expect(Number(n!.replace(/,/g, ''))).toBe(r.total.at.households);
    }
    expect(trend).toContain('<svg');
    expect(trend).toContain('data-chart-type="line"');
    expect(trend).toContain('目标日期 2026-01-31');
    expect(trend).toMatch(/data-series="按期清零"/);
    expect(page).toContain('data-chart-type="bar"');

    // Each chart's container carries its VChart spec as JSON and the server-drawn SVG as the
    // fallback; the only scripts are the VChart library from this site and one inline script with
    // the response's CSP nonce.
    const boxes = [...page.matchAll(/<div class="chart-box" data-chart="(\w+)"[^>]*>([\s\S]*?)<\/div>\s*<\/div>/g)];
    expect(boxes.map((m) => m[1])).toEqual(['breakdown', 'trend']);
    for (const [, id, inner] of boxes) {
      const json = /<script type="application\/json" data-chart-spec>([\s\S]*?)<\/script>/.exec(inner!)![1]!;
      expect(json).not.toContain('<');
      const spec = JSON.parse(json) as ChartSpec;
      const values = spec.data[0]!.values;
      if (id === 'trend') {
        expect(spec).toMatchObject({ type: 'line', xField: 'week', yField: 'value', seriesField: 'series' });
        const households = values.filter((v) => v['series'] === '在档户数').map((v) => v['value']);
        expect(households).toEqual(weeks.map(([, , n]) => Number(n!.replace(/,/g, ''))));
        expect(values.some((v) => v['series'] === '按期清零')).toBe(true);
      } else {
        expect(spec).toMatchObject({ type: 'bar', xField: 'category', yField: 'value' });
        expect(values.map((v) => v['value'])).toEqual(
          pageRows(page)
            .slice(0, -1)
            .map(([, households]) => households),
        );
      }
      expect(inner).toMatch(/<div class="chart-fallback"><svg xmlns="http:\/\/www.w3.org\/2000\/svg" class="chart"/);
    }
    const csp = response.headers.get('content-security-policy')!;
    const nonce = /script-src 'self' 'nonce-([\w-]+)'$/.exec(csp)![1]!;
    const scripts = [...page.matchAll(/<script\b([^>]*)>/gi)].map((m) => m[1]!.trim());
    expect(scripts.filter((a) => a !== 'type="application/json" data-chart-spec')).toEqual([
      expect.stringMatching(/^src="\/assets\/vchart\.min\.js\?v=\d+\.\d+\.\d+" defer$/),
      `nonce="${nonce}"`,
    ]);
  });

  it('says so when the target date is not a date, and keeps going', async () => {
    const admin = await f.db.prisma.person.findFirstOrThrow({ where: { role: 'admin' } });
    const r = await get(f.app, '/?target=2026-13-45&by=nonsense', await signIn(f.app, admin.id));
    expect(r.status).toBe(200);
    expect(await r.text()).toContain('目标日期「2026-13-45」无效');
  });
});
