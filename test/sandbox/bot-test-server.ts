// A tiny stand-in for the bot's /lark/events endpoint that checks what the simulator sends the way
// lark-platform.md §1.2–1.4 says a bot must: challenge first (no signature), then the SHA-256
// signature over the raw bytes and a ±5 min timestamp window, then decryption and the token.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Hono } from 'hono';
import { serve } from '@hono/node-server';
import { decryptLarkPayload, signLarkRequest } from '../../src/lark/lark-crypto.ts';

export interface ReceivedEvent {
  headers: Record<string, string>;
  raw: string;
  payload: Record<string, unknown>;
}

export interface BotTestServer {
  url: string;
  received: ReceivedEvent[];
  /** Sets the answer to card callbacks (default: a success toast). */
  answerCards(body: unknown): void;
  close(): Promise<void>;
}

export async function startBotTestServer(opts: { encryptKey: string; verificationToken: string; now: () => Date }): Promise<BotTestServer> {
  const received: ReceivedEvent[] = [];
  let cardAnswer: unknown = { toast: { type: 'success', content: '已记录' } };
  const app = new Hono();
  app.post('/lark/events', async (c) => {
    const raw = await c.req.text();
    const outer = JSON.parse(raw) as { encrypt?: string };
    const plain = outer.encrypt ? decryptLarkPayload(outer.encrypt, opts.encryptKey) : raw;
    const payload = JSON.parse(plain) as Record<string, unknown>;
    if (payload.type === 'url_verification') {
      if (payload.token !== opts.verificationToken) return c.json({ error: 'bad token' }, 403);
      return c.json({ challenge: payload.challenge });
    }
    const timestamp = c.req.header('x-lark-request-timestamp') ?? '';
    const nonce = c.req.header('x-lark-request-nonce') ?? '';
    if (signLarkRequest(timestamp, nonce, opts.encryptKey, raw) !== c.req.header('x-lark-signature'))
      return c.json({ error: 'bad signature' }, 401);
    if (Math.abs(opts.now().getTime() / 1000 - Number(timestamp)) > 300) return c.json({ error: 'stale' }, 401);
    const header = payload.header as { token?: string } | undefined;
    if ((header?.token ?? payload.token) !== opts.verificationToken) return c.json({ error: 'bad token' }, 403);
    received.push({ headers: Object.fromEntries(Object.entries(c.req.header())), raw, payload });
    return c.json(header && (payload.header as { event_type?: string }).event_type === 'card.action.trigger' ? cardAnswer : {});
  });
  const server = await new Promise<Server>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s as Server));
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/lark/events`,
    received,
    answerCards: (body) => void (cardAnswer = body),
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
