// The Operations page (/ops) in a real browser (Debian Chromium via playwright-core) against the
// real server in sandbox mode: a county supervisor downloads their county's 督查台账 (the workbook
// holds exactly buildInspectionLedger's rows) and extends their county's deadlines with a reason,
// seeing the result and its audit trail; the admin uploads a household file with one bad row,
// watches the import finish and downloads the error report; both pages fit a phone.
// Screenshots of each step: test-results/console-ops/.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEngineDeps } from '../../src/app/cases/build-engine-deps.ts';
import { buildInspectionLedger } from '../../src/app/ledger/build-inspection-ledger.ts';
import type { Db } from '../../src/db/create-prisma.ts';
import type { RunningServer } from '../../src/runtime/node.ts';
import { launchBrowser, screenshots, signInAs, overflow } from '../helpers/browser.ts';
import { countySupervisor, startSandboxServer, type SandboxServer } from '../helpers/sandbox-server.ts';
import { householdHeader, householdRow, writeCsv } from '../helpers/table-files.ts';

const shot = screenshots('console-ops');
const zh = { locale: 'zh-CN', timezoneId: 'Asia/Shanghai' };
let server: RunningServer;
let browser: Browser;
let db: Db;
let sandbox: SandboxServer;
let files: string;

beforeAll(async () => {
  sandbox = await startSandboxServer('huhuqing-browser-ops-');
  ({ server, db } = sandbox);
  browser = await launchBrowser();
  files = mkdtempSync(path.join(tmpdir(), 'huhuqing-browser-ops-files-'));
});
afterAll(async () => {
  await browser?.close();
  await sandbox?.close();
  if (files) rmSync(files, { recursive: true, force: true });
});

describe('the Operations page (Chromium)', () => {
  it('a county supervisor downloads the county’s 督查台账: the workbook holds the overdue households of buildInspectionLedger', async () => {
    const supervisor = await countySupervisor(db);
    const county = supervisor.region!;
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true, ...zh });
    await signInAs(page, server.url, supervisor.name);
    await page.click('nav.tabs a[href="/ops"]');
    await page.waitForURL(`${server.url}/ops`);
    await expect(page.locator('h1').textContent()).resolves.toContain(county.name);
    await shot(page, 'ops-supervisor');

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="ledger"] button[type="submit"]')]);
    expect(download.suggestedFilename()).toMatch(new RegExp(`^${county.name}督查台账-\\d{4}-\\d{2}-\\d{2}\\.xlsx$`));
    const file = path.join(files, 'ledger.xlsx');
    await download.saveAs(file);

    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    const sheet = book.getWorksheet('逾期户')!;
    // The title says when the ledger was cut: the same instant (to the minute) for the comparison.
    const title = String(sheet.getCell(1, 1).value);
    const cut = /截至 (\d{4}-\d{2}-\d{2} \d{2}:\d{2})/.exec(title)![1]!;
    const at = new Date(`${cut.replace(' ', 'T')}:00+08:00`);
    const expected = await buildInspectionLedger(await buildEngineDeps(db, 'Asia/Shanghai'), county, at);
    expect(expected.cases.length).toBeGreaterThan(0);
    const rows: Array<[string, string, string, string, number]> = [];
    sheet.eachRow((row, n) => {
      if (n > 2)
        rows.push([
          String(row.getCell(1).value),
          String(row.getCell(3).value),
          String(row.getCell(4).value),
          String(row.getCell(5).value),
          Number(row.getCell(7).value),
        ]);
    });
    expect(rows).toEqual(expected.cases.map((c) => [c.archiveNo, c.county, c.state, c.officer, c.daysOverdue]));
    expect(title).toContain(`逾期 ${expected.cases.length} 户`);
    await page.close();
  });

  it('a county supervisor extends the county’s deadlines with a reason and sees the result and its audit trail', async () => {
    const supervisor = await countySupervisor(db);
    const county = supervisor.region!;
    const active = await db.case.findMany({
      where: { status: 'active', deadlineAt: { not: null }, region: { path: { startsWith: county.path } } },
      include: { household: true },
    });
    expect(active.length).toBeGreaterThan(0);
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, ...zh });
    await signInAs(page, server.url, supervisor.name);
    await page.goto(`${server.url}/ops`);
    const form = page.locator('[data-testid="extend"] form');
    await form.locator('select[name="region"]').selectOption(county.code);
    await form.locator('input[name="workdays"]').fill('3');
    await form.locator('textarea[name="reason"]').fill('暴雨道路中断，入户顺延');
    await shot(page, 'extend-form');
    await form.locator('button[type="submit"]').click();
    await page.waitForURL(/\/ops\/audit\/\d+\?done=1$/);

    await expect(page.locator('[data-testid="done"]').textContent()).resolves.toContain('已完成');
    await expect(page.locator('[data-testid="actor"]').textContent()).resolves.toBe(supervisor.name);
    const summary = await page.locator('[data-testid="summary"]').textContent();
    expect(summary).toContain(county.name);
    expect(summary).toContain(`${active.length} 个案件`);
    expect(summary).toContain('暴雨道路中断，入户顺延');
    const listed = await page
      .locator('[data-testid="audit-items"] tr[data-archive-no]')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-archive-no')));
    expect(listed.sort()).toEqual(active.map((c) => c.household.archiveNo).sort());
    await shot(page, 'extend-audit-trail');

    const trail = await db.auditEvent.findMany({ where: { action: 'case.deadline_extended' } });
    expect(trail).toHaveLength(active.length);
    for (const e of trail) expect(e).toMatchObject({ actor: `person:${supervisor.id}`, source: 'console' });
    // The trail goes on into the household's own timeline.
    await page.locator('[data-testid="audit-items"] a').first().click();
    await page.waitForURL(/\/households\//);
    await expect(page.locator('[data-testid="timeline"]').textContent()).resolves.toContain('暴雨道路中断，入户顺延');
    await shot(page, 'household-timeline');

    // The operation is listed on /ops too.
    await page.goto(`${server.url}/ops`);
    await expect(page.locator('[data-testid="recent"]').textContent()).resolves.toContain('延长期限');
    await page.close();
  });

  it('the admin uploads a household file with a bad row, watches the import finish and downloads the error report', async () => {
    const admin = await db.person.findFirstOrThrow({ where: { role: 'admin' } });
    const rows: unknown[][] = [householdHeader];
    for (let i = 1; i <= 40; i++) rows.push(householdRow(7000 + i, { 档案编号: `UI-${7000 + i}` }));
    rows.push(householdRow(7100, { 档案编号: 'UI-BAD', 家庭人口: '很多' }));
    const file = writeCsv(files, '浏览器导入.csv', rows);

    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true, ...zh });
    await signInAs(page, server.url, admin.name);
    await page.goto(`${server.url}/ops#import`);
    await page.setInputFiles('[data-testid="import"] input[type="file"]', file);
    await shot(page, 'import-form');
    await page.click('[data-testid="import"] button[type="submit"]');
    await page.waitForURL(/\/ops\/import\/[0-9a-f-]{36}$/);
    // The page reloads itself every second (Refresh header) until the job is done.
    await page.waitForSelector('[data-testid="import-job"][data-status="done"]', { timeout: 20_000 });
    await expect(page.locator('progress').getAttribute('value')).resolves.toBe('100');
    await expect(page.locator('[data-count="created"]').textContent()).resolves.toBe('40');
    await expect(page.locator('[data-count="rejected"]').textContent()).resolves.toBe('1');
    await shot(page, 'import-done');
    expect(await db.household.count({ where: { archiveNo: { startsWith: 'UI-' } } })).toBe(40);

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="rejects"]')]);
    expect(download.suggestedFilename()).toBe('浏览器导入.rejected.csv');
    const saved = path.join(files, 'rejects.csv');
    await download.saveAs(saved);
    const text = readFileSync(saved, 'utf8');
    expect(text).toContain('UI-BAD');
    expect(text).toContain('错误原因');
    expect(text).toContain('家庭人口');
    await page.close();
  });

  it('the admin sees a failed message with its reason on /outbox and puts it back in the queue', async () => {
    const admin = await db.person.findFirstOrThrow({ where: { role: 'admin' } });
    const chat = await db.chat.findFirstOrThrow({ where: { purpose: 'inspection_group' }, orderBy: { id: 'asc' } });
    const row = await db.outboxMessage.create({
      data: {
        idempotencyKey: 'browser-test-failed',
        kind: 'send',
        receiveIdType: 'chat_id',
        receiveId: chat.chatId,
        payload: { type: 'text', text: '测试' },
        status: 'failed',
        attempts: 1,
        nextAttemptAt: new Date(),
        lastError: '机器人不在该群：请把机器人拉进群后重试（230002）',
      },
    });
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, ...zh });
    await signInAs(page, server.url, admin.name);
    await page.click('nav.tabs a[href="/outbox"]');
    const failed = page.locator(`[data-testid="failed"] tr[data-outbox-id="${row.id}"]`);
    await expect(failed.locator('[data-testid="reason"]').textContent()).resolves.toContain('机器人不在该群');
    await expect(failed.textContent()).resolves.toContain(chat.name!);
    await shot(page, 'outbox-failed');
    await failed.locator('button', { hasText: '重试' }).click();
    await page.waitForURL(/\/outbox\?retried=1/);
    await expect(page.locator('[data-testid="notice"]').textContent()).resolves.toContain('已将 1 条消息放回待发送队列');
    await shot(page, 'outbox-retried');
    // Back in the queue, the server's outbox worker (every second) delivers it to the simulator.
    await expect
      .poll(async () => (await db.outboxMessage.findUniqueOrThrow({ where: { id: row.id } })).status, { timeout: 10_000 })
      .toBe('sent');
    await page.close();
  });

  it('fits a phone: /ops and /outbox do not overflow at 390 px', async () => {
    const admin = await db.person.findFirstOrThrow({ where: { role: 'admin' } });
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      deviceScaleFactor: 2,
      ...zh,
    });
    const page = await context.newPage();
    await signInAs(page, server.url, admin.name);
    await page.goto(`${server.url}/ops`);
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await shot(page, 'phone-ops');
    await page.goto(`${server.url}/outbox`);
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await shot(page, 'phone-outbox');
    await context.close();
  });
});
