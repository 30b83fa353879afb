// Long-connection mode cannot be tested against a real Lark here; what is tested is the part we
// own: the SDK's EventDispatcher (the one WSClient feeds) flattens each event (lark-platform.md
// §1.6), and our handlers rebuild it into the same parsed event and call the same functions.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { receiveFromLongConnection } from '../../src/app/lark/receive-from-long-connection.ts';
import { silentLogger } from '../../src/core/logger.ts';
import { parseLarkEvent } from '../../src/lark/inbound/parse-lark-event.ts';
import { WS_EVENT_TYPES, createWsEventDispatcher } from '../../src/lark/inbound/start-ws-client.ts';
import {
  BOT_OPEN_ID,
  VERIFICATION_TOKEN,
  botAddedEvent,
  cardActionEvent,
  messageEvent,
  p2pCreatedEvent,
  v2,
} from './lark-event-fixtures.ts';
import { createHarness, type Harness } from './lark-route-harness.ts';

const harnesses: Harness[] = [];
afterEach(async () => {
  for (const h of harnesses.splice(0)) await h.db.cleanup();
});

const events = { message: messageEvent(), card: cardActionEvent(), botAdded: botAddedEvent(), p2p: p2pCreatedEvent() };

describe('the long-connection dispatcher', () => {
  it('registers the four event types the bot handles, card.action.trigger included', () => {
    const dispatcher = createWsEventDispatcher(async () => ({}), silentLogger);
    for (const type of WS_EVENT_TYPES) expect(dispatcher.handles.has(type)).toBe(true);
  });

  for (const [name, payload] of Object.entries(events)) {
    it(`rebuilds the SDK-flattened ${name} event into the payload the webhook parses the same way`, async () => {
      const received: Array<Record<string, unknown>> = [];
      const dispatcher = createWsEventDispatcher(async (p) => void received.push(p), silentLogger);
      await dispatcher.invoke(payload, { needCheck: false });
      expect(received).toHaveLength(1);
      const viaWs = parseLarkEvent(received[0], { botOpenId: BOT_OPEN_ID });
      expect(viaWs).toEqual(parseLarkEvent(payload, { botOpenId: BOT_OPEN_ID }));
      expect(viaWs.ok && viaWs.event.kind).not.toBe('unknown');
      // The verification token never survives into what is stored; a card's update token does.
      expect(JSON.stringify(received[0])).not.toContain(VERIFICATION_TOKEN);
    });
  }

  it('answers a card click with the same onCardAction as the webhook, given the same event', async () => {
    const answer = { toast: { type: 'success' as const, content: '已登记' } };
    const ws = await createHarness({ cardAnswer: async () => answer });
    const http = await createHarness({ cardAnswer: async () => answer });
    harnesses.push(ws, http);
    const dispatcher = createWsEventDispatcher(receiveFromLongConnection(ws.deps), silentLogger);
    expect(await dispatcher.invoke(cardActionEvent(), { needCheck: false })).toEqual(answer);
    expect(await (await http.post(JSON.stringify(cardActionEvent()))).json()).toEqual(answer);
    expect(ws.cardActions).toEqual(http.cardActions);
    expect(await dispatcher.invoke(cardActionEvent(), { needCheck: false })).toEqual({ toast: { type: 'info', content: '已处理' } });
    expect(ws.cardActions).toHaveLength(1);
  });

  it('stores messages in the same inbound store, dedupes redeliveries and hands them to onMessage', async () => {
    const h = await createHarness();
    harnesses.push(h);
    const dispatcher = createWsEventDispatcher(receiveFromLongConnection(h.deps), silentLogger);
    expect(await dispatcher.invoke(messageEvent({ eventId: 'ev_1' }), { needCheck: false })).toEqual({});
    expect(await dispatcher.invoke(messageEvent({ eventId: 'ev_2' }), { needCheck: false })).toEqual({});
    await vi.waitFor(() => expect(h.handled).toHaveLength(1));
    expect(h.handled[0]).toMatchObject({ kind: 'message', text: '进度 @张三', mentionsBot: true, mentionOpenIds: ['ou_zhang'] });
    await vi.waitFor(async () => expect(await h.db.prisma.inboundEvent.findFirst()).toMatchObject({ status: 'processed' }));
    expect(await h.rowCount()).toBe(1);
  });

  it('acks a malformed event with {} instead of throwing into the SDK', async () => {
    const h = await createHarness();
    harnesses.push(h);
    const dispatcher = createWsEventDispatcher(receiveFromLongConnection(h.deps), silentLogger);
    expect(await dispatcher.invoke(v2('card.action.trigger', 'ev_bad', { action: 'x' }), { needCheck: false })).toEqual({});
    expect(h.cardActions).toHaveLength(0);
    expect(await h.rowCount()).toBe(0);
  });
});
