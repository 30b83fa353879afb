import * as lark from '@larksuiteoapi/node-sdk';
import { afterEach, describe, expect, it } from 'vitest';
import type { LarkSimulator } from '../../src/sandbox/simulator/start-lark-simulator.ts';
import { applyCallbackResponse, postEventToBot, repostSameEvent } from '../../src/sandbox/simulator/post-to-bot.ts';
import { cardOf } from '../../src/sandbox/simulator/simulator-state.ts';
import { startBotTestServer, type BotTestServer } from './bot-test-server.ts';
import { ALICE, BOB, card, fakeClock, formCard, GROUP, markdown, sendCard, startPopulatedSimulator } from './simulator-fixture.ts';

let sim: LarkSimulator | undefined;
let bot: BotTestServer | undefined;
afterEach(async () => {
  await Promise.all([sim?.close(), bot?.close()]);
  sim = undefined;
  bot = undefined;
});

async function setup() {
  const clock = fakeClock();
  const started = await startPopulatedSimulator(clock);
  sim = started.sim;
  bot = await startBotTestServer({ encryptKey: sim.encryptKey, verificationToken: sim.verificationToken, now: clock.now });
  return { ...started, bot, clock };
}

type V2 = { schema: string; header: Record<string, string>; event: Record<string, unknown> };

describe('Lark simulator: posting events and callbacks to the bot', () => {
  it('posts an encrypted, signed @bot message that the bot verifies over the raw bytes and decrypts', async () => {
    const { sim, bot } = await setup();
    const res = await postEventToBot(sim, bot.url, {
      type: 'im.message.receive_v1',
      chatId: GROUP,
      senderOpenId: ALICE,
      text: '我的',
      mentionOpenIds: [BOB],
    });
    expect(res.status).toBe(200);
    const [got] = bot.received;
    expect(Object.keys(JSON.parse(got?.raw ?? '{}'))).toEqual(['encrypt']);
    expect(got?.headers['x-lark-request-timestamp']).toBe(String(Math.floor(sim.now().getTime() / 1000)));
    const { header, event } = got?.payload as V2;
    expect(header).toMatchObject({
      event_type: 'im.message.receive_v1',
      token: sim.verificationToken,
      app_id: sim.appId,
      create_time: String(sim.now().getTime()),
    });
    const message = event.message as {
      content: string;
      chat_type: string;
      mentions: { key: string; id: { open_id: string } }[];
      message_id: string;
    };
    expect(JSON.parse(message.content)).toEqual({ text: '@_user_1 @_user_2 我的' });
    expect(message.mentions.map((m) => [m.key, m.id.open_id])).toEqual([
      ['@_user_1', sim.botOpenId],
      ['@_user_2', BOB],
    ]);
    expect(message.chat_type).toBe('group');
    expect(sim.state.messages.get(message.message_id)?.sender).toEqual({ type: 'user', id: ALICE });
    // The SDK's own cipher reads the simulator's encryption too.
    expect(new lark.AESCipher(sim.encryptKey).decrypt(JSON.parse(got?.raw ?? '{}').encrypt)).toContain('"im.message.receive_v1"');
  });

  it('produces requests the SDK’s own EventDispatcher accepts (signature and decryption)', async () => {
    const { sim, bot } = await setup();
    await postEventToBot(sim, bot.url, { type: 'im.message.receive_v1', chatId: GROUP, senderOpenId: ALICE, text: '帮助' });
    const got = bot.received[0]!;
    const dispatcher = new lark.EventDispatcher({ encryptKey: sim.encryptKey, loggerLevel: lark.LoggerLevel.error }).register({
      'im.message.receive_v1': async (data) => data.message.chat_id,
    });
    const data = Object.assign(Object.create({ headers: got.headers }) as object, JSON.parse(got.raw) as object);
    expect(await dispatcher.invoke(data)).toBe(GROUP);
  });

  it('posts a card click with a minted c- token, and applies the bot’s toast and card as the client does', async () => {
    const { sim, bot, client } = await setup();
    const messageId = await sendCard(client, GROUP, formCard());
    const done = card([markdown('✅ 杨*华 已核实')]);
    bot.answerCards({ toast: { type: 'success', content: '已核实' }, card: { type: 'raw', data: done } });
    const res = await postEventToBot(sim, bot.url, {
      type: 'card.action.trigger',
      messageId,
      operatorOpenId: ALICE,
      value: { event: 'VERIFIED' },
      name: 'submit_verified',
      formValue: { persons: '3' },
    });
    const { header, event } = bot.received[0]?.payload as V2;
    expect(header.create_time).toBe(String(sim.now().getTime() * 1000));
    expect(event).toMatchObject({
      operator: { open_id: ALICE },
      action: { value: { event: 'VERIFIED' }, tag: 'button', name: 'submit_verified', form_value: { persons: '3' } },
      context: { open_message_id: messageId, open_chat_id: GROUP },
    });
    expect(event.token).toMatch(/^c-/);
    expect(res.callback?.code).toBe(0);
    const message = sim.state.messages.get(messageId);
    expect(message && cardOf(message)).toEqual(done);
    expect(sim.state.toasts).toMatchObject([{ messageId, operatorOpenId: ALICE, type: 'success', content: '已核实' }]);
    const update = await client.request({
      url: '/open-apis/interactive/v1/card/update',
      method: 'POST',
      data: { token: event.token, card: formCard() },
    });
    expect((update as { code: number }).code).toBe(0);
  });

  it('records an invalid card in the answer as 200673 and leaves the card alone', async () => {
    const { sim, bot, client } = await setup();
    const messageId = await sendCard(client, GROUP, formCard());
    bot.answerCards({ card: { type: 'raw', data: { elements: [] } } });
    const res = await postEventToBot(sim, bot.url, { type: 'card.action.trigger', messageId, operatorOpenId: ALICE, value: {} });
    expect(res.callback).toMatchObject({ code: 200673 });
    expect(cardOf(sim.state.messages.get(messageId)!)).toEqual(formCard());
    expect(applyCallbackResponse(sim, messageId, {}, { status: 200, durationMs: 3500 }).code).toBe(200341);
    expect(applyCallbackResponse(sim, messageId, 'not json').code).toBe(200672);
    expect(applyCallbackResponse(sim, messageId, {}, { status: 500, durationMs: 5 }).code).toBe(200671);
  });

  it('answers url_verification, encrypted and without signature headers', async () => {
    const { sim, bot } = await setup();
    const encrypted = await postEventToBot(sim, bot.url, { type: 'url_verification', challenge: 'ch-1' });
    expect(encrypted).toMatchObject({ status: 200, body: { challenge: 'ch-1' } });
    const plain = await postEventToBot(sim, bot.url, { type: 'url_verification', challenge: 'ch-2' }, { encrypt: false });
    expect(plain.body).toEqual({ challenge: 'ch-2' });
    const forged = await postEventToBot(sim, bot.url, { type: 'url_verification' }, { tamper: 'token' });
    expect(forged.status).toBe(403);
  });

  it('sends tampered requests the bot must refuse: wrong signature, stale timestamp, wrong token', async () => {
    const { sim, bot } = await setup();
    const event = { type: 'im.message.receive_v1', chatId: GROUP, senderOpenId: ALICE, text: '帮助' } as const;
    expect((await postEventToBot(sim, bot.url, event, { tamper: 'signature' })).status).toBe(401);
    expect((await postEventToBot(sim, bot.url, event, { tamper: 'timestamp' })).status).toBe(401);
    expect((await postEventToBot(sim, bot.url, event, { tamper: 'token' })).status).toBe(403);
    expect(bot.received).toHaveLength(0);
  });

  it('re-pushes the same event with the same event_id but a fresh IV, nonce and signature', async () => {
    const { sim, bot, clock } = await setup();
    const first = await postEventToBot(sim, bot.url, { type: 'im.message.receive_v1', chatId: GROUP, senderOpenId: ALICE, text: '进度' });
    clock.advance(15_000);
    const again = await repostSameEvent(sim, bot.url, first);
    expect(again.status).toBe(200);
    const [a, b] = bot.received;
    expect((a?.payload as V2).header.event_id).toBe((b?.payload as V2).header.event_id);
    expect(a?.raw).not.toBe(b?.raw);
    expect(a?.headers['x-lark-signature']).not.toBe(b?.headers['x-lark-signature']);
    expect(Number(b?.headers['x-lark-request-timestamp']) - Number(a?.headers['x-lark-request-timestamp'])).toBe(15);
  });

  it('puts the bot into a chat it is added to, and posts the first direct chat as a v1 event', async () => {
    const { sim, bot } = await setup();
    sim.addChat({ chatId: 'oc_new', name: '新建督查组', members: [ALICE], botInChat: false });
    await postEventToBot(sim, bot.url, { type: 'im.chat.member.bot.added_v1', chatId: 'oc_new', operatorOpenId: ALICE });
    expect(sim.state.chats.get('oc_new')?.botInChat).toBe(true);
    expect((bot.received[0]?.payload as V2).event).toMatchObject({
      chat_id: 'oc_new',
      operator_id: { open_id: ALICE },
      name: '新建督查组',
    });
    await postEventToBot(sim, bot.url, { type: 'p2p_chat_create', userOpenId: BOB });
    expect(bot.received[1]?.payload).toMatchObject({
      type: 'event_callback',
      token: sim.verificationToken,
      event: { type: 'p2p_chat_create', user: { open_id: BOB } },
    });
  });
});
