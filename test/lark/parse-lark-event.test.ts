import { describe, expect, it } from 'vitest';
import { dedupeKey } from '../../src/lark/inbound/lark-inbound-event.ts';
import { parseLarkEvent } from '../../src/lark/inbound/parse-lark-event.ts';
import { stripVerificationToken } from '../../src/lark/inbound/strip-verification-token.ts';
import { BOT_OPEN_ID, botAddedEvent, cardActionEvent, messageEvent, p2pCreatedEvent, v2 } from './lark-event-fixtures.ts';

const parse = (payload: unknown) => parseLarkEvent(payload, { botOpenId: BOT_OPEN_ID });

describe('parseLarkEvent', () => {
  it('reads a card click: operator, message, chat, value, form, update token', () => {
    expect(parse(cardActionEvent())).toEqual({
      ok: true,
      eventType: 'card.action.trigger',
      event: {
        kind: 'card_action',
        eventId: 'ev_card_1',
        operatorOpenId: 'ou_officer',
        messageId: 'om_card_1',
        chatId: 'oc_work',
        value: { action: 'visit', caseId: 7 },
        formValue: { note: '已入户' },
        actionName: 'visit_btn',
        actionTag: 'button',
        token: 'c-update-token',
        createTime: '1772416800000',
      },
    });
  });

  it('resolves @_user_n to names, removes the bot’s own mention and lists the others', () => {
    const result = parse(messageEvent());
    expect(result).toMatchObject({
      ok: true,
      event: {
        kind: 'message',
        messageId: 'om_msg_1',
        chatId: 'oc_work',
        chatType: 'group',
        senderOpenId: 'ou_officer',
        text: '进度 @张三',
        mentionsBot: true,
        mentionOpenIds: ['ou_zhang'],
      },
    });
  });

  it('leaves the bot’s mention in place when the bot’s identity is unknown, and handles @_user_10', () => {
    const event = messageEvent({ text: '@_user_1 查 A-1 @_user_10', chatType: 'p2p' });
    const result = parseLarkEvent(event, {});
    expect(result.ok && result.event.kind === 'message' && result.event).toMatchObject({
      text: '@户户清 查 A-1 @_user_10',
      mentionsBot: false,
      chatType: 'p2p',
    });
  });

  it('reads a bot added to a group and a first direct chat (v1)', () => {
    expect(parse(botAddedEvent())).toMatchObject({
      ok: true,
      event: { kind: 'bot_added', chatId: 'oc_new_group', operatorOpenId: 'ou_admin', chatName: '麒麟区督查组' },
    });
    expect(parse(p2pCreatedEvent())).toMatchObject({
      ok: true,
      event: { kind: 'p2p_created', eventId: 'uuid_p2p_1', chatId: 'oc_p2p_1', userOpenId: 'ou_new' },
    });
  });

  it('keeps unknown event types as unknown (ignored later), not as errors', () => {
    expect(parse(v2('im.message.reaction.created_v1', 'ev_r', { message_id: 'om_1' }))).toEqual({
      ok: true,
      eventType: 'im.message.reaction.created_v1',
      event: { kind: 'unknown', eventId: 'ev_r', eventType: 'im.message.reaction.created_v1' },
    });
  });

  it('dedupes received messages by message_id and everything else by event id', () => {
    const a = parse(messageEvent({ eventId: 'ev_a' }));
    const b = parse(messageEvent({ eventId: 'ev_b' }));
    expect(a.ok && b.ok && dedupeKey(a.event) === dedupeKey(b.event)).toBe(true);
    const card = parse(cardActionEvent('ev_c'));
    expect(card.ok && dedupeKey(card.event)).toBe('event:ev_c');
    const v1 = parse(p2pCreatedEvent('uuid_9'));
    expect(v1.ok && dedupeKey(v1.event)).toBe('event:uuid_9');
  });

  it('refuses wrong types and missing fields with a reason, never throwing', () => {
    const hostile: unknown[] = [
      null,
      [],
      'x',
      { schema: '2.0' },
      { schema: '2.0', header: 'h', event: {} },
      { schema: '2.0', header: { event_id: 42, event_type: 'im.message.receive_v1' }, event: {} },
      { schema: '2.0', header: { event_id: 'e', event_type: ['card.action.trigger'] }, event: {} },
      { schema: '2.0', header: { event_id: 'e'.repeat(300), event_type: 'x' }, event: {} },
      { schema: '2.0', header: { event_id: 'e', event_type: 'x' }, event: [] },
      v2('im.message.receive_v1', 'e', { message: { message_id: 7, chat_id: 'c' } }),
      v2('im.message.receive_v1', 'e', { message: 'nope', sender: null }),
      v2('card.action.trigger', 'e', { operator: { open_id: 'ou' }, context: {}, action: {} }),
      v2('card.action.trigger', 'e', { operator: { open_id: 'ou' }, context: { open_message_id: 'om' }, action: 'click' }),
      v2('im.chat.member.bot.added_v1', 'e', { chat_id: { id: 1 } }),
      { uuid: 'u', event: { type: 42 } },
      JSON.parse('{"schema":"2.0","header":{"__proto__":{"event_id":"e","event_type":"card.action.trigger"}},"event":{}}'),
    ];
    for (const payload of hostile) {
      const result = parse(payload);
      expect(result.ok, JSON.stringify(payload).slice(0, 120)).toBe(false);
      expect(result.ok ? '' : result.message).toMatch(/[\u4e00-\u9fa5]/);
    }
  });

  it('refuses bodies nested deeper than 32 levels without overflowing the stack', () => {
    let deep: unknown = 'leaf';
    for (let i = 0; i < 200_000; i++) deep = [deep];
    expect(parse(v2('im.message.receive_v1', 'e', { deep }))).toMatchObject({ ok: false });
  });

  it('keeps card values with "__proto__" keys as plain data (no prototype pollution)', () => {
    const value = JSON.parse('{"__proto__":{"polluted":true},"caseId":1}') as Record<string, unknown>;
    const result = parse(cardActionEvent('ev_p', value));
    expect(result.ok && result.event.kind === 'card_action' && Object.keys(result.event.value)).toEqual(['__proto__', 'caseId']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('strips the verification token before storage but keeps the card update token', () => {
    const stored = stripVerificationToken(cardActionEvent());
    expect(JSON.stringify(stored)).not.toContain('vtoken123');
    expect(JSON.stringify(stored)).toContain('c-update-token');
    expect(JSON.stringify(stripVerificationToken(p2pCreatedEvent()))).not.toContain('vtoken123');
  });
});
