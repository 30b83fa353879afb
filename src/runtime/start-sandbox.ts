// Sandbox mode (no Lark credentials): the built-in Lark simulator stands in for Lark on its own
// loopback port, its world (people, chats) is filled from the roster, and the demo city is seeded
// on first start (or again with --reset-demo). The bot then runs exactly as in live mode.
import type { EngineDeps } from '../app/cases/engine-deps.ts';
import { seedDemo } from '../app/demo/seed-demo.ts';
import type { Logger } from '../core/logger.ts';
import { openSqliteHouseholdStore } from '../db/sqlite-household-store.ts';
import { startLarkSimulator, type LarkSimulator } from '../sandbox/simulator/start-lark-simulator.ts';

export interface SandboxLark {
  sim: LarkSimulator;
  credentials: { appId: string; appSecret: string; domain: string; encryptKey: string; verificationToken: string };
}

export async function startSandbox(
  engine: EngineDeps,
  databaseUrl: string,
  logger: Logger,
  now: () => Date = () => new Date(),
): Promise<SandboxLark> {
  if ((await engine.db.household.count()) === 0) {
    const store = openSqliteHouseholdStore(databaseUrl);
    try {
      const r = await seedDemo(engine, store, now());
      logger.info({ households: r.households, cases: r.cases }, '已生成演示数据（曲靖市四个县区）');
    } finally {
      store.close();
    }
  }
  const sim = await startLarkSimulator({
    now,
    encryptKey: 'sandbox-encrypt-key',
    verificationToken: 'sandbox-verification-token',
    appName: '户户清（沙箱）',
  });
  const people = await engine.db.person.findMany({ where: { active: true }, include: { region: true } });
  for (const p of people)
    if (p.openId)
      sim.addUser({ openId: p.openId, name: p.name, ...(p.mobile ? { mobile: p.mobile } : {}), ...(p.email ? { email: p.email } : {}) });
  for (const chat of await engine.db.chat.findMany({ include: { region: true } })) {
    // Members: everyone whose scope covers the chat's region or lies inside it, and the admins.
    const path = chat.region?.path ?? '';
    const members = people.filter(
      (p) => p.openId && (p.role === 'admin' || (p.region && (p.region.path.startsWith(path) || path.startsWith(p.region.path)))),
    );
    sim.addChat({ chatId: chat.chatId, name: chat.name ?? chat.chatId, members: members.map((m) => m.openId as string) });
  }
  return {
    sim,
    credentials: {
      appId: sim.appId,
      appSecret: sim.appSecret,
      domain: sim.url,
      encryptKey: sim.encryptKey,
      verificationToken: sim.verificationToken,
    },
  };
}
