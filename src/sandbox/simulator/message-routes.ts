// POST /open-apis/im/v1/messages and …/:message_id/reply (lark-platform.md §3.1): target checks
// (230002, 230034, 232009), content checks (230001, 230025, 230099), uuid idempotency, and the
// 5/s budget per chat or per user (230020, HTTP 400).
import type { Hono } from 'hono';
import type { SimulatorCore } from './simulator-core.ts';
import type { SimChat } from './simulator-state.ts';
import { findP2pChat } from './simulator-state.ts';
import { fail, ok, readJsonObject, sendResult, THROTTLED_230020, type LarkResult, type SimEnv } from './lark-reply.ts';
import { API, gate, type Holds } from './gateway.ts';
import { checkContent } from './check-content.ts';
import { findByUuid, messageData, storeBotMessage } from './store-message.ts';
import { SECOND } from './rate-windows.ts';
import { newChatId, unionIdOf } from './lark-ids.ts';

const RECEIVE_ID_TYPES = new Set(['open_id', 'user_id', 'union_id', 'email', 'chat_id']);

export function mountMessageRoutes(app: Hono<SimEnv>, core: SimulatorCore, holds: Holds): void {
  app.post('/open-apis/im/v1/messages', gate(core, API.send, holds), async (c) => {
    const { raw, body } = await readJsonObject(c);
    if (!body) return sendResult(c, fail(230001, 'the request body must be a JSON object'));
    const type = c.req.query('receive_id_type') ?? '';
    if (!RECEIVE_ID_TYPES.has(type))
      return sendResult(c, fail(230001, `invalid receive_id_type "${type}": use one of ${[...RECEIVE_ID_TYPES].join(', ')}`));
    if (typeof body.receive_id !== 'string' || typeof body.msg_type !== 'string')
      return sendResult(c, fail(230001, 'receive_id and msg_type are required strings'));
    const target = resolveTarget(core, type, body.receive_id);
    if ('code' in target) return sendResult(c, target);
    return sendResult(c, deliver(core, target, body, raw, {}));
  });

  app.post('/open-apis/im/v1/messages/:message_id/reply', gate(core, API.reply, holds), async (c) => {
    const { raw, body } = await readJsonObject(c);
    if (!body) return sendResult(c, fail(230001, 'the request body must be a JSON object'));
    if (typeof body.msg_type !== 'string') return sendResult(c, fail(230001, 'msg_type is required'));
    const parent = core.state.messages.get(c.req.param('message_id'));
    if (!parent) return sendResult(c, fail(230001, `invalid message_id: ${c.req.param('message_id')} does not exist`));
    const chat = core.state.chats.get(parent.chatId);
    if (!chat) return sendResult(c, fail(232009, 'the chat of this message was dissolved'));
    if (!chat.botInChat) return sendResult(c, fail(230002, 'Bot/User can NOT be out of the chat.'));
    const links = { rootId: parent.rootId ?? parent.messageId, parentId: parent.messageId };
    return sendResult(c, deliver(core, { chat, perKey: perKeyOf(chat) }, body, raw, links));
  });
}

interface Target {
  chat: SimChat;
  perKey: string;
}

function deliver(
  core: SimulatorCore,
  target: Target,
  body: Record<string, unknown>,
  raw: string,
  links: { rootId?: string; parentId?: string },
): LarkResult {
  const msgType = String(body.msg_type);
  const problem = checkContent(msgType, body.content, raw);
  if (problem) return problem;
  const uuid = typeof body.uuid === 'string' ? body.uuid : undefined;
  if (uuid && uuid.length > 50) return fail(230001, 'uuid must be at most 50 characters');
  const earlier = findByUuid(core, uuid);
  if (earlier) {
    core.state.counters.idempotentReplays += 1;
    return ok(messageData(core, earlier));
  }
  const verdict = core.limits.hit([{ key: target.perKey, limit: 5, windowMs: SECOND }], core.now().getTime());
  if (verdict.limited) {
    core.state.counters.throttled230020 += 1;
    return THROTTLED_230020(target.perKey.startsWith('chat:') ? 'to the same chat' : 'to the same user');
  }
  const message = storeBotMessage(core, { chatId: target.chat.chatId, msgType, content: String(body.content), uuid, ...links });
  return ok(messageData(core, message));
}

const perKeyOf = (chat: SimChat): string => (chat.chatType === 'p2p' ? `user:${chat.members[0]}` : `chat:${chat.chatId}`);

function resolveTarget(core: SimulatorCore, type: string, id: string): Target | LarkResult {
  if (type === 'chat_id') {
    const chat = core.state.chats.get(id);
    if (!chat) return fail(232009, `the chat ${id} does not exist or was dissolved`);
    if (!chat.botInChat) return fail(230002, 'Bot/User can NOT be out of the chat.');
    return { chat, perKey: perKeyOf(chat) };
  }
  const user = [...core.state.users.values()].find((u) =>
    type === 'open_id'
      ? u.openId === id
      : type === 'email'
        ? u.email === id
        : type === 'user_id'
          ? u.userId === id
          : unionIdOf(u.openId) === id,
  );
  if (!user) return fail(230034, `invalid receive_id: no user with ${type} ${id}`);
  let chat = findP2pChat(core.state, user.openId);
  if (!chat) {
    chat = { chatId: newChatId(), name: user.name, members: [user.openId], botInChat: true, chatType: 'p2p' };
    core.state.chats.set(chat.chatId, chat);
  }
  return { chat, perKey: `user:${user.openId}` };
}
