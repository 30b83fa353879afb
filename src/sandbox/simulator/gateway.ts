// Lark's API gateway in front of every Open API route: injected faults, the bearer token, the
// free-edition monthly quota and the per-app rate limits (HTTP 429, 99991400, x-ogw-ratelimit-*),
// then the handler; and a log of every call for assertions.
import type { MiddlewareHandler } from 'hono';
import type { SimulatorCore } from './simulator-core.ts';
import type { Fault } from './fault-injector.ts';
import { checkBearer } from './check-token.ts';
import { fail, sendResult, type SimContext, type SimEnv } from './lark-reply.ts';
import { MINUTE, SECOND, type RateRule } from './rate-windows.ts';
import { consumeQuota, quotaExhausted } from './monthly-quota.ts';

export interface ApiSpec {
  /** Bucket name: Lark limits each API separately. */
  api: string;
  perSecond?: number;
  perMinute?: number;
  /** Counts toward the free-edition monthly quota (IM APIs do; auth and contacts do not). */
  quota: boolean;
  auth?: boolean;
}

// Tier 4 (1000/min & 50/s) for send, reply, patch, chat members, batch_get_id and card/update;
// buzz is documented as 50 QPS only (lark-platform.md §0, §3.3, §4.1).
export const API = {
  token: { api: 'auth.tenant_access_token', quota: false, auth: false },
  botInfo: { api: 'bot.info', quota: true },
  send: { api: 'im.message.create', perSecond: 50, perMinute: 1000, quota: true },
  reply: { api: 'im.message.reply', perSecond: 50, perMinute: 1000, quota: true },
  patch: { api: 'im.message.patch', perSecond: 50, perMinute: 1000, quota: true },
  urgent: { api: 'im.message.urgent_app', perSecond: 50, quota: true },
  cardUpdate: { api: 'interactive.card.update', perSecond: 50, perMinute: 1000, quota: true },
  chatMembers: { api: 'im.chat.members.get', perSecond: 50, perMinute: 1000, quota: true },
  batchGetId: { api: 'contact.user.batch_get_id', perSecond: 50, perMinute: 1000, quota: false },
} satisfies Record<string, ApiSpec>;

/** Responses held back by injected timeouts; released at once when the simulator closes. */
export interface Holds {
  hold(ms: number): Promise<void>;
  releaseAll(): void;
}

export function createHolds(): Holds {
  const pending = new Set<{ timer: NodeJS.Timeout; resolve: () => void }>();
  return {
    hold(ms) {
      return new Promise((resolve) => {
        const entry = {
          timer: setTimeout(() => {
            pending.delete(entry);
            resolve();
          }, ms),
          resolve,
        };
        pending.add(entry);
      });
    },
    releaseAll() {
      for (const entry of pending) {
        clearTimeout(entry.timer);
        entry.resolve();
      }
      pending.clear();
    },
  };
}

export function recordCalls(core: SimulatorCore): MiddlewareHandler<SimEnv> {
  let arrived = 0;
  return async (c, next) => {
    const at = core.now().getTime();
    const seq = ++arrived;
    await next();
    const url = new URL(c.req.url);
    const code = c.get('larkCode');
    const fault = c.get('fault') as NonNullable<(typeof core.state.calls)[number]['fault']> | undefined;
    const reset = c.res.headers.get('x-ogw-ratelimit-reset');
    core.state.calls.push({
      at,
      method: c.req.method,
      path: url.pathname,
      query: url.search,
      status: c.res.status,
      code,
      fault,
      seq,
      ...(reset === null ? {} : { rateLimitReset: Number(reset) }),
    });
  };
}

export function gate(core: SimulatorCore, spec: ApiSpec, holds: Holds): MiddlewareHandler<SimEnv> {
  return async (c, next) => {
    const fault = spec.auth === false ? ({ kind: 'none' } as const) : core.faults.draw(core.now().getTime());
    if (fault.kind !== 'none') {
      core.state.counters.faults += 1;
      c.set('fault', fault.kind === '5xx' ? (fault.processed ? '5xx-after' : '5xx-before') : fault.kind);
    }
    if (fault.kind === '429') return throttled(core, c, 50, fault.resetSeconds);
    if (fault.kind === '5xx' && !fault.processed) return serverError(fault);
    if (spec.auth !== false) {
      const denied = checkBearer(core, c.req.header('authorization'));
      if (denied) return sendResult(c, denied);
    }
    if (spec.quota && quotaExhausted(core)) {
      core.state.counters.quotaRejected += 1;
      return sendResult(c, fail(99991403, "This month's API call quota has been exceeded", 429));
    }
    const verdict = core.limits.hit(appRules(core, spec), core.now().getTime());
    if (verdict.limited) return throttled(core, c, verdict.limit, verdict.resetSeconds);
    await next();
    if (spec.quota && c.res.status < 400 && c.get('larkCode') === 0) consumeQuota(core);
    if (fault.kind === '5xx') c.res = serverError(fault);
    if (fault.kind === 'timeout') await holds.hold(fault.holdMs);
  };
}

function appRules(core: SimulatorCore, spec: ApiSpec): RateRule[] {
  const bucket = core.rateLimitScope === 'app' ? 'app' : spec.api;
  const rules: RateRule[] = [];
  if (spec.perSecond) rules.push({ key: `app:${bucket}`, limit: spec.perSecond, windowMs: SECOND });
  if (spec.perMinute) rules.push({ key: `app:${bucket}`, limit: spec.perMinute, windowMs: MINUTE });
  return rules;
}

function throttled(core: SimulatorCore, c: SimContext, limit: number, resetSeconds: number): Response {
  core.state.counters.throttled429 += 1;
  return sendResult(c, fail(99991400, 'request trigger frequency limit', 429), {
    'x-ogw-ratelimit-limit': String(limit),
    'x-ogw-ratelimit-reset': String(resetSeconds),
  });
}

function serverError(fault: Extract<Fault, { kind: '5xx' }>): Response {
  if (!fault.jsonBody)
    return new Response('<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center></body></html>', {
      status: fault.status,
      headers: { 'content-type': 'text/html' },
    });
  return Response.json({ code: 2200, msg: 'Internal Error, please retry later' }, { status: fault.status });
}
