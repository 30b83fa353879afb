// im.message.receive_v1 → LarkMessageEvent: the text with mentions resolved, and who was mentioned.
// Payload shape: lark-platform.md §1.1 and the SDK's generated `im.message.receive_v1` type.
import { idString, isRecord, own, optionalString } from './json-guards.ts';
import type { LarkMessageEvent } from './lark-inbound-event.ts';

interface Mention {
  key: string;
  name: string;
  openId: string | undefined;
}

export function parseMessageEvent(eventId: string, event: unknown, botOpenId: string | undefined): LarkMessageEvent | string {
  const message = own(event, 'message');
  const messageId = idString(own(message, 'message_id'));
  const chatId = idString(own(message, 'chat_id'));
  const senderOpenId = idString(own(own(own(event, 'sender'), 'sender_id'), 'open_id'));
  if (!messageId || !chatId) return '消息事件缺少 message_id 或 chat_id';
  if (!senderOpenId) return '消息事件缺少发送者 open_id';
  const messageType = optionalString(own(message, 'message_type')) ?? '';
  const mentions = parseMentions(own(message, 'mentions'));
  const bot = botOpenId ? mentions.find((m) => m.openId === botOpenId) : undefined;
  const raw = messageType === 'text' ? textOf(own(message, 'content')) : '';
  return {
    kind: 'message',
    eventId,
    messageId,
    chatId,
    chatType: own(message, 'chat_type') === 'p2p' ? 'p2p' : 'group',
    senderOpenId,
    messageType,
    text: resolveMentions(raw, mentions, bot?.key),
    mentionsBot: bot !== undefined,
    mentionOpenIds: [...new Set(mentions.filter((m) => m !== bot && m.openId && m.openId !== botOpenId).map((m) => m.openId as string))],
  };
}

function parseMentions(value: unknown): Mention[] {
  if (!Array.isArray(value)) return [];
  const mentions: Mention[] = [];
  for (const item of value.slice(0, 100)) {
    const key = idString(own(item, 'key'), 64);
    if (!key) continue;
    mentions.push({ key, name: optionalString(own(item, 'name')) ?? '', openId: idString(own(own(item, 'id'), 'open_id')) });
  }
  return mentions;
}

/** `content` is a JSON string: `{"text":"@_user_1 进度"}`. */
function textOf(content: unknown): string {
  if (typeof content !== 'string') return '';
  try {
    const parsed: unknown = JSON.parse(content);
    return isRecord(parsed) ? (optionalString(own(parsed, 'text')) ?? '') : '';
  } catch {
    return '';
  }
}

function resolveMentions(text: string, mentions: Mention[], botKey: string | undefined): string {
  const byKey = new Map(mentions.map((m) => [m.key, m]));
  const resolved = text.replace(/@_[A-Za-z]+(?:_\d+)?/g, (key) => {
    if (key === botKey) return '';
    const mention = byKey.get(key);
    return mention ? `@${mention.name}` : key;
  });
  return resolved.replace(/[ \t\u00a0\u3000]+/g, ' ').trim();
}
