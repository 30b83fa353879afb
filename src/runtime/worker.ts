// Cloudflare Workers runtime: the same Hono app and the same use-cases as Node; only the edge
// differs. `fetch` serves the app (Lark events and card callbacks, /api, the console in live mode);
// `scheduled` (Cron Triggers, wrangler.toml) runs the timers tick, the restart sweep of received
// events and the outbox. Config comes from the env bindings (vars and secrets), the database is D1
// through Prisma's D1 adapter. Node-only parts (node-cron, the long connection, the CLI, /sandbox,
// /metrics with prom-client, the better-sqlite3 import path) are never imported from here.
//
// Everything that does I/O is built per invocation (Workers must not share I/O objects across
// requests); what is plain data (the tenant token, the bot's open_id, "bundled flows published")
// is kept per isolate.
import flowHuhuqing from '../../flows/huhuqing.json';
import { buildEngineDeps } from '../app/cases/build-engine-deps.ts';
import type { EngineDeps } from '../app/cases/engine-deps.ts';
import { loadSessionSecret } from '../app/console/load-session-secret.ts';
import { FlowCatalog, type LoadedFlow } from '../app/flows/flow-catalog.ts';
import { publishFlowTexts } from '../app/flows/publish-flow-texts.ts';
import { buildLarkChannel, fetchBotOpenId } from '../app/lark/build-lark-channel.ts';
import { processInboundEvents, type ProcessInboundSummary } from '../app/lark/process-inbound-events.ts';
import { runOutbox, type OutboxDeps, type OutboxRun } from '../app/lark/run-outbox.ts';
import { runDueTimers, type TickResult } from '../app/timers/run-due-timers.ts';
import { parseConfig, type Config } from '../config/parse-config.ts';
import { isAppError } from '../core/app-error.ts';
import type { Logger } from '../core/logger.ts';
import { checkD1Readiness } from '../db/check-d1-readiness.ts';
import { createD1Prisma, type D1Binding } from '../db/create-d1-prisma.ts';
import type { Db } from '../db/create-prisma.ts';
import { createApp } from '../http/create-app.ts';
import type { LarkRouteDeps } from '../http/routes/lark-events.ts';
import { createLarkWebLogin } from '../lark/login/create-lark-web-login.ts';
import { createLarkClient, type LarkClientHandle } from '../lark/outbox/create-lark-client.ts';
import { createConsoleLogger } from './create-console-logger.ts';

/** The bindings of wrangler.toml: D1 as `DB`, the settings of product.md as vars and secrets. */
export interface WorkerEnv {
  DB: D1Binding;
  [name: string]: unknown;
}

/** The parts of Workers' ExecutionContext and ScheduledController used here. */
export interface WorkerContext {
  waitUntil(promise: Promise<unknown>): void;
}
export interface WorkerScheduledEvent {
  scheduledTime: number;
  cron: string;
}

/** Bundled flow files, published on first use when the database has no version of them yet. */
const bundledFlows = [{ source: 'flows/huhuqing.json', text: JSON.stringify(flowHuhuqing) }];

// Per isolate: data only, never an I/O object (Workers must not share those across requests).
const isolate = {
  tokenStore: new Map<string, { value: unknown; expire?: number }>(),
  botOpenId: undefined as string | undefined,
  /** D1 bindings whose bundled flows were checked (published when missing). */
  flowsChecked: new WeakSet<object>(),
  /** The console's session key per D1 binding (it never changes once stored in `settings`). */
  sessionSecrets: new WeakMap<object, string>(),
  /** Published flow versions per D1 binding, parsed and built once (a version never changes). */
  flowVersions: new WeakMap<object, Map<string, LoadedFlow>>(),
};

/** Outbox rows sent per invocation: the rest waits for the next request or the next minute. */
const OUTBOX_ROWS_PER_REQUEST = 50;
const OUTBOX_ROWS_PER_TICK = 1000;

interface WorkerRuntime {
  config: Config;
  logger: Logger;
  db: Db;
  engine: EngineDeps;
  now: () => Date;
  channel: { inbound: ReturnType<typeof buildLarkChannel>['inbound']; outbox: OutboxDeps; lark: LarkClientHandle } | undefined;
}

/** The settings from the env bindings (strings only; bindings such as DB are not settings). */
export function settingsFromEnv(env: WorkerEnv): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(env)) if (typeof v === 'string') out[k] = v;
  return out;
}

/** `offsetMs` shifts the clock (tests and scheduled runs given their own `now`). */
async function openRuntime(env: WorkerEnv, offsetMs = 0): Promise<WorkerRuntime> {
  const config = parseConfig(settingsFromEnv(env));
  const logger = createConsoleLogger(config.logLevel);
  const now = () => new Date(Date.now() + offsetMs);
  const db = createD1Prisma(env.DB);
  if (!isolate.flowsChecked.has(env.DB)) {
    const flows = await publishFlowTexts(db, bundledFlows, now());
    if (flows.length > 0) logger.info({ flows }, '已发布内置流程');
    isolate.flowsChecked.add(env.DB);
  }
  const engine: EngineDeps = {
    ...(await buildEngineDeps(db, config.timezone, config.quietHours, (year) =>
      logger.warn({ year }, `${year} 年的节假日安排尚未收录：暂按周一至周五计算工作日。请管理员用 huhuqing calendar add 添加`),
    )),
    flows: new FlowCatalog(db, flowVersionsOf(env.DB)),
    ...(config.dailyDigestAt ? { dailyDigest: { at: config.dailyDigestAt } } : {}),
  };
  const { appId, appSecret, domain } = config.lark;
  if (config.lark.eventMode === 'ws')
    logger.warn({}, 'LARK_EVENT_MODE=ws（长连接）只能在 Node 上运行：Worker 按 webhook 模式在 /lark/events 接收事件');
  let channel: WorkerRuntime['channel'];
  if (appId && appSecret) {
    const lark = createLarkClient({ appId, appSecret, domain, now, tokenStore: isolate.tokenStore });
    const built = buildLarkChannel({
      engine,
      lark,
      logger,
      now,
      sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
      botOpenId: () => isolate.botOpenId,
    });
    channel = { ...built, lark };
  }
  return { config, logger, db, engine, now, channel };
}

function flowVersionsOf(binding: D1Binding): Map<string, LoadedFlow> {
  let versions = isolate.flowVersions.get(binding);
  if (!versions) isolate.flowVersions.set(binding, (versions = new Map()));
  return versions;
}

/** The bot's open_id, fetched once per isolate (bot/v3/info costs API quota). */
async function ensureBotOpenId(rt: WorkerRuntime): Promise<void> {
  if (isolate.botOpenId || !rt.channel) return;
  try {
    isolate.botOpenId = await fetchBotOpenId(rt.channel.lark);
  } catch (error) {
    rt.logger.warn({ err: (error as Error).message }, '无法获取机器人信息（bot/v3/info）：群里的 @机器人 识别稍后重试');
  }
}

async function sendOutbox(rt: WorkerRuntime, maxRows: number): Promise<OutboxRun | undefined> {
  if (!rt.channel) return undefined;
  try {
    return await runOutbox(rt.channel.outbox, { maxRows });
  } catch (error) {
    rt.logger.error({ err: (error as Error).message }, 'outbox run failed');
    return undefined;
  }
}

export async function handleFetch(request: Request, env: WorkerEnv, ctx: WorkerContext): Promise<Response> {
  let rt: WorkerRuntime;
  try {
    rt = await openRuntime(env);
  } catch (error) {
    // Bad settings, or D1 not migrated yet: /healthz still says the Worker is alive, /readyz why
    // it is not ready; everything else answers 503 with the reason.
    const message = isAppError(error) ? error.message : `启动失败：${(error as Error).message}`;
    console.error(JSON.stringify({ level: 'error', msg: 'worker not ready', err: message }));
    const path = new URL(request.url).pathname;
    if (path === '/healthz') return Response.json({ ok: true });
    if (path === '/readyz') {
      const r = await checkD1Readiness(createD1Prisma(env.DB));
      return Response.json({ ready: false, problems: r.ready ? [message] : r.problems }, { status: 503 });
    }
    return Response.json({ error: isAppError(error) ? error.code : 'not_ready', message }, { status: 503 });
  }
  const { config, logger, db, engine, now, channel } = rt;
  // Replies and card refreshes go out right after the request, not only at the next minute.
  const afterResponse = (work: () => Promise<unknown>) =>
    ctx.waitUntil(
      work()
        .catch((error: Error) => logger.error({ err: error.message }, 'work after the response failed'))
        .then(() => sendOutbox(rt, OUTBOX_ROWS_PER_REQUEST)),
    );
  const lark: LarkRouteDeps | undefined = channel
    ? {
        ...channel.inbound,
        onCardAction: async (event) => {
          const answer = await channel.inbound.onCardAction(event);
          afterResponse(async () => undefined);
          return answer;
        },
        encryptKey: config.lark.encryptKey,
        verificationToken: config.lark.verificationToken,
        // Persisted before the 200 (the route does it); processed after it, within waitUntil.
        afterAck: (work) =>
          afterResponse(async () => {
            await ensureBotOpenId(rt);
            await work();
          }),
      }
    : undefined;
  const live = config.lark.mode === 'live' && config.lark.appId && config.lark.appSecret;
  const app = createApp({
    logger,
    mode: config.lark.mode,
    checkReadiness: () => checkD1Readiness(db),
    ...(lark ? { lark } : {}),
    api: { engine, ...(config.adminToken ? { adminToken: config.adminToken } : {}), now, logger },
    // The console signs people in with Lark (OAuth): live mode only. Without Lark credentials a
    // Worker has no sandbox (the simulator and its roster sign-in are Node-only).
    ...(live
      ? {
          console: {
            db,
            mode: 'live' as const,
            sessionSecret: await sessionSecret(env, db, now()),
            now,
            timezone: config.timezone,
            larkLogin: createLarkWebLogin({ appId: config.lark.appId!, appSecret: config.lark.appSecret!, domain: config.lark.domain }),
            ...(typeof env.HUHUQING_PUBLIC_URL === 'string' && env.HUHUQING_PUBLIC_URL ? { publicUrl: env.HUHUQING_PUBLIC_URL } : {}),
            logger,
          },
        }
      : {}),
  });
  return app.fetch(request, env, ctx as never);
}

async function sessionSecret(env: WorkerEnv, db: Db, now: Date): Promise<string> {
  let secret = isolate.sessionSecrets.get(env.DB);
  if (!secret) {
    secret = await loadSessionSecret(db, now);
    isolate.sessionSecrets.set(env.DB, secret);
  }
  return secret;
}

export interface ScheduledRun {
  swept: ProcessInboundSummary | undefined;
  tick: TickResult;
  outbox: OutboxRun | undefined;
}

/**
 * One Cron Trigger run: the sweep of received events a crashed invocation left, the due timers,
 * then the outbox (the messages the tick queued included). `now` is the controller's
 * scheduledTime (tests pass their own; the clock runs on from it).
 */
export async function runScheduled(env: WorkerEnv, now: Date): Promise<ScheduledRun> {
  const rt = await openRuntime(env, now.getTime() - Date.now());
  let swept: ProcessInboundSummary | undefined;
  if (rt.channel) {
    await ensureBotOpenId(rt);
    swept = await processInboundEvents(rt.channel.inbound);
  }
  const tick = await runDueTimers(rt.engine, rt.now());
  if (tick.claimed > 0) rt.logger.info({ ...tick }, 'scheduler tick');
  const outbox = await sendOutbox(rt, OUTBOX_ROWS_PER_TICK);
  return { swept, tick, outbox };
}

export default {
  fetch: (request: Request, env: WorkerEnv, ctx: WorkerContext) => handleFetch(request, env, ctx),
  scheduled: (event: WorkerScheduledEvent, env: WorkerEnv, ctx: WorkerContext) => {
    ctx.waitUntil(
      runScheduled(env, new Date(event.scheduledTime)).catch((error: Error) =>
        console.error(JSON.stringify({ level: 'error', msg: 'scheduled run failed', err: error.message })),
      ),
    );
  },
};
