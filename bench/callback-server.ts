// The server side of bench/callback.bench.ts and bench/ingest.bench.ts, in its own process so the
// load generator does not share its CPU: `product` (the real /lark/events route, engine and SQLite,
// tuned as the server tunes it; `ack-only`: the same without the processing after the ack), `bare` (a Hono route that answers {} at once), `sdk` (the SDK's
// adaptDefault + EventDispatcher decrypting the same payloads). `kind`: `card` (card.action.trigger
// callbacks that move a case) or `message` (im.message.receive_v1: officers' commands to the bot).
// Usage: tsx bench/callback-server.ts <mode> <bodies file> <count> [card|message]
// Prints one JSON line: { url, bodiesFile, dbFile? } (dbFile: the product's SQLite file).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { serve } from '@hono/node-server';
import * as lark from '@larksuiteoapi/node-sdk';
import { Hono } from 'hono';
import { sendCaseEvent } from '../src/app/cases/send-case-event.ts';
import { buildLarkChannel } from '../src/app/lark/build-lark-channel.ts';
import { silentLogger } from '../src/core/logger.ts';
import { createApp } from '../src/http/create-app.ts';
import { encryptLarkPayload, signLarkRequest } from '../src/lark/lark-crypto.ts';
import { createLarkClient } from '../src/lark/outbox/create-lark-client.ts';
import { tunePrisma } from '../src/db/create-prisma.ts';
import { createSingleFlight } from '../src/runtime/create-single-flight.ts';
import { createCampaign } from '../test/helpers/engine-fixture.ts';

const [mode, bodiesFile, countArg, kindArg] = process.argv.slice(2);
const kind = kindArg === 'message' ? 'message' : 'card';
const encryptKey = 'bench encrypt key';
const verificationToken = 'bench-token';
const count = Number(countArg ?? '20000');
let dbFile: string | undefined;

/** One signed, encrypted request as Lark sends it. */
function signed(body: unknown, i: number, now: number): { body: string; headers: Record<string, string> } {
  const raw = JSON.stringify({ encrypt: encryptLarkPayload(JSON.stringify(body), encryptKey) });
  const nonce = `n${i}`;
  return {
    body: raw,
    headers: {
      'content-type': 'application/json',
      'x-lark-request-timestamp': String(now),
      'x-lark-request-nonce': nonce,
      'x-lark-signature': signLarkRequest(String(now), nonce, encryptKey, raw),
    },
  };
}

const header = (eventId: string, eventType: string, now: number) => ({
  event_id: eventId,
  token: verificationToken,
  create_time: `${now}000`,
  event_type: eventType,
  tenant_key: 't',
  app_id: 'cli_bench',
});

/** What officers type to the bot in their work group (@bot), in turn: 进度, 我的, 帮助, 查 <档案编号>. */
function messageBodies(archiveNos: string[]): { body: string; headers: Record<string, string> }[] {
  const now = Math.floor(Date.now() / 1000);
  const texts = ['@_user_1 进度', '@_user_1 我的', '@_user_1 帮助'];
  return Array.from({ length: count }, (_, i) => {
    const text = i % 4 === 3 ? `@_user_1 查 ${archiveNos[i % archiveNos.length] ?? ''}` : texts[i % 4]!;
    return signed(
      {
        schema: '2.0',
        header: header(`bench-msg-${i}`, 'im.message.receive_v1', now),
        event: {
          sender: {
            sender_id: { open_id: 'ou_officer', union_id: 'on_officer', user_id: 'u_officer' },
            sender_type: 'user',
            tenant_key: 't',
          },
          message: {
            message_id: `om_bench_${i}`,
            create_time: `${now}000`,
            chat_id: 'oc_work',
            chat_type: 'group',
            message_type: 'text',
            content: JSON.stringify({ text }),
            mentions: [{ key: '@_user_1', id: { open_id: 'ou_bot', union_id: 'on_bot' }, name: '户户清', tenant_key: 't' }],
          },
        },
      },
      i,
      now,
    );
  });
}

async function product(): Promise<string> {
  const openedAt = new Date();
  const campaign = await createCampaign({ households: 200, openedAt, deadline: '2026-12-31' });
  // As the server runs it (src/runtime/node.ts): a larger page cache, synchronous = NORMAL under WAL.
  await tunePrisma(campaign.db.prisma);
  dbFile = campaign.db.file;
  if (kind === 'message') {
    const households = await campaign.db.prisma.household.findMany({ select: { archiveNo: true } });
    writeFileSync(bodiesFile!, JSON.stringify(messageBodies(households.map((h) => h.archiveNo))));
  } else {
    await writeCallbacks(campaign);
  }
  // As the server runs it (src/runtime/start-lark-channel.ts): one processing run at a time.
  const processing = createSingleFlight(() => {});
  const larkHandle = createLarkClient({ appId: 'cli_bench', appSecret: 'x', domain: 'http://127.0.0.1:9', now: () => new Date() });
  const channel = buildLarkChannel({
    engine: campaign.deps,
    lark: larkHandle,
    logger: silentLogger,
    now: () => new Date(),
    sleep: async () => {},
    botOpenId: () => 'ou_bot',
  });
  const app = createApp({
    logger: silentLogger,
    mode: 'live',
    checkReadiness: async () => ({ ready: true, problems: [] }),
    lark: {
      ...channel.inbound,
      encryptKey,
      verificationToken,
      // ack-only: events are persisted and acknowledged, their processing left to the sweep (never, here).
      afterAck: mode === 'ack-only' ? () => {} : (w) => processing.run(w),
    },
  });
  return listen(app.fetch);
}

/** Every callback: PROGRESS on 落实帮扶 (a real transition: restore, guard, action, persist, audit, card). */
async function writeCallbacks(campaign: Awaited<ReturnType<typeof createCampaign>>): Promise<void> {
  const officer = campaign.people.officer;
  const forms: [string, Record<string, unknown>][] = [
    ['VERIFIED', { persons: 3, causes: ['收入低'], visit_date: '2026-01-05' }],
    ['CLASSIFIED', { causes: ['收入低'], tier: '相对困难' }],
    ['PLANNED', { measures: ['就业帮扶'], responsible: '总工会' }],
  ];
  for (const caseId of campaign.caseIds)
    for (const [type, form] of forms)
      await sendCaseEvent(campaign.deps, { caseId, type, form, operator: officer, source: 'admin', now: new Date() });
  const now = Math.floor(Date.now() / 1000);
  const requests = Array.from({ length: count }, (_, i) => {
    const caseId = campaign.caseIds[i % campaign.caseIds.length]!;
    return signed(
      {
        schema: '2.0',
        header: header(`bench-${i}`, 'card.action.trigger', now),
        event: {
          operator: { open_id: 'ou_officer' },
          token: `c-${i}`,
          action: {
            tag: 'button',
            name: 's_PROGRESS',
            value: { a: 'event', caseId, event: 'PROGRESS', state: 'implementing', v: 0 },
            form_value: { f_PROGRESS__progress: `第 ${i} 次进展` },
          },
          // Each household's card is one message that its officer keeps using.
          context: { open_message_id: `om_case${caseId}`, open_chat_id: 'oc_work' },
        },
      },
      i,
      now,
    );
  });
  writeFileSync(bodiesFile!, JSON.stringify(requests));
}

async function bare(): Promise<string> {
  const app = new Hono();
  app.post('/lark/events', async (c) => {
    await c.req.text();
    return c.json({});
  });
  return listen(app.fetch);
}

async function sdk(): Promise<string> {
  const dispatcher = new lark.EventDispatcher({ encryptKey, verificationToken, loggerLevel: lark.LoggerLevel.error }).register({
    'card.action.trigger': async () => ({ toast: { type: 'success', content: '已提交' } }),
    'im.message.receive_v1': async () => {},
  } as never);
  const server = http.createServer(lark.adaptDefault('/lark/events', dispatcher, { autoChallenge: true }));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/lark/events`;
}

async function listen(fetch: (req: Request) => Response | Promise<Response>): Promise<string> {
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/lark/events`;
}

const url = mode === 'product' || mode === 'ack-only' ? await product() : mode === 'bare' ? await bare() : await sdk();
console.log(JSON.stringify({ url, bodiesFile: path.resolve(bodiesFile ?? ''), ...(dbFile ? { dbFile } : {}) }));
process.on('SIGINT', () => process.exit(0));
if (process.env.PROFILE_TO) {
  // Profile only the request path (set up above is excluded): written when the parent sends SIGUSR2.
  const inspector = await import('node:inspector/promises');
  const { writeFileSync: write } = await import('node:fs');
  const session = new inspector.Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  process.on('SIGUSR2', () => {
    void session.post('Profiler.stop').then((r) => {
      write(process.env.PROFILE_TO!, JSON.stringify((r as { profile: unknown }).profile));
      process.exit(0);
    });
  });
}
