// The Operations (/ops) and Outbox (/outbox) pages in process on the demo city: every action is
// scoped by the signed-in person (a county supervisor acts only in their county, officers are
// refused), needs the form's CSRF token, and is audited as person:<id> with source 'console'.
// 延期 moves the deadlines and writes the trail, 改派 moves households, 绑定群 binds a chat, 导入
// runs the importer as a background job whose error report is downloadable, 督查台账 is the
// ledger workbook, and 重试 puts a failed message back in the queue.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { stringify } from 'csv-stringify/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildInspectionLedger } from '../../src/app/ledger/build-inspection-ledger.ts';
import { addDurationAfter } from '../../src/core/time/deadline-math.ts';
import type { OperationsDeps } from '../../src/http/routes/console/operations-routes.ts';
import { createConsoleFixture, get, hiddenCsrf, origin, postForm, signIn, type ConsoleFixture } from '../helpers/console-fixture.ts';
import { householdHeader, householdRow } from '../helpers/table-files.ts';

let f: ConsoleFixture;
let uploads: string;
beforeAll(async () => {
  uploads = mkdtempSync(path.join(tmpdir(), 'huhuqing-ops-uploads-'));
  const extra: Partial<OperationsDeps> = { uploadDir: uploads, maxUploadBytes: 64 * 1024 };
  f = await createConsoleFixture(extra);
});
afterAll(async () => {
  await f?.close();
  rmSync(uploads, { recursive: true, force: true });
});

async function people() {
  const supervisor = await f.db.prisma.person.findFirstOrThrow({
    where: { role: 'supervisor', region: { level: 'county' } },
    include: { region: true },
    orderBy: { id: 'asc' },
  });
  const otherCounty = await f.db.prisma.region.findFirstOrThrow({ where: { level: 'county', id: { not: supervisor.regionId! } } });
  const admin = await f.db.prisma.person.findFirstOrThrow({ where: { role: 'admin' } });
  const officer = await f.db.prisma.person.findFirstOrThrow({ where: { role: 'officer' } });
  return { supervisor, county: supervisor.region!, otherCounty, admin, officer };
}

async function opsToken(cookie: string): Promise<string> {
  const page = await get(f.app, '/ops', cookie);
  expect(page.status).toBe(200);
  return hiddenCsrf(await page.text());
}

const activeDeadlines = (regionPath: string) =>
  f.db.prisma.case.findMany({
    where: { status: 'active', deadlineAt: { not: null }, region: { path: { startsWith: regionPath } } },
    orderBy: { id: 'asc' },
    select: { id: true, deadlineAt: true, householdId: true },
  });

describe('scoping and refusals', () => {
  it('refuses a county supervisor another county’s deadlines and ledger (403), and changes nothing', async () => {
    const { supervisor, otherCounty } = await people();
    const cookie = await signIn(f.app, supervisor.id);
    const csrf = await opsToken(cookie);
    const before = await activeDeadlines(otherCounty.path);
    const audits = await f.db.prisma.auditEvent.count();

    const extend = await postForm(f.app, '/ops/extend', cookie, { csrf, region: otherCounty.code, workdays: '3', reason: '越权' });
    expect(extend.status).toBe(403);
    expect(await extend.text()).toContain('不在您负责的地区内');
    expect(await activeDeadlines(otherCounty.path)).toEqual(before);
    expect(await f.db.prisma.auditEvent.count()).toBe(audits);

    const ledger = await get(f.app, `/ops/ledger?region=${otherCounty.code}`, cookie);
    expect(ledger.status).toBe(403);
    expect(ledger.headers.get('content-type')).toContain('text/html');

    const bind = await postForm(f.app, '/ops/bind', cookie, {
      csrf,
      chatId: 'oc_foreign_county_chat',
      purpose: 'inspection_group',
      region: otherCounty.code,
    });
    expect(bind.status).toBe(403);
    expect(await f.db.prisma.chat.count({ where: { chatId: 'oc_foreign_county_chat' } })).toBe(0);

    // Imports and retries are the admins'.
    expect((await postForm(f.app, '/outbox/retry-all', cookie, { csrf })).status).toBe(403);
    expect(await (await get(f.app, '/ops', cookie)).text()).not.toContain('action="/ops/import"');
  });

  it('refuses officers both pages (403) and shows them no links to them', async () => {
    const { officer } = await people();
    const cookie = await signIn(f.app, officer.id);
    expect((await get(f.app, '/ops', cookie)).status).toBe(403);
    expect((await get(f.app, '/outbox', cookie)).status).toBe(403);
    const progress = await (await get(f.app, '/', cookie)).text();
    expect(progress).not.toContain('href="/ops"');
    const csrf = hiddenCsrf(progress);
    const { county } = await people();
    expect((await postForm(f.app, '/ops/extend', cookie, { csrf, region: county.code, workdays: '1', reason: 'x' })).status).toBe(403);
  });

  it('refuses POSTs without the CSRF token, with a wrong one, or from another origin (403), and changes nothing', async () => {
    const { supervisor, county } = await people();
    const cookie = await signIn(f.app, supervisor.id);
    const csrf = await opsToken(cookie);
    const before = await activeDeadlines(county.path);
    const fields = { region: county.code, workdays: '2', reason: '测试' };
    expect((await postForm(f.app, '/ops/extend', cookie, fields)).status).toBe(403);
    expect(
      (await postForm(f.app, '/ops/extend', cookie, { ...fields, csrf: csrf.replace(/^./, (c) => (c === 'a' ? 'b' : 'a')) })).status,
    ).toBe(403);
    expect((await postForm(f.app, '/ops/extend', cookie, { ...fields, csrf }, { origin: 'https://evil.example' })).status).toBe(403);
    expect(await activeDeadlines(county.path)).toEqual(before);
    expect(await f.db.prisma.auditEvent.count({ where: { source: 'console' } })).toBe(0);

    // An upload without the token is refused before anything is written.
    const { admin } = await people();
    const adminCookie = await signIn(f.app, admin.id);
    const form = new FormData();
    form.append('file', new File(['档案编号\n'], 'x.csv', { type: 'text/csv' }));
    const upload = await f.app.request('/ops/import', { method: 'POST', headers: { origin, cookie: adminCookie }, body: form });
    expect(upload.status).toBe(403);
    expect(readdirSync(uploads)).toEqual([]);
  });
});

describe('延期', () => {
  it('extends the deadlines of the supervisor’s county, shows how many changed, and writes the trail as the person', async () => {
    const { supervisor, county, otherCounty } = await people();
    const cookie = await signIn(f.app, supervisor.id);
    const csrf = await opsToken(cookie);
    const before = await activeDeadlines(county.path);
    const elsewhere = await activeDeadlines(otherCounty.path);
    expect(before.length).toBeGreaterThan(0);

    const r = await postForm(f.app, '/ops/extend', cookie, { csrf, region: county.code, workdays: '2', state: '', reason: '汛期道路中断' });
    expect(r.status).toBe(303);
    const location = r.headers.get('location')!;
    expect(location).toMatch(/^\/ops\/audit\/\d+\?done=1$/);

    const after = await activeDeadlines(county.path);
    for (const [i, c] of before.entries())
      expect(after[i]!.deadlineAt).toEqual(addDurationAfter(c.deadlineAt!, { workdays: 2 }, f.engine.calendar, 'Asia/Shanghai'));
    expect(await activeDeadlines(otherCounty.path)).toEqual(elsewhere);

    const trail = await f.db.prisma.auditEvent.findMany({ where: { action: 'case.deadline_extended' }, orderBy: { id: 'asc' } });
    expect(trail).toHaveLength(before.length);
    for (const e of trail) expect(e).toMatchObject({ actor: `person:${supervisor.id}`, source: 'console' });
    const summary = await f.db.prisma.auditEvent.findFirstOrThrow({ where: { action: 'cases.deadlines_extended' } });
    expect(summary).toMatchObject({ actor: `person:${supervisor.id}`, source: 'console' });
    expect(summary.after).toMatchObject({ cases: before.length, workdays: 2, reason: '汛期道路中断', regionName: county.name });

    const page = await (await get(f.app, location, cookie)).text();
    expect(page).toContain('已完成，并已记入留痕');
    expect(page).toContain(`${before.length} 个案件`);
    expect(page).toContain('汛期道路中断');
    expect(page).toContain(`data-count="${before.length}"`);
    const households = await f.db.prisma.household.findMany({ where: { id: { in: before.map((c) => c.householdId) } } });
    for (const h of households) expect(page).toContain(`data-archive-no="${h.archiveNo}"`);
    // The operation is listed on /ops, and each case's timeline shows its own event.
    expect(await (await get(f.app, '/ops', cookie)).text()).toContain(`href="/ops/audit/${summary.id}"`);
    const timeline = await (await get(f.app, `/households/${households[0]!.archiveNo}`, cookie)).text();
    expect(timeline).toContain('汛期道路中断');
    // Another supervisor's operation record is not theirs to read.
    const other = await f.db.prisma.person.findFirstOrThrow({ where: { role: 'supervisor', id: { not: supervisor.id } } });
    expect((await get(f.app, location, await signIn(f.app, other.id))).status).toBe(404);
  });

  it('brings a form with a missing reason or a bad number back with the message, changing nothing', async () => {
    const { supervisor, county } = await people();
    const cookie = await signIn(f.app, supervisor.id);
    const csrf = await opsToken(cookie);
    const before = await activeDeadlines(county.path);
    const noReason = await postForm(f.app, '/ops/extend', cookie, { csrf, region: county.code, workdays: '2', reason: '  ' });
    expect(noReason.status).toBe(400);
    expect(await noReason.text()).toContain('请填写延期的理由');
    const badDays = await postForm(f.app, '/ops/extend', cookie, { csrf, region: county.code, workdays: '0', reason: '理由' });
    expect(badDays.status).toBe(400);
    const text = await badDays.text();
    expect(text).toContain('1–60 的整数');
    expect(text).toContain('>理由</textarea>');
    expect(await activeDeadlines(county.path)).toEqual(before);
  });
});

describe('改派', () => {
  it('moves every household of one officer of the county to another, audited as the supervisor', async () => {
    const { supervisor, county } = await people();
    const officers = await f.db.prisma.person.findMany({
      where: { role: 'officer', regionId: county.id, households: { some: {} } },
      orderBy: { id: 'asc' },
    });
    const [from, to] = officers;
    const theirs = await f.db.prisma.household.findMany({ where: { officerId: from!.id }, select: { id: true } });
    const cookie = await signIn(f.app, supervisor.id);
    const csrf = await opsToken(cookie);
    const r = await postForm(f.app, '/ops/reassign', cookie, { csrf, from: String(from!.id), to: String(to!.id), reason: '调岗' });
    expect(r.status).toBe(303);
    expect(await f.db.prisma.household.count({ where: { officerId: from!.id } })).toBe(0);
    expect(await f.db.prisma.household.count({ where: { id: { in: theirs.map((h) => h.id) }, officerId: to!.id } })).toBe(theirs.length);
    const events = await f.db.prisma.auditEvent.findMany({ where: { action: 'household.reassigned' } });
    expect(events).toHaveLength(theirs.length);
    for (const e of events) expect(e).toMatchObject({ actor: `person:${supervisor.id}`, source: 'console' });
    const page = await (await get(f.app, r.headers.get('location')!, cookie)).text();
    expect(page).toContain(`${from!.name} → ${to!.name}`);
    expect(page).toContain(`${theirs.length} 户`);

    // An officer of another county is not theirs to reassign to.
    const foreign = await f.db.prisma.person.findFirstOrThrow({ where: { role: 'officer', regionId: { not: county.id } } });
    const refused = await postForm(f.app, '/ops/reassign', cookie, { csrf, from: String(to!.id), to: String(foreign.id), reason: '越权' });
    expect(refused.status).toBe(403);
    expect(await f.db.prisma.household.count({ where: { officerId: foreign.id, id: { in: theirs.map((h) => h.id) } } })).toBe(0);
  });
});

describe('绑定群', () => {
  it('binds a chat to a region and purpose through the chat command’s code, audited (chat.bound) as the person', async () => {
    const { supervisor, county } = await people();
    const cookie = await signIn(f.app, supervisor.id);
    const csrf = await opsToken(cookie);
    const r = await postForm(f.app, '/ops/bind', cookie, {
      csrf,
      chatId: 'oc_new_inspection_group_1',
      name: '新督查组',
      purpose: 'inspection_group',
      region: county.code,
    });
    expect(r.status).toBe(303);
    const chat = await f.db.prisma.chat.findUniqueOrThrow({ where: { chatId: 'oc_new_inspection_group_1' } });
    expect(chat).toMatchObject({ purpose: 'inspection_group', regionId: county.id, name: '新督查组' });
    const audit = await f.db.prisma.auditEvent.findFirstOrThrow({ where: { action: 'chat.bound', source: 'console' } });
    expect(audit).toMatchObject({ actor: `person:${supervisor.id}` });
    expect(audit.after).toEqual({ chatId: 'oc_new_inspection_group_1', purpose: 'inspection_group', regionId: county.id });
    const page = await (await get(f.app, r.headers.get('location')!, cookie)).text();
    expect(page).toContain(`「新督查组」绑定为${county.name}的督查组`);

    const bad = await postForm(f.app, '/ops/bind', cookie, {
      csrf,
      chatId: 'not-a-chat',
      purpose: 'inspection_group',
      region: county.code,
    });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('oc_ 开头');
  });
});

describe('导入', () => {
  const csv = (rows: unknown[][]) =>
    '\uFEFF' +
    stringify(
      rows.map((r) => r.map((v) => (v == null ? '' : String(v)))),
      { record_delimiter: '\r\n' },
    );

  async function upload(cookie: string, csrf: string, name: string, text: string, dryRun = false) {
    const form = new FormData();
    form.append('csrf', csrf);
    if (dryRun) form.append('dryRun', '1');
    form.append('file', new File([text], name, { type: 'text/csv' }));
    return f.app.request('/ops/import', { method: 'POST', headers: { origin, cookie }, body: form });
  }

  async function finished(cookie: string, location: string) {
    for (let i = 0; i < 200; i++) {
      const status = (await (await get(f.app, `${location}/status`, cookie)).json()) as { status: string };
      if (status.status !== 'running') return status as Record<string, unknown>;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error('import did not finish');
  }

  it('imports a small CSV with a bad row as a background job: counts, and the rejected row with its reason to download', async () => {
    const { admin } = await people();
    const cookie = await signIn(f.app, admin.id);
    const csrf = await opsToken(cookie);
    const text = csv([
      householdHeader,
      householdRow(901, { 档案编号: 'OPS-0901' }),
      householdRow(902, { 档案编号: 'OPS-0902', 身份证号: '5303021980' }),
      householdRow(903, { 档案编号: 'OPS-0903' }),
    ]);
    const r = await upload(cookie, csrf, '十一月户档.csv', text);
    expect(r.status).toBe(303);
    const location = r.headers.get('location')!;
    expect(location).toMatch(/^\/ops\/import\/[0-9a-f-]{36}$/);
    const status = await finished(cookie, location);
    expect(status).toMatchObject({ status: 'done', percent: 100, fileName: '十一月户档.csv', rejectsUrl: `${location}/rejects.csv` });
    expect(status.result).toMatchObject({ created: 2, updated: 0, rejected: 1 });
    expect(await f.db.prisma.household.count({ where: { archiveNo: { in: ['OPS-0901', 'OPS-0903'] } } })).toBe(2);
    expect(await f.db.prisma.household.count({ where: { archiveNo: 'OPS-0902' } })).toBe(0);
    const audit = await f.db.prisma.auditEvent.findFirstOrThrow({ where: { action: 'households.imported' }, orderBy: { id: 'desc' } });
    expect(audit).toMatchObject({ actor: `person:${admin.id}`, source: 'console' });

    const page = await get(f.app, location, cookie);
    expect(page.headers.get('refresh')).toBeNull();
    const html = await page.text();
    expect(html).toContain('data-status="done"');
    expect(html).toMatch(/data-count="created">2</);
    expect(html).toMatch(/data-count="rejected">1</);
    expect(html).toContain(`href="${location}/rejects.csv"`);

    const rejects = await get(f.app, `${location}/rejects.csv`, cookie);
    expect(rejects.status).toBe(200);
    expect(rejects.headers.get('content-type')).toContain('text/csv');
    expect(rejects.headers.get('content-disposition')).toBe(
      `attachment; filename="rejected-rows.csv"; filename*=UTF-8''${encodeURIComponent('十一月户档.rejected.csv')}`,
    );
    const body = await rejects.text();
    const lines = body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain('行号,错误原因');
    expect(lines[1]).toContain('OPS-0902');
    expect(lines[1]).toContain(',3,');
    expect(lines[1]).toContain('身份证号');

    // Supervisors may not see an admin's import.
    const { supervisor } = await people();
    expect((await get(f.app, location, await signIn(f.app, supervisor.id))).status).toBe(403);
  });

  it('writes nothing on a dry run, and refuses a file over the limit (413) or of another type', async () => {
    const { admin } = await people();
    const cookie = await signIn(f.app, admin.id);
    const csrf = await opsToken(cookie);
    const households = await f.db.prisma.household.count();
    const dry = await upload(cookie, csrf, 'dry.csv', csv([householdHeader, householdRow(950, { 档案编号: 'OPS-0950' })]), true);
    expect(dry.status).toBe(303);
    expect(await finished(cookie, dry.headers.get('location')!)).toMatchObject({ status: 'done', dryRun: true, result: { created: 1 } });
    expect(await f.db.prisma.household.count()).toBe(households);

    const big = await upload(cookie, csrf, 'big.csv', 'x'.repeat(200 * 1024));
    expect(big.status).toBe(413);
    expect(await big.text()).toContain('文件超过');
    const xls = await upload(cookie, csrf, 'old.xls', 'whatever');
    expect(xls.status).toBe(400);
    expect(await xls.text()).toContain('另存为');
    // Nothing left behind but the folders of the finished jobs (their error reports).
    expect(readdirSync(uploads).every((d) => !readdirSync(path.join(uploads, d)).some((n) => n.startsWith('upload')))).toBe(true);
  });

  it('reports a file whose header is wrong as a failed job with the reason', async () => {
    const { admin } = await people();
    const cookie = await signIn(f.app, admin.id);
    const r = await upload(
      cookie,
      await opsToken(cookie),
      'wrong.csv',
      csv([
        ['姓名', '电话'],
        ['张三', '1'],
      ]),
    );
    const status = await finished(cookie, r.headers.get('location')!);
    expect(status).toMatchObject({ status: 'failed' });
    expect(String(status.error)).toContain('缺少必填列');
  });
});

describe('督查台账', () => {
  it('downloads the county’s ledger as .xlsx with a Chinese file name: the rows of buildInspectionLedger', async () => {
    const { supervisor, county } = await people();
    const cookie = await signIn(f.app, supervisor.id);
    const r = await get(f.app, `/ops/ledger?region=${county.code}`, cookie);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(r.headers.get('content-disposition')).toBe(
      `attachment; filename="ledger-${county.code}-2025-11-10.xlsx"; filename*=UTF-8''${encodeURIComponent(`${county.name}督查台账-2025-11-10.xlsx`)}`,
    );
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await r.arrayBuffer()) as unknown as ExcelJS.Buffer);
    const sheet = book.getWorksheet('逾期户')!;
    const expected = await buildInspectionLedger(f.engine, county, f.clock.now);
    expect(expected.cases.length).toBeGreaterThan(0);
    const rows: string[] = [];
    sheet.eachRow((row, n) => n > 2 && rows.push(String(row.getCell(1).value)));
    expect(rows).toEqual(expected.cases.map((c) => c.archiveNo));
  });
});

describe('消息 (outbox)', () => {
  it('lists failed messages with their reasons; an admin’s 重试 puts one back to pending, audited; 全部重试 the rest', async () => {
    const { admin, supervisor, county } = await people();
    const chat = await f.db.prisma.chat.findFirstOrThrow({ where: { regionId: county.id } });
    const now = f.clock.now;
    const failed = await Promise.all(
      ['230002', '230029'].map((code, i) =>
        f.db.prisma.outboxMessage.create({
          data: {
            idempotencyKey: `test-failed-${i}`,
            kind: 'send',
            receiveIdType: 'chat_id',
            receiveId: chat.chatId,
            payload: { type: 'text', text: 'hi' },
            status: 'failed',
            attempts: 3,
            nextAttemptAt: now,
            lastError: code === '230002' ? '机器人不在该群：请把机器人拉进群后重试（230002）' : '该用户已离职（230029）',
            createdAt: now,
          },
        }),
      ),
    );
    await f.db.prisma.outboxMessage.create({
      data: {
        idempotencyKey: 'test-sent',
        kind: 'send',
        receiveIdType: 'chat_id',
        receiveId: chat.chatId,
        payload: { type: 'text', text: 'sent' },
        status: 'sent',
        nextAttemptAt: now,
        sentAt: now,
        createdAt: now,
      },
    });

    const cookie = await signIn(f.app, admin.id);
    const page = await (await get(f.app, '/outbox', cookie)).text();
    expect(page).toContain('机器人不在该群');
    expect(page).toContain('该用户已离职');
    expect(page).toMatch(/data-count="failed">2</);
    expect(page).toMatch(/data-testid="quota-used">1</);
    const csrf = hiddenCsrf(page);

    const one = await postForm(f.app, `/outbox/${failed[0]!.id}/retry`, cookie, { csrf });
    expect(one.status).toBe(303);
    expect(await f.db.prisma.outboxMessage.findUniqueOrThrow({ where: { id: failed[0]!.id } })).toMatchObject({
      status: 'pending',
      attempts: 0,
      nextAttemptAt: now,
    });
    expect(await f.db.prisma.outboxMessage.findUniqueOrThrow({ where: { id: failed[1]!.id } })).toMatchObject({ status: 'failed' });
    const audit = await f.db.prisma.auditEvent.findFirstOrThrow({ where: { action: 'outbox.retried' } });
    expect(audit).toMatchObject({ actor: `person:${admin.id}`, source: 'console' });
    expect(audit.after).toMatchObject({ count: 1, ids: [failed[0]!.id] });
    expect(await (await get(f.app, one.headers.get('location')!, cookie)).text()).toContain('已将 1 条消息放回待发送队列');

    // A supervisor reads (their county's chats) but may not retry.
    const supCookie = await signIn(f.app, supervisor.id);
    const readOnly = await (await get(f.app, '/outbox', supCookie)).text();
    expect(readOnly).toContain('该用户已离职');
    expect(readOnly).not.toContain('/outbox/retry-all');
    expect((await postForm(f.app, `/outbox/${failed[1]!.id}/retry`, supCookie, { csrf: hiddenCsrf(readOnly) })).status).toBe(403);

    const all = await postForm(f.app, '/outbox/retry-all', cookie, { csrf });
    expect(all.status).toBe(303);
    expect(await f.db.prisma.outboxMessage.count({ where: { status: 'failed' } })).toBe(0);
  });
});
