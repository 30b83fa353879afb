// PATCH /open-apis/im/v1/messages/:message_id (update a sent card, §3.2) and
// PATCH …/:message_id/urgent_app (buzz, §3.3).
import type { Hono } from 'hono';
import type { SimulatorCore } from './simulator-core.ts';
import { fail, ok, readJsonObject, sendResult, THROTTLED_230020, type LarkResult, type SimEnv } from './lark-reply.ts';
import { API, gate, type Holds } from './gateway.ts';
import { checkContent } from './check-content.ts';
import { SECOND } from './rate-windows.ts';

const PATCH_WINDOW_MS = 14 * 24 * 60 * 60 * 1000;
const MAX_UNREAD_BUZZES = 200;

export function mountPatchRoutes(app: Hono<SimEnv>, core: SimulatorCore, holds: Holds): void {
  app.patch('/open-apis/im/v1/messages/:message_id', gate(core, API.patch, holds), async (c) => {
    const { raw, body } = await readJsonObject(c);
    if (!body) return sendResult(c, fail(230001, 'the request body must be a JSON object'));
    return sendResult(c, patchMessage(core, c.req.param('message_id'), body, raw));
  });

  app.patch('/open-apis/im/v1/messages/:message_id/urgent_app', gate(core, API.urgent, holds), async (c) => {
    const { body } = await readJsonObject(c);
    if (c.req.query('user_id_type') !== 'open_id') return sendResult(c, fail(230001, 'the simulator supports user_id_type=open_id only'));
    return sendResult(c, buzz(core, c.req.param('message_id'), body?.user_id_list));
  });
}

function patchMessage(core: SimulatorCore, messageId: string, body: Record<string, unknown>, raw: string): LarkResult {
  const message = core.state.messages.get(messageId);
  if (!message) return fail(230001, `invalid message_id: ${messageId} does not exist`);
  if (message.msgType !== 'interactive') return fail(230001, 'only interactive (card) messages can be updated');
  if (message.sender.type !== 'app' || message.sender.id !== core.appId) return fail(230001, 'only cards sent by this app can be updated');
  const now = core.now().getTime();
  if (now - message.createTime > PATCH_WINDOW_MS)
    return fail(230031, 'The message was sent more than 14 days ago and can no longer be updated.');
  const problem = checkContent('interactive', body.content, raw);
  if (problem) return problem;
  const verdict = core.limits.hit([{ key: `message:${messageId}`, limit: 5, windowMs: SECOND }], now);
  if (verdict.limited) {
    core.state.counters.throttled230020 += 1;
    return THROTTLED_230020('for the same message');
  }
  message.content = String(body.content);
  message.updateTime = now;
  message.edits.push({ at: now, content: message.content, via: 'patch' });
  core.state.counters.edits += 1;
  return ok({});
}

function buzz(core: SimulatorCore, messageId: string, list: unknown): LarkResult {
  if (!Array.isArray(list) || list.length === 0 || !list.every((id) => typeof id === 'string'))
    return fail(230001, 'user_id_list must be a non-empty array of open_ids');
  const message = core.state.messages.get(messageId);
  if (!message) return fail(230001, `invalid message_id: ${messageId} does not exist`);
  if (message.sender.type !== 'app' || message.sender.id !== core.appId)
    return fail(230012, 'The bot can only buzz messages it sent itself.');
  const chat = core.state.chats.get(message.chatId);
  if (!chat?.botInChat) return fail(230002, 'Bot/User can NOT be out of the chat.');
  const ids = list as string[];
  const valid = ids.filter((id) => chat.members.includes(id));
  const invalid = ids.filter((id) => !chat.members.includes(id));
  if (valid.length === 0) return fail(230001, 'none of the users in user_id_list is in the chat of this message');
  const full = valid.find((id) => (core.state.unreadBuzzes.get(id) ?? 0) >= MAX_UNREAD_BUZZES);
  if (full) return fail(230023, `user ${full} already has ${MAX_UNREAD_BUZZES} unread buzzes`);
  for (const id of valid) core.state.unreadBuzzes.set(id, (core.state.unreadBuzzes.get(id) ?? 0) + 1);
  message.urgent.push({ at: core.now().getTime(), userIds: valid });
  core.state.counters.buzzes += valid.length;
  return ok({ invalid_user_id_list: invalid });
}
