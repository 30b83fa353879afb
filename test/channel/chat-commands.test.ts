import { afterEach, describe, expect, it } from 'vitest';
import { postEventToBot } from '../../src/sandbox/simulator/post-to-bot.ts';
import { at } from '../helpers/engine-fixture.ts';
import { startChannel, type Channel } from '../helpers/lark-channel-fixture.ts';

let channel: Channel | undefined;
afterEach(async () => channel?.close());

async function say(c: Channel, chatId: string, senderOpenId: string, text: string) {
  const r = await postEventToBot(c.sim, c.botUrl, { type: 'im.message.receive_v1', chatId, senderOpenId, text });
  expect(r.status).toBe(200);
  await c.settle();
  await c.sendOutbox();
  const replies = c.sim.messagesIn(chatId).filter((m) => m.sender.type === 'app');
  return replies[replies.length - 1]?.content ?? '';
}

describe('chat commands', () => {
  it('answers 进度, 查 <档案编号> within the asker’s scope, 绑定 for admins only, and a welcome card when added to a group', async () => {
    channel = await startChannel({ openedAt: at('2025-09-26 15:30'), households: 2 });
    const c = channel;
    expect(await say(c, 'oc_inspection', 'ou_county', '进度')).toContain('麒麟区');
    const lookup = await say(c, 'oc_inspection', 'ou_county', '查 QJ-00001');
    expect(lookup).toContain('QJ-00001');
    expect(lookup).toContain('入户核实');
    expect(await say(c, 'oc_inspection', 'ou_stranger', '查 QJ-00001')).toContain('不在您负责的范围内');

    c.sim.addChat({ chatId: 'oc_new', name: '新群', members: ['ou_admin', 'ou_officer'] });
    expect(await say(c, 'oc_new', 'ou_officer', '绑定 督查组 麒麟区')).toContain('只有管理员可以绑定群');
    expect(await say(c, 'oc_new', 'ou_admin', '绑定 督查组 麒麟区')).toContain('已将本群绑定为麒麟区的督查组');
    expect(await c.campaign.db.prisma.chat.findUniqueOrThrow({ where: { chatId: 'oc_new' } })).toMatchObject({
      purpose: 'inspection_group',
    });

    expect(await say(c, 'oc_new', 'ou_officer', '今天天气不错')).toContain('帮助');
    c.sim.addChat({ chatId: 'oc_another', name: '又一个群', members: ['ou_admin'], botInChat: false });
    const added = await postEventToBot(c.sim, c.botUrl, {
      type: 'im.chat.member.bot.added_v1',
      chatId: 'oc_another',
      operatorOpenId: 'ou_admin',
    });
    expect(added.status).toBe(200);
    await c.settle();
    await c.sendOutbox();
    expect(c.sim.messagesIn('oc_another').find((m) => m.sender.type === 'app')?.content).toContain('绑定');
  });

  it('buzzes the city supervisor when the urgent rung is reached', async () => {
    channel = await startChannel({ openedAt: at('2025-09-26 15:30'), households: 1 });
    channel.clock.set(at('2025-10-22 09:00'));
    await channel.tick();
    await channel.sendOutbox();
    await channel.sendOutbox(); // the buzz waits for its message to be sent first
    const toCity = channel.sim.messagesIn('ou_city');
    expect(toCity).toHaveLength(1);
    expect(toCity[0]!.urgent.map((u) => u.userIds)).toEqual([['ou_city']]);
  });
});
