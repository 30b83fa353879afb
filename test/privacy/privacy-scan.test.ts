// Issue #8, privacy and secrets. The real server, run the way people use it, with the product's
// pino logger at its most verbose level into memory; then every message the bot sent (each version
// of it: as sent and every edit) and every log line go through the privacy scanner
// (test/helpers/privacy-scan.ts). Two runs:
// - sandbox mode: the demo city, the Lark channel through the SDK to the built-in simulator, the
//   /sandbox page's acting (chat commands and card clicks and form submits as officers, supervisors
//   and a stranger, in groups and direct chats), the scheduler moved across days by time travel
//   (reminders, deadlines, escalations, daily digests), the console (sign-in, households, the audited
//   full view, an import with bad rows), the JSON API (ADMIN_TOKEN, a supervisor's token, wrong
//   credentials), and forged, stale, undecryptable and oversized Lark requests;
// - live mode: LARK_APP_SECRET, LARK_ENCRYPT_KEY and LARK_VERIFICATION_TOKEN configured against a
//   simulator the test owns, so every key and token issued is known to the scan.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as lark from '@larksuiteoapi/node-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../../src/app/api-tokens/create-api-token.ts';
import { SESSION_SECRET_KEY } from '../../src/app/console/load-session-secret.ts';
import { parseConfig } from '../../src/config/parse-config.ts';
import { createPrisma, type Db } from '../../src/db/create-prisma.ts';
import { fieldName } from '../../src/lark/cards/form-names.ts';
import { startNodeServer, type RunningServer } from '../../src/runtime/node.ts';
import { sandboxSnapshotFile } from '../../src/runtime/start-sandbox.ts';
import { createSimulatorCore } from '../../src/sandbox/simulator/simulator-core.ts';
import { postEventToBot, prepareEventForBot } from '../../src/sandbox/simulator/post-to-bot.ts';
import type { SimChat, SimMessage, SimToast } from '../../src/sandbox/simulator/simulator-state.ts';
import { startLarkSimulator } from '../../src/sandbox/simulator/start-lark-simulator.ts';
import type { SimulatorSnapshot } from '../../src/sandbox/simulator/simulator-snapshot.ts';
import { cookiesFrom, hiddenCsrf } from '../helpers/console-fixture.ts';
import { createCampaign } from '../helpers/engine-fixture.ts';
import { captureLogs, type LogCapture } from '../helpers/log-capture.ts';
import { PrivacyScanner, type HouseholdFacts, type PrivacyFacts } from '../helpers/privacy-scan.ts';
import { buttonsOf, sandboxPageDriver, type CardButton } from '../helpers/sandbox-page-driver.ts';
import { householdHeader, householdRow, validId, writeCsv } from '../helpers/table-files.ts';

const START = new Date('2025-11-10T10:00:00+08:00').getTime(); // a Monday
const DAY = 24 * 3600_000;
const ADMIN_TOKEN = 'privacy-admin-token-5f0c1e9a7b3d';
// The sandbox's own event keys (src/runtime/start-sandbox.ts); a correctly signed event below proves them.
const SANDBOX_ENCRYPT_KEY = 'sandbox-encrypt-key';
const SANDBOX_VERIFICATION_TOKEN = 'sandbox-verification-token';
// What officers type into the forms of cards in group chats: health details that must go no further.
const NOTES_WITH_ILLNESS = '户主确诊肺癌晚期，每周住院化疗两次';
const REASON_WITH_ILLNESS = '家属尿毒症需透析，入户时间改期';

let dir: string;
let logs: LogCapture;
const secrets = new Set<string>([ADMIN_TOKEN]);
let interceptor: number | undefined;
const sdkSaw = { appSecrets: new Set<string>(), tenantTokens: new Set<string>() };

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'huhuqing-privacy-'));
  logs = captureLogs('trace');
  // The app secret and tenant_access_tokens exist only between the SDK and Lark: read them off the
  // SDK's HTTP client so the scan can look for them.
  interceptor = lark.defaultHttpInstance.interceptors.request.use((request) => {
    const data = typeof request.data === 'string' ? request.data : JSON.stringify(request.data ?? {});
    const secret = /"app_secret":"([^"]+)"/.exec(data)?.[1];
    if (secret) sdkSaw.appSecrets.add(secret);
    const bearer = /^Bearer\s+(\S+)$/.exec(String(request.headers?.Authorization ?? request.headers?.authorization ?? ''))?.[1];
    if (bearer) sdkSaw.tenantTokens.add(bearer);
    return request;
  });
});

afterAll(() => {
  if (interceptor !== undefined) lark.defaultHttpInstance.interceptors.request.eject(interceptor);
  logs.restore();
  rmSync(dir, { recursive: true, force: true });
});

describe('privacy and secrets over a full run of the server in sandbox mode (issue #8)', () => {
  let server: RunningServer | undefined;
  let db: Db;
  const databaseUrl = () => `file:${path.join(dir, 'sandbox.db')}`;
  const extraHouseholds: HouseholdFacts[] = [];

  beforeAll(async () => {
    secrets.add(SANDBOX_ENCRYPT_KEY).add(SANDBOX_VERIFICATION_TOKEN);
    const config = parseConfig({ DATABASE_URL: databaseUrl(), PORT: '0', LOG_LEVEL: 'trace', ADMIN_TOKEN });
    const t0 = performance.now();
    server = await startNodeServer(config, logs.logger, {
      scheduler: false,
      realNow: () => new Date(START + (performance.now() - t0)),
    });
    db = createPrisma(config.databaseUrl);
  }, 60_000);

  afterAll(async () => {
    await server?.close();
    await db?.$disconnect();
  });

  it('sends no full ID number, phone, illness or head-of-household name to a group chat, and no secret to a log', async () => {
    const page = sandboxPageDriver(server!.url, db);
    await page.settle();
    const people = (await page.state()).people;
    const admin = people.find((p) => p.role === 'admin')!;
    const visitor = people.find((p) => p.role === 'visitor')!;

    // An officer with a case at 入户核实 and one further on; the county's supervisor and chats.
    const further = ['classifying', 'planning', 'implementing'];
    const verifying = await db.case.findFirstOrThrow({
      where: {
        state: 'verifying',
        status: 'active',
        household: { officer: { openId: { not: null }, households: { some: { cases: { some: { state: { in: further } } } } } } },
      },
      include: { household: { include: { officer: true, region: true } } },
      orderBy: { id: 'asc' },
    });
    const h = verifying.household;
    const officer = h.officer!;
    const o = officer.openId!;
    const county = h.region;
    const supervisor = (await db.person.findFirstOrThrow({ where: { role: 'supervisor', regionId: county.id } })).openId!;
    const chats = await db.chat.findMany({ where: { regionId: county.id } });
    const workGroup = chats.find((c) => c.purpose === 'officer_group')!.chatId;
    const inspectionGroup = chats.find((c) => c.purpose === 'inspection_group')!.chatId;
    const cityGroup = (await db.chat.findFirstOrThrow({ where: { purpose: 'supervisor_group' } })).chatId;

    // ---- chat commands in groups and direct chats, including what people really type ----
    for (const text of ['帮助', '我的', '进度', `查 ${h.archiveNo}`]) await page.say(o, workGroup, text);
    await page.say(o, workGroup, `查 ${h.idNumber}`);
    await page.say(o, workGroup, `查询 ${h.headName}`);
    await page.say(o, workGroup, `${h.headName} ${h.phone ?? '13800001111'} 住院了，怎么还没核实？`);
    for (const text of ['我的', `查 ${h.archiveNo}`, `查 ${h.idNumber}`]) await page.say(o, `p2p:${o}`, text);
    await page.say(supervisor, inspectionGroup, '进度');
    await page.say(supervisor, inspectionGroup, `查 ${h.archiveNo}`);
    await page.say(admin.openId, cityGroup, '进度');
    await page.say(visitor.openId, workGroup, `查 ${h.archiveNo}`);
    await page.settle();

    // ---- card forms in the group: a stranger refused, 已核实 with notes, 申请延期 with a reason ----
    const caseCard = async (chatId: string, as: string, caseId: number) => {
      for (const m of (await page.botMessages(as, chatId)).reverse())
        if (buttonsOf(m.html).some((b) => b.value.caseId === caseId && b.value.a === 'event')) return m;
      throw new Error(`no card of case ${caseId} in ${chatId}`);
    };
    const submit = (card: { html: string }, event: string): CardButton =>
      buttonsOf(card.html).find((b) => b.action === 'submit' && b.value.event === event)!;
    const card1 = await caseCard(workGroup, o, verifying.id);
    expect((await page.click(visitor.openId, card1.messageId, submit(card1, 'VERIFIED'))).toast?.type).toBe('error');
    const verified = await page.click(o, card1.messageId, submit(card1, 'VERIFIED'), {
      [fieldName('VERIFIED', 'persons')]: '4',
      [fieldName('VERIFIED', 'causes')]: ['本人或供养直系亲属大病', '收入低'],
      [fieldName('VERIFIED', 'visit_date')]: '2025-11-10 +0800',
      [fieldName('VERIFIED', 'notes')]: NOTES_WITH_ILLNESS,
    });
    expect(verified.toast?.type).toBe('success');
    const other = await db.case.findFirstOrThrow({
      where: { status: 'active', household: { officerId: officer.id }, state: { in: further } },
      include: { household: true },
    });
    await page.say(o, workGroup, `查 ${other.household.archiveNo}`);
    await page.settle();
    const card2 = await caseCard(workGroup, o, other.id);
    const extension = await page.click(o, card2.messageId, submit(card2, 'REQUEST_EXTENSION'), {
      [fieldName('REQUEST_EXTENSION', 'workdays')]: '5',
      [fieldName('REQUEST_EXTENSION', 'reason')]: REASON_WITH_ILLNESS,
    });
    expect(extension.toast?.type).toBe('success');
    await page.settle();

    // ---- days pass: reminders, deadlines, escalations up the ladder, daily digests ----
    // Each trip runs the scheduler at once; the outbox then sends what every trip enqueued.
    for (let i = 0; i < 3; i++) await page.travel({ by: DAY });
    for (let i = 0; i < 2; i++) await page.travel({ next: true }).catch(() => undefined);
    await page.settle(40_000);
    // 督办 on escalation cards; the extension granted on its card.
    let acted = 0;
    for (const [as, chatId] of [
      [supervisor, inspectionGroup],
      [admin.openId, cityGroup],
    ] as const)
      for (const m of await page.botMessages(as, chatId)) {
        const ack = buttonsOf(m.html).find((b) => b.value.a === 'ack');
        if (ack && acted < 6 && ++acted) await page.click(as, m.messageId, ack);
        const grant = buttonsOf(m.html).find((b) => b.value.event === 'GRANT_EXTENSION' && b.action === 'submit');
        if (grant) await page.click(as, m.messageId, grant, { [fieldName('GRANT_EXTENSION', 'note')]: '同意延期' });
      }
    expect(acted).toBeGreaterThan(0);
    await page.settle();

    await useConsole(server!.url, db, county.name, o, h.archiveNo, extraHouseholds);
    await useApi(server!.url, db, county.name, h.archiveNo, h.headName);
    await forgeLarkRequests(server!.url, workGroup, o, (await page.state()).now);
    await page.settle();
    await server!.close();
    server = undefined;

    // ---- the scan: the simulator's whole chat history (saved at stop) and every log line ----
    const snapshot = JSON.parse(readFileSync(sandboxSnapshotFile(databaseUrl()), 'utf8')) as SimulatorSnapshot;
    const facts = await factsFrom(db, extraHouseholds);
    // The scan looks for the app secret and the tenant_access_tokens the bot really used.
    expect(sdkSaw.appSecrets.size).toBe(1);
    expect(sdkSaw.tenantTokens.size).toBeGreaterThanOrEqual(1);
    const scanner = scanRun(facts, snapshot, logs);
    process.stderr.write(`privacy scan (sandbox): ${JSON.stringify(scanner.counts)}, ${facts.secrets?.length} secrets\n`);
    // What the run covered: case cards, escalations and daily digests in groups, reminders in direct chats.
    const sent = (chatType: string, text: string) =>
      snapshot.messages.filter(
        (m) => m.sender.type === 'app' && chatsById(snapshot.chats).get(m.chatId)?.chatType === chatType && m.content.includes(text),
      ).length;
    const covered = {
      caseCards: sent('group', '"a":"event"'),
      escalations: sent('group', '逾期督办'),
      digests: sent('group', '每日简报'),
      reminders: sent('p2p', '待办提醒'),
    };
    process.stderr.write(`privacy scan (sandbox) covered ${JSON.stringify(covered)}\n`);
    for (const count of Object.values(covered)) expect(count).toBeGreaterThan(0);
    expect(scanner.counts.groupMessages).toBeGreaterThan(25);
    expect(scanner.counts.directMessages).toBeGreaterThan(10);
    expect(scanner.counts.logLines).toBeGreaterThan(20);
    expect(scanner.findings, scanner.report()).toEqual([]);

    // The same scan sees a leak planted into this run's own output: the case card the officer got
    // in the group, with the full name, the whole ID number and the illness put back; a log line
    // written through the product's logger carrying a token in a field it does not redact.
    const shown = snapshot.messages.find((m) => m.messageId === card1.messageId)!;
    const [first, last] = [Array.from(h.headName)[0]!, Array.from(h.headName).at(-1)!];
    const masked = new RegExp(`${first}(?:\\*|&#42;)+${last}`, 'g');
    expect(shown.content).toMatch(new RegExp(masked.source));
    const planted = shown.content.replace(masked, `${h.headName}（身份证号 ${h.idNumber}，本人或供养直系亲属大病）`);
    const probe = new PrivacyScanner(facts);
    probe.scanMessage({ chatId: workGroup, chatType: 'group', messageId: shown.messageId, msgType: 'interactive', versions: [planted] });
    expect(new Set(probe.findings.map((f) => f.kind))).toEqual(new Set(['full_name', 'id_number', 'illness']));
    const token = [...secrets].find((s) => s.startsWith('t-'))!;
    logs.logger.warn({ detail: `retry with Bearer ${token}`, token }, 'planted');
    expect(probe.scanLogLine(logs.lines.at(-1)!, 'planted').map((f) => f.kind)).toContain('secret');
    expect(logs.lines.at(-1)).toContain('"token":"[已隐藏]"'); // a field named token is redacted by the logger itself
    logs.lines.pop();
  }, 150_000);
});

describe('privacy and secrets with the Lark credentials configured (live mode, issue #8)', () => {
  it('keeps the app secret, encrypt key, verification token and every issued token out of the logs', async () => {
    const from = logs.lines.length;
    const fromConsole = logs.consoleLines.length;
    const sim = await startLarkSimulator({
      now: () => new Date(),
      encryptKey: 'live-encrypt-key-a91c4e7d20',
      verificationToken: 'live-verification-token-63be08',
    });
    const campaign = await createCampaign({ households: 3, openedAt: new Date(Date.now() - 30 * DAY), deadline: '2026-06-30' });
    let server: RunningServer | undefined;
    try {
      for (const [openId, name] of [
        ['ou_officer', '王芳'],
        ['ou_county', '赵督'],
        ['ou_stranger', '孙外'],
      ] as const)
        sim.addUser({ openId, name });
      sim.addChat({ chatId: 'oc_inspection', name: '麒麟区督查组', members: ['ou_county', 'ou_officer'] });
      sim.addChat({ chatId: 'oc_work', name: '麒麟区工作群', members: ['ou_officer', 'ou_county', 'ou_stranger'] });
      const config = parseConfig({
        DATABASE_URL: campaign.db.url,
        PORT: '0',
        LOG_LEVEL: 'trace',
        ADMIN_TOKEN,
        LARK_APP_ID: sim.appId,
        LARK_APP_SECRET: sim.appSecret,
        LARK_ENCRYPT_KEY: sim.encryptKey,
        LARK_VERIFICATION_TOKEN: sim.verificationToken,
        LARK_DOMAIN: sim.url,
      });
      server = await startNodeServer(config, logs.logger, { scheduler: false });
      const url = `${server.url}/lark/events`;
      const household = await campaign.db.prisma.household.findFirstOrThrow({ orderBy: { id: 'asc' } });
      for (const text of ['我的', `查 ${household.archiveNo}`, `查 ${household.idNumber}`, '进度'])
        expect(
          (await postEventToBot(sim, url, { type: 'im.message.receive_v1', chatId: 'oc_work', senderOpenId: 'ou_officer', text })).status,
        ).toBe(200);
      const drained = async () => {
        const until = Date.now() + 15_000;
        while (
          (await campaign.db.prisma.outboxMessage.count({ where: { status: { in: ['pending', 'sending'] } } })) > 0 ||
          (await campaign.db.prisma.inboundEvent.count({ where: { status: { in: ['received', 'processing'] } } })) > 0
        ) {
          if (Date.now() > until) throw new Error('the live bot did not settle');
          await new Promise((r) => setTimeout(r, 100));
        }
      };
      await drained();
      const card = sim.messagesIn('oc_work').find((m) => m.sender.type === 'app' && m.content.includes('"VERIFIED"'))!;
      const verifiedValue = findValue(JSON.parse(card.content), (v) => v.event === 'VERIFIED')!;
      for (const operatorOpenId of ['ou_stranger', 'ou_officer'])
        await postEventToBot(sim, url, {
          type: 'card.action.trigger',
          messageId: card.messageId,
          operatorOpenId,
          value: verifiedValue,
          name: 's_VERIFIED',
          formValue: {
            [fieldName('VERIFIED', 'persons')]: '3',
            [fieldName('VERIFIED', 'causes')]: ['职业病'],
            [fieldName('VERIFIED', 'visit_date')]: '2025-11-10 +0800',
            [fieldName('VERIFIED', 'notes')]: NOTES_WITH_ILLNESS,
          },
        });
      const message = { type: 'im.message.receive_v1' as const, chatId: 'oc_work', senderOpenId: 'ou_officer', text: '帮助' };
      for (const tamper of ['signature', 'timestamp', 'token'] as const) await postEventToBot(sim, url, message, { tamper });
      expect((await postEventToBot(sim, url, { type: 'url_verification', challenge: 'ch' }, { encrypt: false })).status).toBe(200);
      expect(
        (await postEventToBot(sim, url, { type: 'url_verification', challenge: 'ch' }, { encrypt: false, tamper: 'token' })).status,
      ).toBe(403);
      expect((await fetch(`${server.url}/login`, { redirect: 'manual' })).status).toBe(302); // Lark's OAuth web login
      expect((await fetch(`${server.url}/api/progress`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })).status).toBe(200);
      sim.revokeTokens(); // the outbox meets 99991663 and fetches a new token
      await postEventToBot(sim, url, message);
      await drained();
      await server.close();
      server = undefined;

      for (const s of [sim.appSecret, sim.encryptKey, sim.verificationToken, ...sim.state.tokens.keys(), ...sim.state.cardTokens.keys()])
        secrets.add(s);
      const facts = await factsFrom(campaign.db.prisma, []);
      const world = { chats: [...sim.state.chats.values()], messages: [...sim.state.messages.values()], toasts: sim.state.toasts };
      const scanner = scanRun(facts, world, {
        ...logs,
        lines: logs.lines.slice(from),
        consoleLines: logs.consoleLines.slice(fromConsole),
      });
      process.stderr.write(`privacy scan (live): ${JSON.stringify(scanner.counts)}, ${facts.secrets?.length} secrets\n`);
      expect(sim.state.tokens.size).toBeGreaterThanOrEqual(2);
      expect(scanner.counts.groupMessages).toBeGreaterThan(4);
      expect(scanner.counts.logLines).toBeGreaterThan(5);
      expect(scanner.findings, scanner.report()).toEqual([]);
    } finally {
      await server?.close();
      await sim.close();
      await campaign.db.cleanup();
    }
  }, 60_000);
});

/** The first callback value in a card's JSON that `match` accepts. */
function findValue(node: unknown, match: (v: Record<string, unknown>) => boolean): Record<string, unknown> | undefined {
  if (Array.isArray(node)) return node.map((n) => findValue(n, match)).find(Boolean);
  if (node === null || typeof node !== 'object') return undefined;
  const record = node as Record<string, unknown>;
  if (match(record) && 'caseId' in record) return record;
  return Object.values(record)
    .map((n) => findValue(n, match))
    .find(Boolean);
}

/** Every message the bot sent (each version of it) and every captured log line, scanned. */
function scanRun(
  facts: PrivacyFacts,
  world: { chats: readonly SimChat[]; messages: readonly SimMessage[]; toasts: readonly SimToast[] },
  captured: Pick<LogCapture, 'lines' | 'consoleLines'>,
) {
  const scanner = new PrivacyScanner(facts);
  scanner.scanChats(world.chats, world.messages);
  scanner.scanToasts(world.toasts);
  scanner.scanLogLines(captured.lines);
  scanner.scanLogLines(captured.consoleLines, 'console line');
  return scanner;
}

function chatsById(chats: readonly SimChat[]): Map<string, SimChat> {
  return new Map(chats.map((c) => [c.chatId, c]));
}

/** The household file and the roster as the database has them, the planted texts, every secret seen. */
async function factsFrom(database: Db, extra: readonly HouseholdFacts[]): Promise<PrivacyFacts> {
  const households = await database.household.findMany({
    select: { archiveNo: true, headName: true, idNumber: true, phone: true, causes: true },
  });
  const people = await database.person.findMany({ select: { name: true } });
  const chats = await database.chat.findMany({ select: { name: true } });
  const session = await database.setting.findUnique({ where: { key: SESSION_SECRET_KEY } });
  if (session) secrets.add(session.value);
  for (const s of [...sdkSaw.appSecrets, ...sdkSaw.tenantTokens]) secrets.add(s);
  return {
    households: [...households, ...extra],
    publicNames: [...people.map((p) => p.name), ...chats.map((c) => c.name ?? '')],
    healthTexts: [NOTES_WITH_ILLNESS, REASON_WITH_ILLNESS],
    secrets: [...secrets],
  };
}

/** The console as an admin and an officer: sign-in, pages, the audited full view, an import with bad rows. */
async function useConsole(base: string, db: Db, county: string, officerOpenId: string, archiveNo: string, extra: HouseholdFacts[]) {
  const get = (p: string, cookie: string) => fetch(`${base}${p}`, { headers: { cookie }, redirect: 'manual' });
  const form = (p: string, cookie: string, fields: Record<string, string>) =>
    fetch(`${base}${p}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { origin: base, cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
    });
  const signIn = async (personId: number) => {
    const login = await get('/login', '');
    const jar = cookiesFrom(login);
    const done = await form('/login', jar, { csrf: hiddenCsrf(await login.text()), personId: String(personId) });
    expect(done.status).toBe(303);
    const cookie = cookiesFrom(done, jar);
    for (const pair of cookie.split('; ')) secrets.add(pair.slice(pair.indexOf('=') + 1));
    return cookie;
  };
  const admin = await db.person.findFirstOrThrow({ where: { role: 'admin' } });
  const cookie = await signIn(admin.id);
  for (const p of ['/', '/households', `/households?q=${encodeURIComponent('杨')}`, '/outbox', '/flows', '/ops/ledger'])
    expect((await get(p, cookie)).status).toBeLessThan(500);
  const csrf = hiddenCsrf(await (await get(`/households/${encodeURIComponent(archiveNo)}`, cookie)).text());
  secrets.add(csrf);
  expect((await form(`/households/${encodeURIComponent(archiveNo)}/full`, cookie, { csrf })).status).toBe(200);
  expect((await form('/ops/extend', cookie, { csrf: 'forged-csrf-token-0000', region: county, workdays: '2', reason: 'x' })).status).toBe(
    403,
  );

  // An import with bad rows: a wrong check digit, a short phone, an unknown officer, persons not a number.
  const officer = await db.person.findFirstOrThrow({ where: { openId: officerOpenId } });
  const id = validId('530302', '19750304', 11);
  const wrongCheck = id.slice(0, 17) + (id.endsWith('0') ? '1' : '0');
  const rows: Record<string, string>[] = [
    {
      档案编号: 'PV-0001',
      户主姓名: '蒋秀英',
      身份证号: validId('530302', '19750304', 7),
      致困原因: '职业病、收入低',
      联系电话: '13987654321',
    },
    { 档案编号: 'PV-0002', 户主姓名: '鲁德胜', 身份证号: wrongCheck, 致困原因: '残疾', 联系电话: '13711112222' },
    { 档案编号: 'PV-0003', 户主姓名: '欧阳春梅', 身份证号: validId('530302', '19680912', 8), 致困原因: '因病', 联系电话: '1371111' },
    {
      档案编号: 'PV-0004',
      户主姓名: '司马建军',
      身份证号: validId('530302', '19591201', 9),
      致困原因: '工伤',
      联系电话: '15912345678',
      责任人: '13000000000',
    },
    {
      档案编号: 'PV-0005',
      户主姓名: '上官婉清',
      身份证号: validId('530302', '19901111', 10),
      致困原因: '下岗失业',
      联系电话: '0874-3123456',
      家庭人口: '三口',
    },
  ];
  for (const r of rows) extra.push({ headName: r.户主姓名!, idNumber: r.身份证号!, phone: r.联系电话!, causes: r.致困原因! });
  const file = writeCsv(dir, 'households.csv', [
    householdHeader,
    ...rows.map((r, i) => householdRow(i + 1, { 县区: county, 责任人: officer.openId, ...r })),
  ]);
  const upload = new FormData();
  upload.set('csrf', hiddenCsrf(await (await get('/ops', cookie)).text()));
  upload.set('file', new Blob([readFileSync(file)], { type: 'text/csv' }), '困难职工档案.csv');
  const started = await fetch(`${base}/ops/import`, {
    method: 'POST',
    redirect: 'manual',
    headers: { origin: base, cookie },
    body: upload,
  });
  expect(started.status).toBe(303);
  const job = started.headers.get('location')!;
  let status: { status: string; result: { rejected: number } | null; rejectsUrl: string | null };
  do {
    await new Promise((r) => setTimeout(r, 100));
    status = (await (await get(`${job}/status`, cookie)).json()) as typeof status;
  } while (status.status === 'running');
  expect(status.result?.rejected).toBeGreaterThanOrEqual(3);
  expect((await get(status.rejectsUrl!, cookie)).status).toBe(200);

  const officerCookie = await signIn(officer.id);
  expect((await get('/households', officerCookie)).status).toBe(200);
  expect((await get('/ops', officerCookie)).status).toBe(403);
}

/** The JSON API: the bootstrap ADMIN_TOKEN, a supervisor's token, wrong and malformed credentials. */
async function useApi(base: string, db: Db, county: string, archiveNo: string, headName: string) {
  const call = (p: string, authorization: string, body?: unknown) =>
    fetch(`${base}${p}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { authorization, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const admin = `Bearer ${ADMIN_TOKEN}`;
  expect((await call('/api/progress', admin)).status).toBe(200);
  expect((await call(`/api/households?q=${encodeURIComponent(headName)}`, admin)).status).toBe(200);
  expect((await call(`/api/households/${encodeURIComponent(archiveNo)}?full=1`, admin)).status).toBe(200);
  expect((await call('/api/cases/extend', admin, { region: county, workdays: 0 })).status).toBe(400);
  expect((await call('/api/cases/extend', admin, { region: county, workdays: 1, reason: '入户核实期间遇暴雨' })).status).toBe(200);

  const created = await createApiToken(db, { role: 'supervisor', region: county, actor: 'test', now: new Date(START) });
  secrets.add(created.token);
  const supervisor = `Bearer ${created.token}`;
  expect((await call('/api/progress', supervisor)).status).toBe(200);
  const elsewhere = await db.household.findFirstOrThrow({ where: { region: { name: { not: county } } } });
  expect((await call(`/api/households/${encodeURIComponent(elsewhere.archiveNo)}`, supervisor)).status).toBe(404);

  const guessed = `hhq_${'Zq3'.repeat(14)}x`;
  secrets.add(guessed).add('dXNlcjpzM2NyZXQtcGFzcw==');
  for (const wrong of [`Bearer ${guessed}`, 'Basic dXNlcjpzM2NyZXQtcGFzcw==', `Bearer ${created.token}x`, ''])
    expect((await call('/api/progress', wrong)).status).toBe(401);
}

/** Lark requests as an attacker or a broken proxy sends them, and one correctly signed event. */
async function forgeLarkRequests(base: string, chatId: string, senderOpenId: string, sandboxNow: number) {
  const url = `${base}/lark/events`;
  const offset = sandboxNow - Date.now();
  const now = () => new Date(Date.now() + offset);
  const platform = createSimulatorCore({ now, encryptKey: SANDBOX_ENCRYPT_KEY, verificationToken: SANDBOX_VERIFICATION_TOKEN });
  const attacker = createSimulatorCore({ now, encryptKey: 'attacker-encrypt-key-7c1d', verificationToken: 'attacker-token-9e2f' });
  secrets.add('attacker-encrypt-key-7c1d');
  for (const core of [platform, attacker]) {
    core.state.chats.set(chatId, { chatId, name: '工作群', members: [senderOpenId], botInChat: true, chatType: 'group' });
    core.state.users.set(senderOpenId, { openId: senderOpenId, name: '责任人' });
  }
  const message = { type: 'im.message.receive_v1' as const, chatId, senderOpenId, text: '进度' };
  expect((await postEventToBot(platform, url, message)).status).toBe(200); // so the keys above are the sandbox's
  expect((await postEventToBot(platform, url, message, { tamper: 'signature' })).status).toBe(401);
  expect((await postEventToBot(platform, url, message, { tamper: 'timestamp' })).status).toBeGreaterThanOrEqual(400);
  expect((await postEventToBot(attacker, url, message)).status).toBeGreaterThanOrEqual(400);
  expect((await postEventToBot(attacker, url, { type: 'url_verification', challenge: 'c' }, { encrypt: false })).status).toBe(403);
  const { raw, headers } = prepareEventForBot(platform, message);
  for (const b of [
    { body: 'not json at all', headers: {} },
    { body: raw.slice(0, raw.length / 2), headers },
    { body: JSON.stringify({ encrypt: `AAAA${raw.slice(20, 60)}` }), headers },
    { body: 'x'.repeat(1024 * 1024 + 10), headers: {} },
  ]) {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...b.headers }, body: b.body });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
  }
}
