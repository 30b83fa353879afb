// /sandbox (sandbox mode only): the page that stands in for the Lark client, and its JSON API —
// the state of the world for the person the page acts as, card clicks and typed messages sent to
// the bot as Lark sends them, time travel, fault injection, and a server-sent event stream that
// tells the page when anything changed.
import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { DateTime } from 'luxon';
import { z } from 'zod';
import type { SandboxPerson } from '../../app/sandbox/list-sandbox-people.ts';
import type { TravelResult, TravelTarget } from '../../app/sandbox/travel-in-time.ts';
import { AppError } from '../../core/app-error.ts';
import { clickCard, sendText } from '../../sandbox/page/act-in-chat.ts';
import { describeSimulator, simulatorRevision } from '../../sandbox/page/describe-simulator.ts';
import { listChats } from '../../sandbox/page/list-chats.ts';
import { listMessages } from '../../sandbox/page/list-messages.ts';
import { renderPageHtml } from '../../sandbox/page/render-page-html.ts';
import type { LarkSimulator } from '../../sandbox/simulator/start-lark-simulator.ts';

export interface SandboxPageDeps {
  sim: LarkSimulator;
  /** The bot's own POST /lark/events address (known once the server listens). */
  botEventsUrl: () => string;
  people: () => Promise<(SandboxPerson | { openId: string; name: string; role: 'visitor'; region: string })[]>;
  clock: { now(): Date; offsetMs(): number };
  travel: (target: TravelTarget) => Promise<TravelResult>;
  nextDueAt: () => Promise<Date | null>;
  /** The page script, bundled for the browser by the runtime. */
  clientScript: () => Promise<string>;
  tz: string;
  /** How often the event stream looks for changes (ms). */
  pollMs?: number;
}

const click = z.object({
  kind: z.literal('click'),
  as: z.string().min(1),
  messageId: z.string().min(1),
  value: z.record(z.string(), z.unknown()),
  name: z.string().optional(),
  tag: z.string().optional(),
  formValue: z.record(z.string(), z.union([z.string(), z.array(z.string())])).optional(),
});
const text = z.object({
  kind: z.literal('text'),
  as: z.string().min(1),
  chatId: z.string().min(1),
  text: z.string(),
  mentionBot: z.boolean().default(true),
});
const act = z.discriminatedUnion('kind', [click, text]);
const travel = z.union([
  z.object({
    by: z
      .number()
      .int()
      .positive()
      .max(366 * 24 * 3600_000),
  }),
  z.object({ to: z.string().datetime({ offset: true }) }),
  z.object({ next: z.literal(true) }),
]);
const faults = z.object({
  status5xx: z.number().min(0).max(1).default(0),
  rateLimit429: z.number().min(0).max(1).default(0),
  timeoutRate: z.number().min(0).max(1).default(0),
  timeoutMs: z.number().int().min(100).max(60_000).default(5000),
  seed: z.number().int().optional(),
});

export function sandboxRoute(deps: SandboxPageDeps): Hono {
  const route = new Hono();
  route.get('/sandbox', (c) => c.html(renderPageHtml({ appName: deps.sim.appName, tz: deps.tz })));
  route.get('/sandbox/client.js', async (c) =>
    c.body(await deps.clientScript(), 200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-cache' }),
  );

  route.get('/sandbox/api/state', async (c) => {
    const as = c.req.query('as') ?? '';
    const chatId = c.req.query('chat') ?? '';
    const limit = Math.min(Number(c.req.query('limit') ?? 60) || 60, 500);
    const people = await deps.people();
    const chats = as ? listChats(deps.sim, as) : [];
    const chat = chats.find((ch) => ch.chatId === chatId);
    const next = await deps.nextDueAt();
    return c.json({
      revision: revision(deps),
      now: deps.clock.now().getTime(),
      offsetMs: deps.clock.offsetMs(),
      utcOffset: DateTime.fromJSDate(deps.clock.now()).setZone(deps.tz).toFormat('ZZZ'),
      nextDueAt: next?.getTime() ?? null,
      people,
      chats,
      conversation: chat ? { chatId: chat.chatId, name: chat.name, kind: chat.kind, ...listMessages(deps.sim, chat.chatId, limit) } : null,
      panel: describeSimulator(deps.sim),
    });
  });

  route.post('/sandbox/api/act', async (c) => {
    const body = parse(act, await readJson(c.req.raw), '操作');
    const url = deps.botEventsUrl();
    return c.json(body.kind === 'click' ? await clickCard(deps.sim, url, body) : await sendText(deps.sim, url, body));
  });

  route.post('/sandbox/api/clock', async (c) => {
    const body = parse(travel, await readJson(c.req.raw), '时间调整');
    const target: TravelTarget = 'by' in body ? { by: body.by } : 'to' in body ? { to: new Date(body.to) } : { next: true };
    const r = await deps.travel(target);
    return c.json({ from: r.from.getTime(), to: r.to.getTime(), tick: r.tick, nextDueAt: r.nextDueAt?.getTime() ?? null });
  });

  route.post('/sandbox/api/faults', async (c) => {
    const body = parse(faults, await readJson(c.req.raw), '故障设置');
    deps.sim.injectFaults(body);
    return c.json({ faults: deps.sim.faults.current() });
  });
  route.post('/sandbox/api/revoke-tokens', async (c) => {
    await readJson(c.req.raw);
    deps.sim.revokeTokens();
    return c.json({ revoked: true });
  });

  route.get('/sandbox/api/stream', (c) =>
    streamSSE(c, async (stream) => {
      let last = '';
      let quietFor = 0;
      const poll = deps.pollMs ?? 250;
      while (!stream.aborted && !stream.closed) {
        const rev = revision(deps);
        if (rev !== last) {
          last = rev;
          quietFor = 0;
          await stream.writeSSE({ event: 'change', data: rev });
        } else if ((quietFor += poll) >= 15_000) {
          quietFor = 0;
          await stream.writeSSE({ event: 'ping', data: '' });
        }
        await stream.sleep(poll);
      }
    }),
  );
  return route;
}

function revision(deps: SandboxPageDeps): string {
  // The clock's minute is part of it, so the page's clock and deadlines stay current.
  return simulatorRevision(deps.sim, `${deps.clock.offsetMs()}:${Math.floor(deps.clock.now().getTime() / 60_000)}`);
}

/** JSON bodies only: a cross-site form cannot send application/json without a preflight. */
async function readJson(request: Request): Promise<unknown> {
  if (!(request.headers.get('content-type') ?? '').includes('application/json'))
    throw new AppError('invalid_argument', '请求须为 JSON（Content-Type: application/json）');
  try {
    return await request.json();
  } catch {
    throw new AppError('invalid_argument', '请求体不是有效的 JSON');
  }
}

function parse<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const problems = r.error.issues.map((i) => `${i.path.join('.') || '请求'}：${i.message}`).join('；');
  throw new AppError('invalid_argument', `${what}的参数不对：${problems}`);
}
