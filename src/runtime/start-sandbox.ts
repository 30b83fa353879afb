// Sandbox mode (no Lark credentials): the built-in Lark simulator stands in for Lark on its own
// loopback port, its world (people, chats) is filled from the roster, and the demo city is seeded
// on first start (or again with --reset-demo). The bot then runs exactly as in live mode.
// The sandbox's clock (real time + the time travelled, kept in the database) drives the engine,
// the channel and the simulator alike; the simulator's chat history is saved beside the database
// file so a restart keeps it, as Lark would.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { EngineDeps } from '../app/cases/engine-deps.ts';
import { seedDemo } from '../app/demo/seed-demo.ts';
import { listSandboxPeople } from '../app/sandbox/list-sandbox-people.ts';
import { loadSandboxClock, type SandboxClock } from '../app/sandbox/sandbox-clock.ts';
import { nextDueAt, travelInTime } from '../app/sandbox/travel-in-time.ts';
import type { Logger } from '../core/logger.ts';
import { openSqliteHouseholdStore } from '../db/sqlite-household-store.ts';
import { sqlitePath } from '../db/sqlite-path.ts';
import type { SandboxPageDeps } from '../http/routes/sandbox.ts';
import { bundleClient } from '../sandbox/page/bundle-client.ts';
import { simulatorRevision } from '../sandbox/page/describe-simulator.ts';
import { restoreSimulator, snapshotSimulator, trimSimulatorLogs } from '../sandbox/simulator/simulator-snapshot.ts';
import { startLarkSimulator, type LarkSimulator } from '../sandbox/simulator/start-lark-simulator.ts';

/** Someone in every group who is not on the roster: what the bot does when a stranger clicks. */
export const SANDBOX_VISITOR = { openId: 'ou_sandbox_visitor', name: '群成员（未登记）' };

export interface SandboxLark {
  sim: LarkSimulator;
  clock: SandboxClock;
  credentials: { appId: string; appSecret: string; domain: string; encryptKey: string; verificationToken: string };
  /** The /sandbox page's deps, given the bot's own address once the server listens. */
  page(botUrl: () => string): SandboxPageDeps;
  stop(): Promise<void>;
}

export function sandboxSnapshotFile(databaseUrl: string): string {
  return `${sqlitePath(databaseUrl)}.sandbox.json`;
}

export async function startSandbox(
  engine: EngineDeps,
  databaseUrl: string,
  logger: Logger,
  realNow: () => Date = () => new Date(),
): Promise<SandboxLark> {
  const clock = await loadSandboxClock(engine.db, realNow);
  if ((await engine.db.household.count()) === 0) {
    const store = openSqliteHouseholdStore(databaseUrl);
    try {
      const r = await seedDemo(engine, store, clock.now());
      logger.info({ households: r.households, cases: r.cases }, '已生成演示数据（曲靖市四个县区）');
    } finally {
      store.close();
    }
  }
  const sim = await startLarkSimulator({
    now: clock.now,
    encryptKey: 'sandbox-encrypt-key',
    verificationToken: 'sandbox-verification-token',
    appName: '户户清（沙箱）',
  });
  const people = await engine.db.person.findMany({ where: { active: true }, include: { region: true } });
  for (const p of people)
    if (p.openId)
      sim.addUser({ openId: p.openId, name: p.name, ...(p.mobile ? { mobile: p.mobile } : {}), ...(p.email ? { email: p.email } : {}) });
  sim.addUser(SANDBOX_VISITOR);
  for (const chat of await engine.db.chat.findMany({ include: { region: true } })) {
    // Members: everyone whose scope covers the chat's region or lies inside it, the admins, and
    // one person who is not on the roster.
    const path = chat.region?.path ?? '';
    const members = people.filter(
      (p) => p.openId && (p.role === 'admin' || (p.region && (p.region.path.startsWith(path) || path.startsWith(p.region.path)))),
    );
    sim.addChat({
      chatId: chat.chatId,
      name: chat.name ?? chat.chatId,
      members: [...members.map((m) => m.openId as string), SANDBOX_VISITOR.openId],
    });
  }
  const file = sandboxSnapshotFile(databaseUrl);
  if (existsSync(file)) restoreSimulator(sim.state, JSON.parse(readFileSync(file, 'utf8')));

  let saved = simulatorRevision(sim);
  const save = () => {
    const revision = simulatorRevision(sim);
    if (revision === saved) return;
    trimSimulatorLogs(sim.state);
    writeFileSync(`${file}.tmp`, JSON.stringify(snapshotSimulator(sim.state)));
    renameSync(`${file}.tmp`, file);
    saved = revision;
  };
  const trySave = () => {
    try {
      save();
    } catch (error) {
      logger.warn({ err: (error as Error).message }, '沙箱聊天记录保存失败');
    }
  };
  const timer = setInterval(() => {
    trySave();
    // Picks up `huhuqing tick --now` run in another process.
    void clock.refresh().catch(() => undefined);
  }, 2000);

  return {
    sim,
    clock,
    credentials: {
      appId: sim.appId,
      appSecret: sim.appSecret,
      domain: sim.url,
      encryptKey: sim.encryptKey,
      verificationToken: sim.verificationToken,
    },
    page: (botUrl) => ({
      sim,
      botEventsUrl: () => `${botUrl()}/lark/events`,
      people: async () => [...(await listSandboxPeople(engine.db)), { ...SANDBOX_VISITOR, role: 'visitor' as const, region: '' }],
      clock,
      travel: (target) => travelInTime(engine, clock, target),
      nextDueAt: () => nextDueAt(engine),
      clientScript: bundleClient,
      tz: engine.tz,
    }),
    stop: async () => {
      clearInterval(timer);
      trySave();
      await sim.close();
    },
  };
}
