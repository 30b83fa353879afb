// Events and callbacks shaped exactly as Lark pushes them (lark-platform.md §1.1, §1.2, §2.2, §5):
// schema 2.0 with header {event_id, token, create_time, event_type, tenant_key, app_id}; create_time
// in ms for im events and µs for card callbacks; p2p_chat_create in the legacy v1 shape. Building an
// event also changes the world as the platform would: the user's message exists, the card token is
// minted, the bot is in the chat.
import type { SimulatorCore } from './simulator-core.ts';
import type { SimChat } from './simulator-state.ts';
import { findP2pChat } from './simulator-state.ts';
import { mintCardToken } from './card-update-route.ts';
import { newChatId, newEventId, newMessageId, unionIdOf } from './lark-ids.ts';

export interface BuiltEvent {
  eventType: 'im.message.receive_v1' | 'card.action.trigger' | 'im.chat.member.bot.added_v1' | 'p2p_chat_create' | 'url_verification';
  /** event_id (v2) or uuid (v1); the challenge value for url_verification. */
  eventId: string;
  body: Record<string, unknown>;
  messageId?: string;
  cardToken?: string;
  operatorOpenId?: string;
}

export interface MessageEventInput {
  chatId: string;
  senderOpenId: string;
  /** What the user typed after the @mentions. */
  text: string;
  /** @bot first (default: true in groups, false in direct chats). */
  mentionBot?: boolean;
  /** Other people @mentioned after the bot. */
  mentionOpenIds?: string[];
}
export interface CardActionInput {
  messageId: string;
  operatorOpenId: string;
  value: Record<string, unknown>;
  /** The clicked component's name (the submit button's, for forms). */
  name?: string;
  tag?: string;
  formValue?: Record<string, string | string[]>;
}
export interface BotAddedInput {
  chatId: string;
  operatorOpenId: string;
}

function header(core: SimulatorCore, eventType: string, createTime: string) {
  return {
    event_id: newEventId(),
    token: core.verificationToken,
    create_time: createTime,
    event_type: eventType,
    tenant_key: core.tenantKey,
    app_id: core.appId,
  };
}
function userIds(core: SimulatorCore, openId: string): Record<string, string> {
  const userId = core.state.users.get(openId)?.userId;
  return { union_id: unionIdOf(openId), ...(userId ? { user_id: userId } : {}), open_id: openId };
}
function envelope(core: SimulatorCore, eventType: BuiltEvent['eventType'], createTime: string, event: Record<string, unknown>) {
  const h = header(core, eventType, createTime);
  return { eventId: h.event_id, body: { schema: '2.0', header: h, event } };
}

export function buildMessageEvent(core: SimulatorCore, input: MessageEventInput): BuiltEvent {
  const chat = core.state.chats.get(input.chatId);
  if (!chat) throw new Error(`buildMessageEvent: add chat ${input.chatId} to the simulator first`);
  const at = core.now().getTime();
  const people = [...((input.mentionBot ?? chat.chatType === 'group') ? [core.botOpenId] : []), ...(input.mentionOpenIds ?? [])];
  const mentions = people.map((openId, i) => ({
    key: `@_user_${i + 1}`,
    id: openId === core.botOpenId ? { union_id: unionIdOf(openId), user_id: '', open_id: openId } : userIds(core, openId),
    name: openId === core.botOpenId ? core.appName : (core.state.users.get(openId)?.name ?? ''),
    tenant_key: core.tenantKey,
  }));
  const text = [...mentions.map((m) => m.key), input.text].join(' ');
  const content = JSON.stringify({ text });
  const messageId = newMessageId();
  core.state.messages.set(messageId, {
    messageId,
    chatId: chat.chatId,
    msgType: 'text',
    content,
    sender: { type: 'user', id: input.senderOpenId },
    createTime: at,
    updateTime: at,
    edits: [],
    urgent: [],
  });
  const message = {
    message_id: messageId,
    root_id: '',
    parent_id: '',
    create_time: String(at),
    update_time: String(at),
    chat_id: chat.chatId,
    thread_id: '',
    chat_type: chat.chatType,
    message_type: 'text',
    content,
    ...(mentions.length > 0 ? { mentions } : {}),
    user_agent: 'Mozilla/5.0 Lark/7.30.0',
  };
  const sender = { sender_id: userIds(core, input.senderOpenId), sender_type: 'user', tenant_key: core.tenantKey };
  const { eventId, body } = envelope(core, 'im.message.receive_v1', String(at), { sender, message });
  return { eventType: 'im.message.receive_v1', eventId, body, messageId, operatorOpenId: input.senderOpenId };
}

export function buildCardActionEvent(core: SimulatorCore, input: CardActionInput): BuiltEvent {
  const message = core.state.messages.get(input.messageId);
  if (!message) throw new Error(`buildCardActionEvent: message ${input.messageId} is not in the simulator`);
  const token = mintCardToken(core, message.messageId, { answered: false });
  const action: Record<string, unknown> = { value: input.value, tag: input.tag ?? 'button' };
  if (input.name !== undefined) action.name = input.name;
  if (input.formValue !== undefined) action.form_value = input.formValue;
  const event = {
    operator: { tenant_key: core.tenantKey, ...userIds(core, input.operatorOpenId) },
    token: token.token,
    action,
    host: 'im_message',
    context: { open_message_id: message.messageId, open_chat_id: message.chatId },
  };
  const { eventId, body } = envelope(core, 'card.action.trigger', String(core.now().getTime() * 1000), event);
  return {
    eventType: 'card.action.trigger',
    eventId,
    body,
    messageId: message.messageId,
    cardToken: token.token,
    operatorOpenId: input.operatorOpenId,
  };
}

export function buildBotAddedEvent(core: SimulatorCore, input: BotAddedInput): BuiltEvent {
  const chat = core.state.chats.get(input.chatId);
  if (!chat) throw new Error(`buildBotAddedEvent: add chat ${input.chatId} to the simulator first`);
  chat.botInChat = true;
  const event = {
    chat_id: chat.chatId,
    operator_id: userIds(core, input.operatorOpenId),
    external: false,
    operator_tenant_key: core.tenantKey,
    name: chat.name,
    i18n_names: { zh_cn: chat.name, en_us: '', ja_jp: '' },
  };
  const { eventId, body } = envelope(core, 'im.chat.member.bot.added_v1', String(core.now().getTime()), event);
  return { eventType: 'im.chat.member.bot.added_v1', eventId, body, operatorOpenId: input.operatorOpenId };
}

/** The first direct chat between a user and the bot: a legacy v1 event (§1.1, §5). */
export function buildP2pChatCreateEvent(core: SimulatorCore, input: { userOpenId: string }): BuiltEvent {
  let chat: SimChat | undefined = findP2pChat(core.state, input.userOpenId);
  if (!chat) {
    const name = core.state.users.get(input.userOpenId)?.name ?? '';
    chat = { chatId: newChatId(), name, members: [input.userOpenId], botInChat: true, chatType: 'p2p' };
    core.state.chats.set(chat.chatId, chat);
  }
  const uuid = newEventId();
  const user = { name: core.state.users.get(input.userOpenId)?.name ?? '', open_id: input.userOpenId, user_id: '' };
  const event = {
    type: 'p2p_chat_create',
    app_id: core.appId,
    chat_id: chat.chatId,
    operator: { open_id: input.userOpenId, user_id: '' },
    tenant_key: core.tenantKey,
    user,
  };
  const body = { ts: String(core.now().getTime() / 1000), uuid, token: core.verificationToken, type: 'event_callback', event };
  return { eventType: 'p2p_chat_create', eventId: uuid, body, operatorOpenId: input.userOpenId };
}

export function buildUrlVerification(core: SimulatorCore, input: { challenge?: string } = {}): BuiltEvent {
  const challenge = input.challenge ?? newEventId();
  return {
    eventType: 'url_verification',
    eventId: challenge,
    body: { challenge, token: core.verificationToken, type: 'url_verification' },
  };
}
