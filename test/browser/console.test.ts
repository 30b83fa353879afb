// The console (/) in a real browser (Debian Chromium via playwright-core) against the real server
// in sandbox mode, the demo city seeded: signing in from the roster, the Progress page with its
// charts drawn by VChart (no script errors), a county supervisor kept out of another county's household by URL, the
// audited full view, and the phone layout. Screenshots of each step: test-results/console/.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maskName } from '../../src/core/privacy/mask.ts';
import type { Db } from '../../src/db/create-prisma.ts';
import type { RunningServer } from '../../src/runtime/node.ts';
import { launchBrowser, screenshots, signInAs, overflow } from '../helpers/browser.ts';
import { countySupervisor, startSandboxServer, type SandboxServer } from '../helpers/sandbox-server.ts';

const shot = screenshots('console');
const zh = { locale: 'zh-CN', timezoneId: 'Asia/Shanghai' };
let server: RunningServer;
let browser: Browser;
let db: Db;

let sandbox: SandboxServer;

/** Script errors of the page (uncaught, console.error, CSP refusals), collected from now on. */
function scriptErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    // The browser's own request for /favicon.ico (none is served) is not the page's error.
    if (m.type() === 'error' && !m.location().url.endsWith('/favicon.ico')) errors.push(`console: ${m.text()} (${m.location().url})`);
  });
  return errors;
}

/** Waits for the chart script, then: every chart container holds VChart's canvas, drawn, and no SVG. */
async function expectVChartCharts(page: Page, ids: string[]): Promise<void> {
  await page.waitForSelector('body[data-charts="done"]');
  const boxes = await page.locator('.chart-box[data-chart]').evaluateAll((els) =>
    els.map((el) => {
      const canvas = el.querySelector('canvas');
      return {
        id: el.getAttribute('data-chart'),
        rendered: el.hasAttribute('data-rendered'),
        error: el.getAttribute('data-chart-error'),
        svg: el.querySelector('svg.chart') !== null,
        canvas: canvas ? { w: canvas.getBoundingClientRect().width, h: canvas.getBoundingClientRect().height } : null,
        box: { w: el.getBoundingClientRect().width, h: el.getBoundingClientRect().height },
      };
    }),
  );
  expect(boxes.map((b) => b.id)).toEqual(ids);
  for (const b of boxes) {
    expect(b).toMatchObject({ rendered: true, error: null, svg: false });
    expect(b.canvas?.w).toBeGreaterThan(0);
    expect(b.canvas!.w).toBeLessThanOrEqual(b.box.w + 1);
    expect(b.canvas!.h).toBeGreaterThan(200);
  }
}

beforeAll(async () => {
  sandbox = await startSandboxServer('huhuqing-browser-');
  ({ server, db } = sandbox);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await sandbox?.close();
});

describe('the console (Chromium)', () => {
  it('sends a visitor to the roster, signs in as a county supervisor and shows their county’s progress with charts', async () => {
    const supervisor = await countySupervisor(db);
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, ...zh });
    const errors = scriptErrors(page);
    await page.goto(`${server.url}/`);
    await page.waitForURL(/\/login/);
    await expect(page.locator('h2', { hasText: '督查员' }).count()).resolves.toBe(1);
    await shot(page, 'login-roster');

    await signInAs(page, server.url, supervisor.name);
    await expect(page.locator('[data-testid="who"]').textContent()).resolves.toContain(
      `${supervisor.name} · 督查员 · ${supervisor.region!.name}`,
    );
    await expect(page.locator('h1').textContent()).resolves.toContain(supervisor.region!.name);
    const households = await db.household.count({ where: { regionId: supervisor.regionId! } });
    await expect(page.locator('[data-count="households"]').textContent()).resolves.toBe(String(households));
    // Both charts are drawn by VChart from their specs, replacing the server-drawn SVG.
    await expectVChartCharts(page, ['breakdown', 'trend']);
    await shot(page, 'progress');

    await page.selectOption('select[name="by"]', 'state');
    await page.click('form.filters button[type="submit"]');
    await page.waitForURL(/by=state/);
    await expect(page.locator('[data-testid="report"] h2').textContent()).resolves.toContain('按办理状态');
    await expect(page.locator('[data-testid="report"] tr[data-row="入户核实"]').count()).resolves.toBeLessThanOrEqual(1);
    await expectVChartCharts(page, ['breakdown', 'trend']);
    await shot(page, 'progress-by-state');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('keeps a county supervisor out of another county’s household opened by URL, and audits the full view of their own', async () => {
    const supervisor = await countySupervisor(db);
    const foreign = await db.household.findFirstOrThrow({ where: { regionId: { not: supervisor.regionId! } } });
    const own = await db.household.findFirstOrThrow({ where: { regionId: supervisor.regionId! }, orderBy: { archiveNo: 'asc' } });
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, ...zh });
    await signInAs(page, server.url, supervisor.name);

    const response = await page.goto(`${server.url}/households/${foreign.archiveNo}`);
    expect(response?.status()).toBe(404);
    await expect(page.locator('[data-testid="message"]').textContent()).resolves.toContain('没有找到');
    await expect(page.content()).resolves.not.toContain(maskName(foreign.headName));
    await shot(page, 'foreign-household-404');

    await page.goto(`${server.url}/households`);
    const listed = await page.locator('tr[data-archive-no]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-archive-no')));
    expect(listed).not.toContain(foreign.archiveNo);
    await shot(page, 'households');

    await page.click(`a[href="/households/${encodeURIComponent(own.archiveNo)}"]`);
    await expect(page.locator('[data-field="headName"]').textContent()).resolves.toBe(maskName(own.headName));
    await shot(page, 'household-masked');
    await page.click('text=查看完整信息');
    await expect(page.locator('[data-field="headName"]').textContent()).resolves.toBe(own.headName);
    const audit = await db.auditEvent.findFirst({ where: { action: 'household.personal_data_viewed', householdId: own.id } });
    expect(audit?.actor).toBe(`person:${supervisor.id}`);
    await shot(page, 'household-full');
    await page.close();
  });

  it('fits a phone: no horizontal overflow on any page, the charts drawn within it', async () => {
    const officer = await db.person.findFirstOrThrow({ where: { role: 'officer', households: { some: {} } }, orderBy: { id: 'asc' } });
    const mine = await db.household.findFirstOrThrow({ where: { officerId: officer.id } });
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      deviceScaleFactor: 2,
      ...zh,
    });
    const page = await context.newPage();
    const errors = scriptErrors(page);
    await signInAs(page, server.url, officer.name);
    await expectVChartCharts(page, ['breakdown', 'trend']);
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    expect(errors).toEqual([]);
    await shot(page, 'phone-progress');
    await page.locator('[data-testid="trend"]').scrollIntoViewIfNeeded();
    await shot(page, 'phone-progress-charts');
    await page.goto(`${server.url}/households`);
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await shot(page, 'phone-households');
    await page.goto(`${server.url}/households/${mine.archiveNo}`);
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await shot(page, 'phone-household');
    await context.close();
  });
});
