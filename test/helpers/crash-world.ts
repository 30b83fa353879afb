// The world a crash test runs in. A campaign database seeded through the product's own importers
// (the demo city's roster and households; half of the households past their 脱困时限) with every
// case opened weeks ago, so reminders, deadlines and escalations are due when the test starts; and
// the Lark simulator in the test process, which outlives every server it talks to: the roster's
// people, their group chats, a direct chat per officer, and the case card of each household in its
// county's 工作群 (a card the bot sent before the test began, which the officers click).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { EngineDeps } from '../../src/app/cases/engine-deps.ts';
import { buildEngineDeps } from '../../src/app/cases/build-engine-deps.ts';
import { openCase } from '../../src/app/cases/open-case.ts';
import { publishBundledFlows } from '../../src/app/flows/publish-bundled-flows.ts';
import { importHouseholds } from '../../src/app/households/import-households.ts';
import { importRoster } from '../../src/app/roster/import-roster.ts';
import { runDueTimers } from '../../src/app/timers/run-due-timers.ts';
import { localDate } from '../../src/core/time/local-date.ts';
import { applyMigrations } from '../../src/db/apply-migrations.ts';
import { createPrisma, type Db } from '../../src/db/create-prisma.ts';
import { openSqliteHouseholdStore } from '../../src/db/sqlite-household-store.ts';
import { generateHouseholds, householdHeaders } from '../../src/demo/generate-households.ts';
import { generateRoster } from '../../src/demo/generate-roster.ts';
import { rosterHeaders, toRosterRows } from '../../src/demo/roster-format.ts';
import { rowsSource } from '../../src/files/rows-source.ts';
import { buildEvent, type BuiltEvent } from '../../src/sandbox/simulator/post-to-bot.ts';
import { startLarkSimulator, type LarkSimulator } from '../../src/sandbox/simulator/start-lark-simulator.ts';
import { storeBotMessage } from '../../src/sandbox/simulator/store-message.ts';

export const crashTimezone = 'Asia/Shanghai';
/** The digest goes out just after midnight, so today's is due whenever the test runs (but 00:00–00:15). */
export const crashDigestAt = '00:01';
export const crashCampaign = '2026户户清';

export interface CrashCase {
  caseId: number;
  archiveNo: string;
  officerOpenId: string;
  supervisorOpenId: string;
  workChatId: string;
  /** The case card in the 工作群 that the officer and the supervisor click. */
  cardMessageId: string;
}

export interface CrashOfficer {
  openId: string;
  workChatId: string;
  p2pChatId: string;
  /** Their first direct chat with the bot (p2p_chat_create), delivered with the load. */
  p2pCreated: BuiltEvent;
}

export interface CrashWorld {
  dir: string;
  databaseUrl: string;
  db: Db;
  deps: EngineDeps;
  sim: LarkSimulator;
  cases: CrashCase[];
  officers: CrashOfficer[];
  supervisorOpenIds: string[];
  /** In every group, not on the roster. */
  strangerOpenId: string;
  /** Bot messages the test placed in the simulator (the case cards): no outbox row sent them. */
  preexisting: Set<string>;
  /** The server's and the CLI's settings (live mode against the simulator). */
  env: Record<string, string>;
  close(): Promise<void>;
}

export async function createCrashWorld(options: { seed: number; households: number; now: Date }): Promise<CrashWorld> {
  const { seed, now } = options;
  const dir = mkdtempSync(path.join(tmpdir(), 'huhuqing-crash-'));
  const file = path.join(dir, 'crash.db');
  const databaseUrl = `file:${file}`;
  applyMigrations(file, () => now);
  const db = createPrisma(databaseUrl);
  const today = localDate(now, crashTimezone);

  const roster = generateRoster({ seed, officersPerCounty: [4, 5] });
  await importRoster(db, rowsSource(rosterHeaders, toRosterRows(roster)), { dryRun: false, now, actor: 'test', fileName: '名册' });
  const rows = [...generateHouseholds({ count: options.households, seed, roster, today, overdueShare: 0.5 })];
  const store = openSqliteHouseholdStore(databaseUrl);
  try {
    await importHouseholds({ db, households: store }, async () => rowsSource(householdHeaders, rows), {
      dryRun: false,
      strict: false,
      now,
      today,
      actor: 'test',
      fileName: '档案',
    });
  } finally {
    store.close();
  }
  await publishBundledFlows(db, now);
  const deps: EngineDeps = {
    ...(await buildEngineDeps(db, crashTimezone, { start: '00:00', end: '00:00' }, () => {})),
    dailyDigest: { at: crashDigestAt },
  };

  // Opened 15–34 days ago: every case is past its 入户核实 deadline, reminders and rungs are due.
  const households = await db.household.findMany({ orderBy: { id: 'asc' }, include: { officer: true } });
  let earliest = now;
  for (const [i, h] of households.entries()) {
    const openedAt = new Date(now.getTime() - (15 + (i % 20)) * 86_400_000 - 3_600_000);
    if (openedAt < earliest) earliest = openedAt;
    await openCase(deps, { householdId: h.id, campaign: crashCampaign, flowId: 'huhuqing', actor: 'test', source: 'admin', now: openedAt });
  }
  // The scheduler ran until then (it wrote that day's digest timer); the server has been down since.
  await runDueTimers(deps, earliest);

  const sim = await startLarkSimulator({
    now: () => new Date(),
    encryptKey: 'crash-test-encrypt-key',
    verificationToken: 'crash-test-token',
  });
  const strangerOpenId = 'ou_crash_stranger';
  const everyone = [...roster.people.map((p) => p.openId), strangerOpenId];
  for (const p of roster.people) sim.addUser({ openId: p.openId, name: p.name, mobile: p.mobile, ...(p.email ? { email: p.email } : {}) });
  sim.addUser({ openId: strangerOpenId, name: '路人甲' });
  for (const c of roster.chats) sim.addChat({ chatId: c.chatId, name: c.name, members: everyone });

  const workChatOf = (county: string) => roster.chats.find((c) => c.purpose === 'officer_group' && c.region.county === county)!.chatId;
  const officers: CrashOfficer[] = roster.people
    .filter((p) => p.role === 'officer')
    .map((p) => {
      const p2pCreated = buildEvent(sim, { type: 'p2p_chat_create', userOpenId: p.openId });
      const p2pChatId = (p2pCreated.body.event as { chat_id: string }).chat_id;
      return { openId: p.openId, workChatId: workChatOf(p.scope.county), p2pChatId, p2pCreated };
    });

  const preexisting = new Set<string>();
  const cases: CrashCase[] = [];
  const dbCases = await db.case.findMany({ orderBy: { id: 'asc' }, include: { household: { include: { officer: true, region: true } } } });
  for (const c of dbCases) {
    const county = c.household.region.name;
    const person = roster.people.find((p) => p.openId === c.household.officer?.openId);
    const supervisor = roster.people.find((p) => p.role === 'supervisor' && p.scope.county === county);
    if (!person || !supervisor) throw new Error(`crash world: case ${c.id} has no officer or county supervisor on the roster`);
    const workChatId = workChatOf(county);
    const card = storeBotMessage(sim, {
      chatId: workChatId,
      msgType: 'interactive',
      content: JSON.stringify(placeholderCard(c.household.archiveNo)),
    });
    preexisting.add(card.messageId);
    cases.push({
      caseId: c.id,
      archiveNo: c.household.archiveNo,
      officerOpenId: person.openId,
      supervisorOpenId: supervisor.openId,
      workChatId,
      cardMessageId: card.messageId,
    });
  }

  const env = {
    DATABASE_URL: databaseUrl,
    PORT: '0',
    HOST: '127.0.0.1',
    LARK_APP_ID: sim.appId,
    LARK_APP_SECRET: sim.appSecret,
    LARK_ENCRYPT_KEY: sim.encryptKey,
    LARK_VERIFICATION_TOKEN: sim.verificationToken,
    LARK_DOMAIN: sim.url,
    HUHUQING_TIMEZONE: crashTimezone,
    // Start equal to end: no quiet hours, so what is due goes out whatever the time of day.
    HUHUQING_QUIET_HOURS: '00:00-00:00',
    HUHUQING_DAILY_DIGEST_AT: crashDigestAt,
    LOG_LEVEL: 'warn',
  };
  return {
    dir,
    databaseUrl,
    db,
    deps,
    sim,
    cases,
    officers,
    supervisorOpenIds: roster.people.filter((p) => p.role === 'supervisor').map((p) => p.openId),
    strangerOpenId,
    preexisting,
    env,
    close: async () => {
      await sim.close();
      await db.$disconnect();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function placeholderCard(archiveNo: string): Record<string, unknown> {
  return {
    schema: '2.0',
    header: { title: { tag: 'plain_text', content: `档案 ${archiveNo}` } },
    body: { elements: [{ tag: 'markdown', content: '请点击办理' }] },
  };
}
