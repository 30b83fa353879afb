import { afterEach, describe, expect, it } from 'vitest';
import type { LarkSimulator } from '../../src/sandbox/simulator/start-lark-simulator.ts';
import {
  ALICE,
  BOB,
  button,
  card,
  codeOf,
  CAROL,
  fakeClock,
  formCard,
  GROUP,
  httpFailure,
  markdown,
  msgOf,
  sendCard,
  startPopulatedSimulator,
} from './simulator-fixture.ts';

let sim: LarkSimulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

async function setup() {
  const clock = fakeClock();
  const started = await startPopulatedSimulator(clock);
  sim = started.sim;
  return { ...started, clock };
}

describe('Lark simulator: sending messages through the real SDK', () => {
  it('sends a card to a group chat and keeps it in state as the bot’s message', async () => {
    const { sim, client, clock } = await setup();
    const res = await client.im.v1.message.create({
      params: { receive_id_type: 'chat_id' },
      data: { receive_id: GROUP, msg_type: 'interactive', content: JSON.stringify(formCard()) },
    });
    expect(res.code).toBe(0);
    expect(res.data?.message_id).toMatch(/^om_[0-9a-f]{32}$/);
    expect(res.data?.chat_id).toBe(GROUP);
    expect(res.data?.create_time).toBe(String(clock.now().getTime()));
    const [stored] = sim.messagesIn(GROUP);
    expect(stored?.messageId).toBe(res.data?.message_id);
    expect(stored?.sender).toEqual({ type: 'app', id: sim.appId });
    expect(JSON.parse(stored?.content ?? '{}')).toEqual(formCard());
    expect(sim.state.calls.map((c) => `${c.method} ${c.path} ${c.status} ${c.code}`)).toEqual([
      'POST /open-apis/auth/v3/tenant_access_token/internal 200 0',
      'POST /open-apis/im/v1/messages 200 0',
    ]);
  });

  it('returns the same message for the same uuid within an hour, and a new one after', async () => {
    const { sim, client, clock } = await setup();
    const first = await sendCard(client, GROUP, formCard(), 'outbox-42');
    const again = await sendCard(client, GROUP, formCard(), 'outbox-42');
    expect(again).toBe(first);
    expect(sim.messagesIn(GROUP)).toHaveLength(1);
    expect(sim.state.counters.idempotentReplays).toBe(1);
    clock.advance(61 * 60 * 1000);
    const later = await sendCard(client, GROUP, formCard(), 'outbox-42');
    expect(later).not.toBe(first);
  });

  it('refuses a card with 201 components, counting nested ones (230099)', async () => {
    const { client } = await setup();
    const columns = {
      tag: 'column_set',
      columns: [{ tag: 'column', elements: Array.from({ length: 99 }, (_, i) => markdown(`第 ${i} 户`)) }],
    };
    const elements = [columns, ...Array.from({ length: 100 }, (_, i) => markdown(`第 ${i} 条`))];
    const failure = await httpFailure(sendCard(client, GROUP, card(elements)));
    expect(failure.status).toBe(400);
    expect(codeOf(failure)).toBe(230099);
    expect(msgOf(failure)).toContain('201 components');
  });

  it('refuses duplicate component names and a form without a submit button (230099)', async () => {
    const { client } = await setup();
    const duplicate = card([button('甲', { name: 'same' }), button('乙', { name: 'same' })]);
    const dup = await httpFailure(sendCard(client, GROUP, duplicate));
    expect([dup.status, codeOf(dup)]).toEqual([400, 230099]);
    expect(msgOf(dup)).toContain('"same" is used twice');
    const noSubmit = card([
      { tag: 'form', name: 'f', elements: [{ tag: 'input', name: 'x' }, button('重置', { name: 'r', form_action_type: 'reset' })] },
    ]);
    const form = await httpFailure(sendCard(client, GROUP, noSubmit));
    expect(codeOf(form)).toBe(230099);
    expect(msgOf(form)).toContain('no button with');
  });

  it('refuses a 31 KB card as too long (230025)', async () => {
    const { client } = await setup();
    const failure = await httpFailure(sendCard(client, GROUP, card([markdown('a'.repeat(31 * 1024))])));
    expect([failure.status, codeOf(failure)]).toEqual([400, 230025]);
  });

  it('refuses to send to a chat the bot is not in (230002) and to unknown receivers', async () => {
    const { sim, client } = await setup();
    sim.addChat({ chatId: 'oc_elsewhere', name: '别的群', members: [ALICE], botInChat: false });
    const notIn = await httpFailure(sendCard(client, 'oc_elsewhere', formCard()));
    expect([notIn.status, codeOf(notIn)]).toEqual([400, 230002]);
    const noChat = await httpFailure(sendCard(client, 'oc_missing', formCard()));
    expect(codeOf(noChat)).toBe(232009);
    const noUser = await httpFailure(
      client.im.v1.message.create({
        params: { receive_id_type: 'open_id' },
        data: { receive_id: 'ou_nobody', msg_type: 'text', content: JSON.stringify({ text: '你好' }) },
      }),
    );
    expect(codeOf(noUser)).toBe(230034);
  });

  it('sends text to a user by email into the bot’s direct chat, and replies in a thread', async () => {
    const { sim, client } = await setup();
    const res = await client.im.v1.message.create({
      params: { receive_id_type: 'email' },
      data: { receive_id: 'carol@example.cn', msg_type: 'text', content: JSON.stringify({ text: '您有 3 户待核实' }) },
    });
    expect(res.code).toBe(0);
    const direct = sim.messagesIn(CAROL);
    expect(direct.map((m) => JSON.parse(m.content))).toEqual([{ text: '您有 3 户待核实' }]);
    expect(sim.state.chats.get(res.data?.chat_id ?? '')?.chatType).toBe('p2p');
    const reply = await client.im.v1.message.reply({
      path: { message_id: res.data?.message_id ?? '' },
      data: { msg_type: 'text', content: JSON.stringify({ text: '补充说明' }) },
    });
    expect(reply.data?.parent_id).toBe(res.data?.message_id);
    expect(reply.data?.root_id).toBe(res.data?.message_id);
    expect(sim.messagesIn(CAROL)).toHaveLength(2);
    const badText = await httpFailure(
      client.im.v1.message.create({
        params: { receive_id_type: 'open_id' },
        data: { receive_id: BOB, msg_type: 'text', content: '"not an object"' },
      }),
    );
    expect(codeOf(badText)).toBe(230001);
  });
});
