// The Workflows pages in a real browser (Debian Chromium via playwright-core) against the real
// server in sandbox mode: the admin opens the flow and sees its Mermaid diagram drawn as SVG, edits
// the JSON to send 已核实 to a state that does not exist, 检查 shows the problem at its line, fixes it
// with a real change (入户核实 10 → 15 workdays), 检查 shows the diff, the new diagram and the
// migration dry run, and 发布 lists version 2. Screenshots of each step: test-results/console-flows/.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatJson } from '../../src/core/flows/format-json.ts';
import type { Db } from '../../src/db/create-prisma.ts';
import type { RunningServer } from '../../src/runtime/node.ts';
import { launchBrowser, screenshots, signInAs } from '../helpers/browser.ts';
import { startSandboxServer, type SandboxServer } from '../helpers/sandbox-server.ts';

const shot = screenshots('console-flows');
const zh = { locale: 'zh-CN', timezoneId: 'Asia/Shanghai' };
let server: RunningServer;
let browser: Browser;
let db: Db;
let sandbox: SandboxServer;

beforeAll(async () => {
  sandbox = await startSandboxServer('huhuqing-browser-flows-');
  ({ server, db } = sandbox);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await sandbox?.close();
});

/** The editor's JSON, changed by `edit`, written back in the same layout. */
async function editJson(page: Page, edit: (flow: ReturnType<typeof JSON.parse>) => void): Promise<string> {
  const flow = JSON.parse(await page.inputValue('textarea[name="text"].flow-json'));
  edit(flow);
  const text = formatJson(flow);
  await page.fill('textarea[name="text"].flow-json', text);
  return text;
}

const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

describe('the Workflows pages (Chromium)', () => {
  it('shows the flow’s diagram, an error at its line, the diff of a fix, and publishes version 2', async () => {
    const admin = await db.person.findFirstOrThrow({ where: { role: 'admin', active: true }, orderBy: { id: 'asc' } });
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, ...zh });
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('response', (r) => {
      if (r.url().includes('/assets/') && r.status() !== 200) problems.push(`${r.url()}: ${r.status()}`);
    });
    page.on('console', (m) => {
      // A check with problems answers 422 and the browser asks for /favicon.ico: only script and CSP errors count.
      if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) problems.push(m.text());
    });
    await signInAs(page, server.url, admin.name);

    await page.click('nav.tabs a[href="/flows"]');
    await page.waitForURL(`${server.url}/flows`);
    await expect(page.locator('[data-flow-id="huhuqing"] tr[data-version="1"]').count()).resolves.toBe(1);
    await shot(page, 'flows');

    await page.click('a[href="/flows/huhuqing"]');
    await page.waitForURL(`${server.url}/flows/huhuqing`);
    // The Mermaid library draws the diagram in the browser: an SVG inside the block, with the titles.
    await page.waitForSelector('pre.mermaid[data-testid="diagram"] svg', { timeout: 20_000 });
    await expect(page.locator('pre.mermaid svg').textContent()).resolves.toContain('入户核实');
    await expect(page.locator('tr[data-state="verifying"] [data-field="deadline"]').textContent()).resolves.toContain('10 个工作日');
    await shot(page, 'flow-diagram');

    await page.click('text=编辑并发布新版本');
    await page.waitForURL(`${server.url}/flows/huhuqing/edit`);
    const broken = await editJson(page, (flow) => {
      expect(flow.version).toBe(2);
      flow.states.working.states.verifying.on.VERIFIED.target = 'nowhere';
    });
    const line = lineOf(broken, '"target": "nowhere"');
    await shot(page, 'edit');
    await page.click('button[data-testid="check"]');
    await page.waitForURL(`${server.url}/flows/huhuqing/check`);
    const problem = page.locator('[data-testid="problem"]', { hasText: 'nowhere' });
    await expect(problem.textContent()).resolves.toContain(`第 ${line} 行`);
    await expect(page.locator(`.code .ln.bad#L${line}`).textContent()).resolves.toContain('"target": "nowhere"');
    await expect(page.locator(`.code .msg[data-line="${line}"]`).first().textContent()).resolves.toContain('不存在的状态 nowhere');
    await expect(page.locator('form[action="/flows/huhuqing/publish"]').count()).resolves.toBe(0);
    await problem.locator('a').click();
    await shot(page, 'check-error');

    await editJson(page, (flow) => {
      flow.states.working.states.verifying.on.VERIFIED.target = 'classifying';
      flow.states.working.states.verifying.meta.deadline = { workdays: 15 };
    });
    await page.click('button[data-testid="check"]');
    await page.waitForURL(`${server.url}/flows/huhuqing/check`);
    await expect(page.locator('[data-testid="diff"]').textContent()).resolves.toContain(
      '入户核实（verifying）：期限 10 个工作日 → 15 个工作日',
    );
    await page.waitForSelector('pre.mermaid[data-testid="diagram"] svg', { timeout: 20_000 });
    const active = await db.case.count({ where: { flowId: 'huhuqing', status: 'active' } });
    await expect(page.locator('[data-testid="migration"] h2').textContent()).resolves.toContain(`${active} 件`);
    await shot(page, 'check-diff');
    await page.locator('[data-testid="migration"]').scrollIntoViewIfNeeded();
    await shot(page, 'check-dry-run');

    await page.click('form[action="/flows/huhuqing/publish"] button[type="submit"]');
    await page.waitForURL(`${server.url}/flows/huhuqing?published=2`);
    await expect(page.locator('[data-testid="published"]').textContent()).resolves.toContain('已发布 huhuqing 第 2 版');
    await expect(page.locator('[data-testid="running-version"]').textContent()).resolves.toContain('第 2 版');
    await expect(page.locator('[data-testid="versions"] tr[data-version="2"]').textContent()).resolves.toContain(admin.name);
    await expect(page.locator('tr[data-state="verifying"] [data-field="deadline"]').textContent()).resolves.toContain('15 个工作日');
    await page.waitForSelector('pre.mermaid[data-testid="diagram"] svg', { timeout: 20_000 });
    await shot(page, 'published');

    const row = await db.flowVersion.findUniqueOrThrow({ where: { flowId_version: { flowId: 'huhuqing', version: 2 } } });
    expect(row.publishedBy).toBe(`person:${admin.id}`);
    expect(await db.auditEvent.count({ where: { action: 'flow.published', actor: `person:${admin.id}` } })).toBe(1);
    // The Content-Security-Policy let the diagram scripts run and refused nothing.
    expect(problems).toEqual([]);
    await page.close();
  });

  it('fits a phone: the flow page with its diagram does not overflow', async () => {
    const supervisor = await db.person.findFirstOrThrow({ where: { role: 'supervisor', active: true }, orderBy: { id: 'asc' } });
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, ...zh });
    const page = await context.newPage();
    await signInAs(page, server.url, supervisor.name);
    await page.goto(`${server.url}/flows/huhuqing`);
    await page.waitForSelector('pre.mermaid svg', { timeout: 20_000 });
    expect(await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth')).toBeLessThanOrEqual(0);
    await expect(page.locator('a[href="/flows/huhuqing/edit"]').count()).resolves.toBe(0);
    await shot(page, 'phone-flow');
    await context.close();
  });
});
