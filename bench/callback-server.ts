// The server side of bench/callback.bench.ts, in its own process so the load generator does not
// share its CPU: `product` (the real /lark/events route, engine and SQLite), `bare` (a Hono route that
// answers {} at once), `sdk` (the SDK's adaptDefault + EventDispatcher decrypting the same payloads).
// Prints one JSON line: { url, bodiesFile }.
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
import { createCampaign } from '../test/helpers/engine-fixture.ts';

const [mode, bodiesFile, countArg] = process.argv.slice(2);
const encryptKey = 'bench encrypt key';
const verificationToken = 'bench-token';

async function product(): Promise<string> {
  const openedAt = new Date();
  const campaign = await createCampaign({ households: 200, openedAt, deadline: '2026-12-31' });
  const officer = campaign.people.officer;
  const forms: [string, Record<string, unknown>][] = [
    ['VERIFIED', { persons: 3, causes: ['收入低'], visit_date: '2026-01-05' }],
    ['CLASSIFIED', { causes: ['收入低'], tier: '相对困难' }],
    ['PLANNED', { measures: ['就业帮扶'], responsible: '总工会' }],
  ];
  for (const caseId of campaign.caseIds)
    for (const [type, form] of forms)
      await sendCaseEvent(campaign.deps, { caseId, type, form, operator: officer, source: 'admin', now: new Date() });
  // Every callback: PROGRESS on 落实帮扶 (a real transition: restore, guard, action, persist, audit, card).
  const count = Number(countArg ?? '20000');
  const now = Math.floor(Date.now() / 1000);
  const requests = [];
  for (let i = 0; i < count; i++) {
    const caseId = campaign.caseIds[i % campaign.caseIds.length]!;
    const body = {
      schema: '2.0',
      header: {
        event_id: `bench-${i}`,
        token: verificationToken,
        create_time: `${now}000000`,
        event_type: 'card.action.trigger',
        tenant_key: 't',
        app_id: 'cli_bench',
      },
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
    };
    const raw = JSON.stringify({ encrypt: encryptLarkPayload(JSON.stringify(body), encryptKey) });
    const nonce = `n${i}`;
    requests.push({
      body: raw,
      headers: {
        'content-type': 'application/json',
        'x-lark-request-timestamp': String(now),
        'x-lark-request-nonce': nonce,
        'x-lark-signature': signLarkRequest(String(now), nonce, encryptKey, raw),
      },
    });
  }
  writeFileSync(bodiesFile!, JSON.stringify(requests));
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
    lark: { ...channel.inbound, encryptKey, verificationToken, afterAck: (w) => void setImmediate(() => void w()) },
  });
  return listen(app.fetch);
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

const url = mode === 'product' ? await product() : mode === 'bare' ? await bare() : await sdk();
console.log(JSON.stringify({ url, bodiesFile: path.resolve(bodiesFile ?? '') }));
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
