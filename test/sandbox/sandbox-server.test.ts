// The sandbox server without a browser: the page's JSON API (state, acting, time travel, faults,
// the event stream), its refusals, and a restart that keeps the database, the sandbox clock and
// the simulator's chat history.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseConfig, type Config } from '../../src/config/parse-config.ts';
import { silentLogger } from '../../src/core/logger.ts';
import { startNodeServer, type RunningServer } from '../../src/runtime/node.ts';
import { sandboxSnapshotFile } from '../../src/runtime/start-sandbox.ts';

const START = new Date('2025-11-10T10:00:00+08:00').getTime();
let dir: string;
let config: Config;
let server: RunningServer | undefined;
let realMs = START;

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'huhuqing-sandbox-'));
  config = parseConfig({ DATABASE_URL: `file:${path.join(dir, 'sandbox.db')}`, PORT: '0', LOG_LEVEL: 'silent' });
  realMs = START;
});
afterEach(async () => {
  await server?.close();
  server = undefined;
  rmSync(dir, { recursive: true, force: true });
});

const start = async (resetDemo = false) =>
  (server = await startNodeServer(config, silentLogger, { scheduler: false, resetDemo, realNow: () => new Date(realMs) }));

interface State {
  now: number;
  offsetMs: number;
  nextDueAt: number | null;
  people: { openId: string; name: string; role: string }[];
  chats: { chatId: string; name: string; kind: string; messages: number }[];
  conversation: {
    chatId: string;
    total: number;
    messages: { messageId: string; kind: string; html: string; senderOpenId: string | null }[];
  } | null;
  panel: { calls: unknown[]; faults: Record<string, number> };
}
const state = async (as = '', chat = ''): Promise<State> =>
  (await (await fetch(`${server!.url}/sandbox/api/state?${new URLSearchParams({ as, chat })}`)).json()) as State;
const post = (p: string, body: unknown, contentType = 'application/json') =>
  fetch(`${server!.url}${p}`, {
    method: 'POST',
    headers: { 'content-type': contentType },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
const waitFor = async <T>(read: () => Promise<T>, ok: (v: T) => boolean, ms = 10_000): Promise<T> => {
  const until = Date.now() + ms;
  for (;;) {
    const v = await read();
    if (ok(v) || Date.now() > until) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
};

describe('the sandbox server', () => {
  it('serves the page, its script, and the people and chats to act as (plus a group member who is not on the roster)', async () => {
    await start();
    const page = await fetch(`${server!.url}/sandbox`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('id="as-select"');
    const script = await fetch(`${server!.url}/sandbox/client.js`);
    expect(script.headers.get('content-type')).toContain('javascript');
    expect(await script.text()).toContain('/sandbox/api/act');
    // The console's sign-in page links to the sandbox.
    expect(await (await fetch(`${server!.url}/`)).text()).toContain('/sandbox');
    const s = await state();
    expect(s.now).toBeGreaterThanOrEqual(START);
    expect(new Set(s.people.map((p) => p.role))).toEqual(new Set(['admin', 'supervisor', 'officer', 'visitor']));
    const visitor = s.people.find((p) => p.role === 'visitor')!;
    const chats = (await state(visitor.openId)).chats;
    expect(chats.filter((c) => c.kind === 'group').length).toBeGreaterThanOrEqual(8);
    expect(chats[0]).toMatchObject({ kind: 'p2p', chatId: `p2p:${visitor.openId}` });
  });

  it('opens a direct chat on the first message, answers a command, and keeps a group message without @bot from the bot', async () => {
    await start();
    const officer = (await state()).people.find((p) => p.role === 'officer')!;
    const r = await post('/sandbox/api/act', { kind: 'text', as: officer.openId, chatId: `p2p:${officer.openId}`, text: '帮助' });
    expect(r.status).toBe(200);
    const { chatId } = (await r.json()) as { chatId: string };
    expect(chatId).toMatch(/^oc_/);
    const convo = await waitFor(
      () => state(officer.openId, chatId),
      (s) => (s.conversation?.messages.filter((m) => m.senderOpenId === null).length ?? 0) > 0,
    );
    const reply = convo.conversation!.messages.find((m) => m.senderOpenId === null)!;
    expect(reply.kind).toBe('card');
    expect(reply.html).toContain('lk-card');

    const group = (await state(officer.openId)).chats.find((c) => c.kind === 'group')!;
    const quiet = await post('/sandbox/api/act', {
      kind: 'text',
      as: officer.openId,
      chatId: group.chatId,
      text: '大家好',
      mentionBot: false,
    });
    expect(((await quiet.json()) as { status: number }).status).toBe(0); // not sent to the bot
    const inGroup = await state(officer.openId, group.chatId);
    expect(inGroup.conversation!.messages.some((m) => m.html.includes('大家好'))).toBe(true);
  });

  it('refuses what the Lark client could not do, with the fix: not JSON, unknown people, chats one is not in, bad time travel', async () => {
    await start();
    const s = await state();
    const officer = s.people.find((p) => p.role === 'officer')!;
    const form = await post('/sandbox/api/act', 'kind=text', 'application/x-www-form-urlencoded');
    expect(form.status).toBe(400);
    expect(((await form.json()) as { message: string }).message).toContain('JSON');
    const broken = await post('/sandbox/api/act', '{"kind":', 'application/json');
    expect(broken.status).toBe(400);
    const unknown = await post('/sandbox/api/act', { kind: 'text', as: 'ou_nobody', chatId: 'p2p:ou_nobody', text: '帮助' });
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { message: string }).message).toContain('当前身份');
    // A chat the officer is not in (another county's group).
    const mine = new Set((await state(officer.openId)).chats.map((c) => c.chatId));
    const admin = s.people.find((p) => p.role === 'admin')!;
    const other = (await state(admin.openId)).chats.find((c) => c.kind === 'group' && !mine.has(c.chatId))!;
    const outsider = await post('/sandbox/api/act', { kind: 'text', as: officer.openId, chatId: other.chatId, text: '帮助' });
    expect(outsider.status).toBe(403);
    expect(((await outsider.json()) as { message: string }).message).toContain('不在');
    const someoneElses = await post('/sandbox/api/act', { kind: 'text', as: officer.openId, chatId: `p2p:${admin.openId}`, text: '帮助' });
    expect(someoneElses.status).toBe(403);
    const missingValue = await post('/sandbox/api/act', { kind: 'click', as: officer.openId, messageId: 'om_x' });
    expect(missingValue.status).toBe(400);
    expect(((await missingValue.json()) as { message: string }).message).toContain('value');
    const back = await post('/sandbox/api/clock', { to: '2020-01-01T00:00:00+08:00' });
    expect(back.status).toBe(400);
    expect(((await back.json()) as { message: string }).message).toContain('只能向前');
    expect((await post('/sandbox/api/clock', { by: -5 })).status).toBe(400);
    expect((await post('/sandbox/api/faults', { status5xx: 3 })).status).toBe(400);
  });

  it('travels to the next due timer and runs the scheduler there; the event stream announces the change', async () => {
    await start();
    const before = await state();
    expect(before.nextDueAt).not.toBeNull();
    const stream = await fetch(`${server!.url}/sandbox/api/stream`);
    const reader = stream.body!.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    expect(first).toContain('event: change');
    const r = await post('/sandbox/api/clock', { next: true });
    expect(r.status).toBe(200);
    const trip = (await r.json()) as { to: number; tick: { claimed: number } };
    expect(trip.to).toBeGreaterThanOrEqual(before.nextDueAt!);
    expect(trip.tick.claimed).toBeGreaterThan(0);
    const next = new TextDecoder().decode((await reader.read()).value);
    expect(next).toContain('event: change');
    await reader.cancel();
    const after = await state();
    expect(after.offsetMs).toBeGreaterThan(0);
    expect(after.now).toBeGreaterThanOrEqual(trip.to);
  });

  it('keeps the data, the sandbox clock and the chat history over a restart; --reset-demo starts over', async () => {
    await start();
    const officer = (await state()).people.find((p) => p.role === 'officer')!;
    await post('/sandbox/api/act', { kind: 'text', as: officer.openId, chatId: `p2p:${officer.openId}`, text: '我的' });
    await waitFor(
      () => state(officer.openId),
      (s) => (s.chats[0]?.messages ?? 0) >= 2,
    );
    await post('/sandbox/api/clock', { by: 3 * 86_400_000 });
    const before = await state(officer.openId);
    await server!.close();
    server = undefined;
    expect(existsSync(sandboxSnapshotFile(config.databaseUrl))).toBe(true);

    await start();
    const after = await state(officer.openId);
    expect(after.offsetMs).toBe(before.offsetMs);
    expect(after.now).toBeGreaterThanOrEqual(START + 3 * 86_400_000);
    expect(after.chats[0]).toMatchObject({ chatId: before.chats[0]!.chatId, messages: before.chats[0]!.messages });
    await server!.close();
    server = undefined;

    await start(true);
    const fresh = await state(officer.openId);
    expect(fresh.offsetMs).toBe(0);
    expect(fresh.chats[0]!.chatId).not.toBe(before.chats[0]!.chatId); // the old direct chat is gone
  });
});
