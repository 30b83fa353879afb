// The real app (createApp) with POST /lark/events on a real migrated SQLite, fake handlers at the
// edge that record what they were given, a fixed clock, and afterAck work collected so a test can
// await it — or drop it, to play a crash after the 200.
import type { Hono } from 'hono';
import type { LarkEventHandlers } from '../../src/app/lark/lark-inbound-deps.ts';
import { fixedClock } from '../../src/core/clock.ts';
import { silentLogger, type Logger } from '../../src/core/logger.ts';
import { createApp } from '../../src/http/create-app.ts';
import type { LarkRouteDeps } from '../../src/http/routes/lark-events.ts';
import type { CardActionResponse, LarkCardActionEvent, LarkInboundEvent } from '../../src/lark/inbound/lark-inbound-event.ts';
import { createTempDb, type TempDb } from '../helpers/temp-db.ts';
import { BOT_OPEN_ID, NOW } from './lark-event-fixtures.ts';

export interface Harness {
  app: Hono;
  db: TempDb;
  deps: LarkRouteDeps;
  clock: ReturnType<typeof fixedClock>;
  handled: LarkInboundEvent[];
  cardActions: LarkCardActionEvent[];
  pending: Array<() => Promise<unknown>>;
  logLines: Array<{ fields: Record<string, unknown>; message: string }>;
  post(body: string | Uint8Array | ReadableStream<Uint8Array>, headers?: Record<string, string>): Promise<Response>;
  settle(): Promise<void>;
  rowCount(): Promise<number>;
}

export interface HarnessOptions {
  encryptKey?: string;
  verificationToken?: string;
  db?: TempDb;
  cardAnswer?: (event: LarkCardActionEvent) => Promise<CardActionResponse>;
  handlers?: Partial<LarkEventHandlers>;
}

export async function createHarness(options: HarnessOptions = {}): Promise<Harness> {
  const db = options.db ?? (await createTempDb());
  const clock = fixedClock(NOW);
  const handled: LarkInboundEvent[] = [];
  const cardActions: LarkCardActionEvent[] = [];
  const pending: Array<() => Promise<unknown>> = [];
  const logLines: Harness['logLines'] = [];
  const record = (fields: Record<string, unknown>, message: string) => void logLines.push({ fields, message });
  const logger: Logger = { ...silentLogger, info: record, warn: record, error: record };
  const deps: LarkRouteDeps = {
    db: db.prisma,
    logger,
    now: () => clock.now(),
    botOpenId: () => BOT_OPEN_ID,
    encryptKey: options.encryptKey,
    verificationToken: options.verificationToken,
    afterAck: (work) => void pending.push(work),
    onCardAction: async (event) => {
      cardActions.push(event);
      return options.cardAnswer ? options.cardAnswer(event) : { toast: { type: 'success', content: '已记录入户' } };
    },
    handlers: {
      onMessage: options.handlers?.onMessage ?? (async (e) => void handled.push(e)),
      onBotAdded: options.handlers?.onBotAdded ?? (async (e) => void handled.push(e)),
      onP2pCreated: options.handlers?.onP2pCreated ?? (async (e) => void handled.push(e)),
    },
  };
  const app = createApp({ logger, mode: 'sandbox', checkReadiness: async () => ({ ready: true, problems: [] }), lark: deps });
  return {
    app,
    db,
    deps,
    clock,
    handled,
    cardActions,
    pending,
    logLines,
    post: (body, headers = { 'content-type': 'application/json' }) => {
      const init: RequestInit & { duplex?: 'half' } = { method: 'POST', body, headers };
      if (body instanceof ReadableStream) init.duplex = 'half';
      return Promise.resolve(app.request('/lark/events', init));
    },
    settle: async () => {
      for (let work = pending.shift(); work; work = pending.shift()) await work();
    },
    rowCount: () => db.prisma.inboundEvent.count(),
  };
}
