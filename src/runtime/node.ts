// Node runtime: load .env, parse config, migrate, publish bundled flows, start the scheduler
// (node-cron), start the Lark channel in live mode, serve the Hono app on @hono/node-server.
import { existsSync, rmSync } from 'node:fs';
import { serve, type ServerType } from '@hono/node-server';
import type { Config } from '../config/parse-config.ts';
import type { Logger } from '../core/logger.ts';
import { applyMigrations } from '../db/apply-migrations.ts';
import { checkReadiness } from '../db/check-readiness.ts';
import { sqlitePath } from '../db/sqlite-path.ts';
import { createApp } from '../http/create-app.ts';
import { nodeConsoleRoutes } from '../http/routes/console/node-console-routes.ts';
import { metricsRoute } from '../http/routes/metrics.ts';
import { buildEngineDeps } from '../app/cases/build-engine-deps.ts';
import type { EngineDeps } from '../app/cases/engine-deps.ts';
import { loadSessionSecret } from '../app/console/load-session-secret.ts';
import { createMetrics } from '../app/metrics/create-metrics.ts';
import { createLarkWebLogin } from '../lark/login/create-lark-web-login.ts';
import { readMetricGauges } from '../app/metrics/read-metric-gauges.ts';
import { publishBundledFlows } from '../app/flows/publish-bundled-flows.ts';
import { createPrisma, tunePrisma } from '../db/create-prisma.ts';
import { scheduleTicks } from './schedule-ticks.ts';
import { startLarkChannel } from './start-lark-channel.ts';

/** The server's wait for another connection's write lock (see below). */
const serverBusyTimeoutMs = 2000;

export function loadDotEnv(file = '.env'): void {
  if (existsSync(file)) process.loadEnvFile(file);
}

export interface RunningServer {
  url: string;
  /** Sandbox mode: the simulator's address (its Open API). */
  simulatorUrl?: string;
  /** Sandbox mode: the page that stands in for the Lark client. */
  sandboxUrl?: string;
  close(): Promise<void>;
}

export async function startNodeServer(
  config: Config,
  logger: Logger,
  options: {
    scheduler?: boolean;
    sandbox?: boolean;
    resetDemo?: boolean;
    /** Sandbox: the real clock under the sandbox's (tests start it at a fixed day). */
    realNow?: () => Date;
  } = {},
): Promise<RunningServer> {
  if (options.resetDemo && config.lark.mode === 'sandbox') resetDatabase(sqlitePath(config.databaseUrl));
  const migrations = applyMigrations(sqlitePath(config.databaseUrl), () => new Date());
  if (migrations.applied.length > 0) logger.info({ applied: migrations.applied }, '数据库迁移已应用');
  // The server waits at most 2 s for another connection's write lock (a CLI import's batch): the wait
  // blocks the process, and a card click must still be answered inside Lark's 3 seconds.
  const db = await tunePrisma(createPrisma(config.databaseUrl, { busyTimeoutMs: serverBusyTimeoutMs }));
  const flows = await publishBundledFlows(db, new Date());
  if (flows.length > 0) logger.info({ flows }, '已发布内置流程');
  const metrics = createMetrics();
  const deps: EngineDeps = {
    ...(await buildEngineDeps(db, config.timezone, config.quietHours, (year) =>
      logger.warn(
        { year },
        `${year} 年的节假日安排尚未收录：暂按周一至周五计算工作日。请管理员运行 huhuqing calendar add <${year} 年日历.json>`,
      ),
    )),
    metrics: metrics.sink,
    ...(config.dailyDigestAt ? { dailyDigest: { at: config.dailyDigestAt } } : {}),
  };
  // Sandbox mode only, so loaded here: the simulator, the demo city's generator (faker) and the
  // /sandbox page would otherwise stay in a live server's memory (~40 MB) unused.
  const sandbox =
    config.lark.mode === 'sandbox' && options.sandbox !== false
      ? await (await import('./start-sandbox.ts')).startSandbox(deps, config.databaseUrl, logger, options.realNow)
      : undefined;
  const sandboxRoute = sandbox ? (await import('../http/routes/sandbox.ts')).sandboxRoute : undefined;
  const now = sandbox ? sandbox.clock.now : () => new Date();
  const ticks = options.scheduler === false ? undefined : scheduleTicks(deps, logger, now);
  const lark = await startLarkChannel(config, deps, logger, sandbox?.credentials, now);
  let url = '';
  const app = createApp({
    logger,
    mode: config.lark.mode,
    checkReadiness: async () => checkReadiness(config.databaseUrl),
    ...(lark.route ? { lark: lark.route } : {}),
    routes: [
      ...(sandbox && sandboxRoute ? [sandboxRoute(sandbox.page(() => url))] : []),
      metricsRoute({ metrics, readGauges: () => readMetricGauges(db, now()), logger }),
    ],
    api: { engine: deps, ...(config.adminToken ? { adminToken: config.adminToken } : {}), now, logger },
    console: {
      db,
      mode: config.lark.mode,
      sessionSecret: await loadSessionSecret(db, new Date()),
      now,
      // Sessions expire by real time: time travel in the sandbox must not sign people out.
      sessionNow: options.realNow ?? (() => new Date()),
      timezone: config.timezone,
      engine: deps,
      nodeRoutes: nodeConsoleRoutes,
      ...(config.lark.mode === 'live' && config.lark.appId && config.lark.appSecret
        ? { larkLogin: createLarkWebLogin({ appId: config.lark.appId, appSecret: config.lark.appSecret, domain: config.lark.domain }) }
        : {}),
      logger,
    },
  });
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () => resolve(s));
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  url = `http://${config.host}:${port}`;
  return {
    url,
    ...(sandbox ? { simulatorUrl: sandbox.sim.url, sandboxUrl: `${url}/sandbox` } : {}),
    close: async () => {
      ticks?.stop();
      lark.stop();
      await sandbox?.stop();
      const closed = new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve())));
      // Open /sandbox event streams would hold the close forever.
      if ('closeAllConnections' in server) server.closeAllConnections();
      await closed;
      await db.$disconnect();
    },
  };
}

/** --reset-demo: the sandbox starts over from an empty database (only ever in sandbox mode). */
function resetDatabase(file: string): void {
  for (const suffix of ['', '-wal', '-shm', '.sandbox.json']) rmSync(`${file}${suffix}`, { force: true });
}
