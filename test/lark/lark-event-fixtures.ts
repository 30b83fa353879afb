// Real-shaped Lark payloads (lark-platform.md §1.1, §2.2) and signed/encrypted request builders.
import { encryptLarkPayload, signLarkRequest } from '../../src/lark/lark-crypto.ts';
import { createRandom } from '../../src/core/create-random.ts';

export const ENCRYPT_KEY = 'test key';
export const VERIFICATION_TOKEN = 'vtoken123';
export const BOT_OPEN_ID = 'ou_bot';
export const NOW = new Date('2026-03-02T02:00:00.000Z');
export const NOW_SECONDS = String(Math.floor(NOW.getTime() / 1000));

export function v2(
  eventType: string,
  eventId: string,
  event: Record<string, unknown>,
  token = VERIFICATION_TOKEN,
): Record<string, unknown> {
  return {
    schema: '2.0',
    header: { event_id: eventId, token, create_time: '1772416800000', event_type: eventType, tenant_key: 'tk_1', app_id: 'cli_test' },
    event,
  };
}

export function messageEvent(
  options: { eventId?: string; messageId?: string; text?: string; chatType?: string } = {},
): Record<string, unknown> {
  return v2('im.message.receive_v1', options.eventId ?? 'ev_msg_1', {
    sender: { sender_id: { open_id: 'ou_officer', user_id: 'u1', union_id: 'on_1' }, sender_type: 'user', tenant_key: 'tk_1' },
    message: {
      message_id: options.messageId ?? 'om_msg_1',
      create_time: '1772416800000',
      chat_id: 'oc_work',
      chat_type: options.chatType ?? 'group',
      message_type: 'text',
      content: JSON.stringify({ text: options.text ?? '@_user_1 进度 @_user_2' }),
      mentions: [
        { key: '@_user_1', id: { open_id: BOT_OPEN_ID }, name: '户户清', tenant_key: 'tk_1' },
        { key: '@_user_2', id: { open_id: 'ou_zhang' }, name: '张三', tenant_key: 'tk_1' },
      ],
    },
  });
}

export function cardActionEvent(
  eventId = 'ev_card_1',
  value: Record<string, unknown> = { action: 'visit', caseId: 7 },
): Record<string, unknown> {
  return v2('card.action.trigger', eventId, {
    operator: { tenant_key: 'tk_1', open_id: 'ou_officer', union_id: 'on_1' },
    token: 'c-update-token',
    action: { value, tag: 'button', name: 'visit_btn', form_value: { note: '已入户' } },
    host: 'im_message',
    context: { open_message_id: 'om_card_1', open_chat_id: 'oc_work' },
  });
}

export function botAddedEvent(eventId = 'ev_added_1'): Record<string, unknown> {
  return v2('im.chat.member.bot.added_v1', eventId, {
    chat_id: 'oc_new_group',
    operator_id: { open_id: 'ou_admin', user_id: 'u9', union_id: 'on_9' },
    external: false,
    name: '麒麟区督查组',
  });
}

export function p2pCreatedEvent(uuid = 'uuid_p2p_1'): Record<string, unknown> {
  return {
    uuid,
    ts: '1772416800.0',
    token: VERIFICATION_TOKEN,
    type: 'event_callback',
    event: {
      app_id: 'cli_test',
      chat_id: 'oc_p2p_1',
      operator: { open_id: 'ou_new', user_id: 'u5' },
      tenant_key: 'tk_1',
      type: 'p2p_chat_create',
      user: { name: '李四', open_id: 'ou_new', user_id: 'u5' },
    },
  };
}

export interface SignedRequest {
  body: string;
  headers: Record<string, string>;
}

/** As Lark sends it with an Encrypt Key: {"encrypt": …} plus the three signature headers. */
export function encryptedSigned(payload: unknown, options: { timestamp?: string; nonce?: string; key?: string } = {}): SignedRequest {
  const key = options.key ?? ENCRYPT_KEY;
  const body = JSON.stringify({ encrypt: encryptLarkPayload(JSON.stringify(payload), key) });
  const timestamp = options.timestamp ?? NOW_SECONDS;
  const nonce = options.nonce ?? 'nonce-1';
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'x-lark-request-timestamp': timestamp,
      'x-lark-request-nonce': nonce,
      'x-lark-signature': signLarkRequest(timestamp, nonce, key, body),
    },
  };
}

/** A small deterministic generator (the project's mulberry32) for the property-style loops. */
export function seededRandom(seed: number): () => number {
  return createRandom(seed).next;
}
