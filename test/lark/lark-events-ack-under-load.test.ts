// Acks are not starved by the processing after them: the real app on a real socket, processing
// wired as the Node server wires it (one run at a time), and a message handler that holds the
// event loop as the real ones do (queries over better-sqlite3 resolve without returning to it).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { afterEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/core/clock.ts';
import { silentLogger } from '../../src/core/logger.ts';
import { createApp } from '../../src/http/create-app.ts';
import { createSingleFlight } from '../../src/runtime/create-single-flight.ts';
import { createTempDb, type TempDb } from '../helpers/temp-db.ts';
import {
  BOT_OPEN_ID,
  ENCRYPT_KEY,
  NOW,
  VERIFICATION_TOKEN,
  encryptedSigned,
  messageEvent,
  type SignedRequest,
} from './lark-event-fixtures.ts';

/** Queries each message costs its handler: a few ms of event loop held, like a 进度 report. */
const QUERIES_PER_MESSAGE = 10;
const BACKLOG = 20;
const ARRIVING_LATER = 5;

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (let c = cleanups.pop(); c; c = cleanups.pop()) await c();
});

function message(i: number): SignedRequest {
  return encryptedSigned(messageEvent({ eventId: `ev_load_${i}`, messageId: `om_load_${i}`, text: '@_user_1 进度' }), { nonce: `n-${i}` });
}

/** One POST over `agent`'s kept-alive sockets, so an answer waits on the server, not on a connect. */
function post(url: string, agent: http.Agent, request: SignedRequest): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', agent, headers: request.headers }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(request.body);
  });
}

async function startServer(db: TempDb, onMessage: (messageId: string) => Promise<void>) {
  const clock = fixedClock(NOW);
  const errors: unknown[] = [];
  const flight = createSingleFlight((error) => errors.push(error));
  const app = createApp({
    logger: silentLogger,
    mode: 'live',
    checkReadiness: async () => ({ ready: true, problems: [] }),
    lark: {
      db: db.prisma,
      logger: silentLogger,
      now: () => clock.now(),
      botOpenId: () => BOT_OPEN_ID,
      encryptKey: ENCRYPT_KEY,
      verificationToken: VERIFICATION_TOKEN,
      // As src/runtime/start-lark-channel.ts does.
      afterAck: (work) => flight.run(work),
      onCardAction: async () => ({}),
      handlers: {
        onMessage: (event) => onMessage(event.messageId),
        onBotAdded: async () => {},
        onP2pCreated: async () => {},
      },
    },
  });
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const agent = new http.Agent({ keepAlive: true, maxSockets: ARRIVING_LATER });
  cleanups.push(async () => {
    agent.destroy();
    await flight.idle();
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      if ('closeAllConnections' in server) server.closeAllConnections();
    });
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/lark/events`, agent, flight, errors };
}

describe('POST /lark/events under load', () => {
  it('answers events that arrive while a backlog is processed before the backlog is done, one processor at a time', async () => {
    const db = await createTempDb();
    cleanups.push(() => db.cleanup());
    let active = 0;
    let maxActive = 0;
    const handled: string[] = [];
    let releaseBacklog!: () => void;
    const backlogAcked = new Promise<void>((resolve) => (releaseBacklog = resolve));
    const later: Array<Promise<{ status: number; handledWhenSent: number; handledWhenAnswered: number }>> = [];
    let laterSent!: () => void;
    const sent = new Promise<void>((resolve) => (laterSent = resolve));
    const sendLater = () => {
      for (let i = BACKLOG; i < BACKLOG + ARRIVING_LATER; i++) {
        const handledWhenSent = handled.length;
        later.push(
          post(server.url, server.agent, message(i)).then((status) => ({ status, handledWhenSent, handledWhenAnswered: handled.length })),
        );
      }
      laterSent();
    };
    const server = await startServer(db, async (messageId) => {
      active++;
      maxActive = Math.max(maxActive, active);
      await backlogAcked; // the first run starts before the whole backlog is in
      if (handled.length >= 2 && later.length === 0) sendLater();
      for (let q = 0; q < QUERIES_PER_MESSAGE; q++) await db.prisma.inboundEvent.count();
      handled.push(messageId);
      active--;
    });

    const backlog = await Promise.all(Array.from({ length: BACKLOG }, (_, i) => post(server.url, server.agent, message(i))));
    expect(backlog).toEqual(Array(BACKLOG).fill(200));
    releaseBacklog();

    await sent;
    const answers = await Promise.all(later);
    expect(maxActive).toBe(1);
    expect(answers.map((a) => a.status)).toEqual(Array(ARRIVING_LATER).fill(200));
    // Sent while the third message was handled; answered within a message or two, not once the
    // rest of the backlog was done (each message processed without a pause: the old way).
    for (const a of answers) {
      expect(a.handledWhenSent).toBe(2);
      expect(a.handledWhenAnswered - a.handledWhenSent).toBeLessThanOrEqual(3);
    }
    await server.flight.idle();
    expect(handled).toHaveLength(BACKLOG + ARRIVING_LATER);
    expect(new Set(handled).size).toBe(BACKLOG + ARRIVING_LATER);
    expect(maxActive).toBe(1);
    expect(server.errors).toEqual([]);
    expect(await db.prisma.inboundEvent.count({ where: { status: 'processed' } })).toBe(BACKLOG + ARRIVING_LATER);
  });
});
