import { afterEach, describe, expect, it } from 'vitest';
import type { LarkSimulator } from '../../src/sandbox/simulator/start-lark-simulator.ts';
import { mintCardToken } from '../../src/sandbox/simulator/card-update-route.ts';
import { cardOf } from '../../src/sandbox/simulator/simulator-state.ts';
import {
  ALICE,
  card,
  CAROL,
  codeOf,
  fakeClock,
  formCard,
  GROUP,
  httpFailure,
  markdown,
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
  const messageId = await sendCard(started.client, GROUP, formCard());
  return { ...started, clock, messageId };
}

const done = card([markdown('✅ 已核实')]);

describe('Lark simulator: updating and buzzing sent cards', () => {
  it('patches a card in place and records the edit', async () => {
    const { sim, client, messageId } = await setup();
    const res = await client.im.v1.message.patch({ path: { message_id: messageId }, data: { content: JSON.stringify(done) } });
    expect(res.code).toBe(0);
    const message = sim.state.messages.get(messageId);
    expect(message && cardOf(message)).toEqual(done);
    expect(message?.edits.map((e) => e.via)).toEqual(['patch']);
  });

  it('refuses to patch a card sent 15 days ago (230031)', async () => {
    const { client, clock, messageId, forgetToken } = await setup();
    clock.advance(15 * 24 * 60 * 60 * 1000);
    forgetToken(); // the SDK's cached token expired in simulator time
    const failure = await httpFailure(
      client.im.v1.message.patch({ path: { message_id: messageId }, data: { content: JSON.stringify(done) } }),
    );
    expect([failure.status, codeOf(failure)]).toEqual([400, 230031]);
  });

  it('allows 5 patches per second on one message and refuses the 6th (230020)', async () => {
    const { client, clock, messageId } = await setup();
    const patch = () => client.im.v1.message.patch({ path: { message_id: messageId }, data: { content: JSON.stringify(done) } });
    for (let i = 0; i < 5; i++) expect((await patch()).code).toBe(0);
    const failure = await httpFailure(patch());
    expect([failure.status, codeOf(failure)]).toEqual([400, 230020]);
    clock.advance(1000);
    expect((await patch()).code).toBe(0);
  });

  it('buzzes chat members, returns the ids that are not in the chat, and refuses when none is (230001)', async () => {
    const { sim, client, messageId } = await setup();
    const res = await client.im.v1.message.urgentApp({
      path: { message_id: messageId },
      params: { user_id_type: 'open_id' },
      data: { user_id_list: [ALICE, CAROL, 'ou_stranger'] },
    });
    expect(res.code).toBe(0);
    expect(res.data?.invalid_user_id_list).toEqual([CAROL, 'ou_stranger']);
    expect(sim.state.messages.get(messageId)?.urgent.map((u) => u.userIds)).toEqual([[ALICE]]);
    const failure = await httpFailure(
      client.im.v1.message.urgentApp({
        path: { message_id: messageId },
        params: { user_id_type: 'open_id' },
        data: { user_id_list: [CAROL] },
      }),
    );
    expect([failure.status, codeOf(failure)]).toEqual([400, 230001]);
    expect(sim.state.messages.get(messageId)?.urgent).toHaveLength(1);
  });

  it('updates a card by callback token twice, refuses the third use (300040) and a token older than 30 min (300030)', async () => {
    const { sim, client, clock, messageId } = await setup();
    const token = mintCardToken(sim, messageId).token;
    const update = (t: string) =>
      client.request({ url: '/open-apis/interactive/v1/card/update', method: 'POST', data: { token: t, card: done } });
    expect(((await update(token)) as { code: number }).code).toBe(0);
    expect(((await update(token)) as { code: number }).code).toBe(0);
    expect(codeOf(await httpFailure(update(token)))).toBe(300040);
    const fresh = mintCardToken(sim, messageId).token;
    clock.advance(31 * 60 * 1000);
    expect(codeOf(await httpFailure(update(fresh)))).toBe(300030);
    expect(codeOf(await httpFailure(update('not-a-card-token')))).toBe(300020);
    expect(sim.state.messages.get(messageId)?.edits.map((e) => e.via)).toEqual(['card_update', 'card_update']);
  });
});
