// The whole channel on one machine: the campaign database, the bot's real HTTP server (createApp
// with the /lark/events route) on 127.0.0.1, the Lark simulator, and the real SDK client between
// them. One controllable clock drives the engine, the bot and the simulator.
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import type { EngineDeps } from '../../src/app/cases/engine-deps.ts';
import { buildLarkChannel } from '../../src/app/lark/build-lark-channel.ts';
import type { AppMetrics } from '../../src/app/metrics/create-metrics.ts';
import { readMetricGauges } from '../../src/app/metrics/read-metric-gauges.ts';
import { processInboundEvents } from '../../src/app/lark/process-inbound-events.ts';
import { runOutbox } from '../../src/app/lark/run-outbox.ts';
import { runDueTimers } from '../../src/app/timers/run-due-timers.ts';
import { silentLogger, type Logger } from '../../src/core/logger.ts';
import { createApp } from '../../src/http/create-app.ts';
import { metricsRoute } from '../../src/http/routes/metrics.ts';
import { createLarkClient } from '../../src/lark/outbox/create-lark-client.ts';
import { startLarkSimulator, type LarkSimulator } from '../../src/sandbox/simulator/start-lark-simulator.ts';
import { createCampaign, type Campaign } from './engine-fixture.ts';

export interface Channel {
  campaign: Campaign;
  sim: LarkSimulator;
  botUrl: string;
  /** GET /metrics on the bot's server (with `metrics`). */
  metricsUrl: string;
  clock: { now: () => Date; set(at: Date): void; advance(ms: number): void };
  /** Work the route deferred after its 200; `settle()` runs it (a test may drop it to simulate a crash). */
  deferred: (() => Promise<unknown>)[];
  settle(): Promise<void>;
  tick(): Promise<void>;
  sendOutbox(): Promise<void>;
  inbound: ReturnType<typeof buildLarkChannel>['inbound'];
  close(): Promise<void>;
}

export async function startChannel(options: {
  openedAt: Date;
  households?: number;
  monthlyQuota?: number;
  clientTimeoutMs?: number;
  /** Counters for GET /metrics, fed by the engine and the channel. */
  metrics?: AppMetrics;
  dailyDigest?: EngineDeps['dailyDigest'];
  /** The campaign database's busy timeout (default: the product's 5 s). */
  busyTimeoutMs?: number;
  /** Receives the bot's logs (default: silent). */
  logger?: Logger;
}): Promise<Channel> {
  let current = options.openedAt;
  const clock = {
    now: () => current,
    set: (at: Date) => void (current = at),
    advance: (ms: number) => void (current = new Date(current.getTime() + ms)),
  };
  const campaign = await createCampaign({
    households: options.households ?? 2,
    openedAt: options.openedAt,
    ...(options.busyTimeoutMs === undefined ? {} : { busyTimeoutMs: options.busyTimeoutMs }),
  });
  const logger = options.logger ?? silentLogger;
  if (options.metrics) campaign.deps.metrics = options.metrics.sink;
  if (options.dailyDigest) campaign.deps.dailyDigest = options.dailyDigest;
  const sim = await startLarkSimulator({
    now: clock.now,
    encryptKey: 'e2e encrypt key',
    verificationToken: 'e2e-verification-token',
    ...(options.monthlyQuota ? { monthlyQuota: options.monthlyQuota } : {}),
  });
  for (const [openId, name] of [
    ['ou_officer', '王芳'],
    ['ou_delegate', '李强'],
    ['ou_county', '赵督'],
    ['ou_city', '钱督'],
    ['ou_stranger', '孙外'],
    ['ou_admin', '周管'],
  ] as const)
    sim.addUser({ openId, name });
  sim.addChat({ chatId: 'oc_inspection', name: '麒麟区督查组', members: ['ou_county', 'ou_city', 'ou_officer'] });
  sim.addChat({ chatId: 'oc_work', name: '麒麟区工作群', members: ['ou_officer', 'ou_delegate', 'ou_county'] });
  const lark = createLarkClient({
    appId: sim.appId,
    appSecret: sim.appSecret,
    domain: sim.url,
    now: clock.now,
    timeoutMs: options.clientTimeoutMs ?? 10_000,
  });
  const channel = buildLarkChannel({
    engine: campaign.deps,
    lark,
    logger,
    now: clock.now,
    sleep: async (ms) => clock.advance(ms),
    botOpenId: () => sim.botOpenId,
  });
  const deferred: (() => Promise<unknown>)[] = [];
  const app = createApp({
    logger,
    mode: 'live',
    checkReadiness: async () => ({ ready: true, problems: [] }),
    lark: {
      ...channel.inbound,
      encryptKey: sim.encryptKey,
      verificationToken: sim.verificationToken,
      afterAck: (work) => void deferred.push(work),
    },
  });
  const metrics = options.metrics
    ? metricsRoute({ metrics: options.metrics, readGauges: () => readMetricGauges(campaign.db.prisma, clock.now()) })
    : undefined;
  const fetch = (request: Request) =>
    metrics && new URL(request.url).pathname === '/metrics' ? metrics.fetch(request) : app.fetch(request);
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const botUrl = `${base}/lark/events`;
  return {
    campaign,
    sim,
    botUrl,
    metricsUrl: `${base}/metrics`,
    clock,
    deferred,
    inbound: channel.inbound,
    settle: async () => {
      while (deferred.length > 0) await deferred.shift()!();
    },
    tick: async () => void (await runDueTimers(campaign.deps, clock.now())),
    sendOutbox: async () => {
      await runOutbox(channel.outbox);
    },
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await sim.close();
      await campaign.db.cleanup();
    },
  };
}

export { processInboundEvents };
