// A verified (decrypted) Lark payload → one LarkInboundEvent, or the reason it is not one.
// v2: {schema:"2.0", header:{event_id, event_type, create_time…}, event:{…}};
// v1: {uuid, type:"event_callback", event:{type…}} (lark-platform.md §1.1). Never throws.
import { idString, isRecord, nestsDeeperThan, own, optionalString } from './json-guards.ts';
import type { LarkInboundEvent } from './lark-inbound-event.ts';
import { parseCardAction } from './parse-card-action.ts';
import { parseMessageEvent } from './parse-message-event.ts';

export type ParsedLarkEvent = { ok: true; event: LarkInboundEvent; eventType: string } | { ok: false; message: string };

export interface ParseOptions {
  /** The bot's own open_id (cached by the caller), to recognise and strip its mention. */
  botOpenId?: string | undefined;
}

/** Lark's payloads nest about six levels; card values and forms add a few more. */
const MAX_DEPTH = 32;

interface Envelope {
  eventId: string;
  eventType: string;
  createTime: string;
  event: unknown;
}

export function parseLarkEvent(payload: unknown, options: ParseOptions = {}): ParsedLarkEvent {
  try {
    return parseOrRefuse(payload, options);
  } catch {
    // Defensive only: the guards below do not throw. Bad input must never become a 5xx.
    return { ok: false, message: '事件无法解析：请确认请求来自飞书开放平台' };
  }
}

function parseOrRefuse(payload: unknown, options: ParseOptions): ParsedLarkEvent {
  if (!isRecord(payload)) return { ok: false, message: '事件须为 JSON 对象' };
  if (nestsDeeperThan(payload, MAX_DEPTH)) return { ok: false, message: `事件嵌套超过 ${MAX_DEPTH} 层：不是飞书事件的结构` };
  const envelope = readEnvelope(payload);
  if (typeof envelope === 'string') return { ok: false, message: envelope };
  const { eventId, eventType } = envelope;
  const parsed = parseKnown(envelope, options);
  if (typeof parsed === 'string') return { ok: false, message: `${eventType}：${parsed}` };
  return { ok: true, eventType, event: parsed ?? { kind: 'unknown', eventId, eventType } };
}

function readEnvelope(payload: Record<string, unknown>): Envelope | string {
  const header = own(payload, 'header');
  if (own(payload, 'schema') !== undefined || header !== undefined) {
    if (!isRecord(header)) return '事件缺少 header 对象';
    const eventId = idString(own(header, 'event_id'));
    const eventType = idString(own(header, 'event_type'), 128);
    if (!eventId || !eventType) return '事件 header 缺少 event_id 或 event_type（须为字符串）';
    const event = own(payload, 'event');
    if (!isRecord(event)) return '事件缺少 event 对象';
    return { eventId, eventType, createTime: optionalString(own(header, 'create_time')) ?? '', event };
  }
  const uuid = idString(own(payload, 'uuid'));
  const event = own(payload, 'event');
  const eventType = idString(own(event, 'type'), 128);
  if (!uuid || !isRecord(event) || !eventType) return '无法识别的事件格式：既不是 2.0 版（header/event），也不是 1.0 版（uuid/event.type）';
  return { eventId: uuid, eventType, createTime: optionalString(own(payload, 'ts')) ?? '', event };
}

/** The parsed event, an error message, or undefined for an event type the bot does not handle. */
function parseKnown(envelope: Envelope, options: ParseOptions): LarkInboundEvent | string | undefined {
  const { eventId, eventType, createTime, event } = envelope;
  switch (eventType) {
    case 'card.action.trigger':
      return parseCardAction(eventId, createTime, event);
    case 'im.message.receive_v1':
      return parseMessageEvent(eventId, event, options.botOpenId);
    case 'im.chat.member.bot.added_v1': {
      const chatId = idString(own(event, 'chat_id'));
      const operatorOpenId = idString(own(own(event, 'operator_id'), 'open_id'));
      if (!chatId || !operatorOpenId) return '缺少 chat_id 或 operator_id.open_id';
      const chatName = optionalString(own(event, 'name'));
      return { kind: 'bot_added', eventId, chatId, operatorOpenId, ...(chatName ? { chatName } : {}) };
    }
    case 'p2p_chat_create': {
      const chatId = idString(own(event, 'chat_id'));
      const userOpenId = idString(own(own(event, 'user'), 'open_id')) ?? idString(own(own(event, 'operator'), 'open_id'));
      if (!chatId || !userOpenId) return '缺少 chat_id 或 user.open_id';
      return { kind: 'p2p_created', eventId, chatId, userOpenId };
    }
    default:
      return undefined;
  }
}
