import { afterEach, describe, expect, it } from 'vitest';
import type { LarkSimulator } from '../../src/sandbox/simulator/start-lark-simulator.ts';
import { ALICE, BOB, codeOf, fakeClock, GROUP, httpFailure, startPopulatedSimulator } from './simulator-fixture.ts';

let sim: LarkSimulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

async function setup() {
  const started = await startPopulatedSimulator(fakeClock());
  sim = started.sim;
  return started;
}

describe('Lark simulator: bot, chat members and user lookups', () => {
  it('tells the bot its own open_id and name', async () => {
    const { sim, client } = await setup();
    const res = (await client.request({ url: '/open-apis/bot/v3/info', method: 'GET' })) as {
      code: number;
      bot: { open_id: string; app_name: string };
    };
    expect(res.code).toBe(0);
    expect(res.bot).toMatchObject({ open_id: sim.botOpenId, app_name: '户户清' });
  });

  it('pages through chat members, with names and without bots', async () => {
    const { sim, client } = await setup();
    const members = Array.from({ length: 45 }, (_, i) => `ou_member${String(i).padStart(23, '0')}`);
    sim.addChat({ chatId: 'oc_big', name: '督查组', members });
    const first = await client.im.v1.chatMembers.get({ path: { chat_id: 'oc_big' }, params: { member_id_type: 'open_id', page_size: 20 } });
    expect(first.data?.items).toHaveLength(20);
    expect(first.data).toMatchObject({ has_more: true, member_total: 45 });
    const seen: string[] = [];
    for await (const page of await client.im.v1.chatMembers.getWithIterator({
      path: { chat_id: 'oc_big' },
      params: { member_id_type: 'open_id', page_size: 20 },
    })) {
      for (const item of page?.items ?? []) seen.push(item.member_id ?? '');
    }
    expect(seen).toEqual(members);
    const group = await client.im.v1.chatMembers.get({ path: { chat_id: GROUP }, params: { member_id_type: 'open_id' } });
    expect(group.data?.items).toEqual([
      { member_id_type: 'open_id', member_id: ALICE, name: '杨小华', tenant_key: sim.tenantKey },
      { member_id_type: 'open_id', member_id: BOB, name: '李明', tenant_key: sim.tenantKey },
    ]);
    expect(group.data?.has_more).toBe(false);
  });

  it('refuses to list members of a chat the bot is not in (230002)', async () => {
    const { sim, client } = await setup();
    sim.addChat({ chatId: 'oc_private', name: '私密群', members: [ALICE], botInChat: false });
    const failure = await httpFailure(
      client.im.v1.chatMembers.get({ path: { chat_id: 'oc_private' }, params: { member_id_type: 'open_id' } }),
    );
    expect([failure.status, codeOf(failure)]).toEqual([400, 230002]);
  });

  it('resolves users by email and mobile (with or without +86), leaving unknown ones without user_id', async () => {
    const { client } = await setup();
    const res = await client.contact.v3.user.batchGetId({
      params: { user_id_type: 'open_id' },
      data: { emails: ['alice@example.cn', 'nobody@example.cn'], mobiles: ['+8613800000001', '13800000002', '+12025550123'] },
    });
    expect(res.code).toBe(0);
    expect(res.data?.user_list?.map((u) => [u.email ?? u.mobile, u.user_id])).toEqual([
      ['alice@example.cn', ALICE],
      ['nobody@example.cn', undefined],
      ['+8613800000001', ALICE],
      ['13800000002', BOB],
      ['+12025550123', undefined],
    ]);
  });
});
