// globalSetup of the workers suite, on Node: the Lark simulator (its Open API, where the Worker's
// outbox sends) and a small control API for the tests inside workerd, which cannot reach the
// simulator's in-memory state: add users and chats, get an event signed and encrypted exactly as
// Lark sends it (to pass to the Worker's fetch), and read what a chat received.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import type { TestProject } from 'vitest/node';
import { prepareEventForBot, type PostOptions, type SimEvent } from '../../src/sandbox/simulator/post-to-bot.ts';
import { startLarkSimulator } from '../../src/sandbox/simulator/start-lark-simulator.ts';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const sim = await startLarkSimulator({ now: () => new Date(), encryptKey: 'workers encrypt key', verificationToken: 'workers-token' });
  const control = new Hono();
  control.post('/users', async (c) => {
    for (const u of (await c.req.json()) as { openId: string; name: string }[]) sim.addUser(u);
    return c.json({ ok: true });
  });
  control.post('/chats', async (c) => {
    for (const chat of (await c.req.json()) as { chatId: string; name: string; members: string[] }[]) sim.addChat(chat);
    return c.json({ ok: true });
  });
  control.post('/prepare', async (c) => {
    const { event, options } = (await c.req.json()) as { event: SimEvent; options?: PostOptions };
    const { built, raw, headers } = prepareEventForBot(sim, event, options);
    return c.json({ eventId: built.eventId, raw, headers });
  });
  control.get('/messages/:id', (c) => c.json(sim.messagesIn(c.req.param('id'))));
  const server = await new Promise<Server>((resolve) => {
    const s = serve({ fetch: control.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s as Server));
  });
  const { port } = server.address() as AddressInfo;
  project.provide('larkControl', {
    url: `http://127.0.0.1:${port}`,
    simulatorUrl: sim.url,
    appId: sim.appId,
    appSecret: sim.appSecret,
    encryptKey: sim.encryptKey,
    verificationToken: sim.verificationToken,
    botOpenId: sim.botOpenId,
  });
  return async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await sim.close();
  };
}
