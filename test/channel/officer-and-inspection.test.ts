import { afterEach, describe, expect, it } from 'vitest';
import { postEventToBot, repostSameEvent } from '../../src/sandbox/simulator/post-to-bot.ts';
import { at } from '../helpers/engine-fixture.ts';
import { processInboundEvents, startChannel, type Channel } from '../helpers/lark-channel-fixture.ts';

let channel: Channel | undefined;
afterEach(async () => channel?.close());

const cardOf = (content: string) => JSON.parse(content) as { header: { title: { content: string } }; body: { elements: unknown[] } };

describe('the Lark channel end to end (real SDK, simulator, real HTTP)', () => {
  it('sends the digest, takes the officer’s form, advances the case and updates the card; refuses a stranger; answers a stale card with who did what', async () => {
    channel = await startChannel({ openedAt: at('2025-09-26 15:30'), households: 2 });
    const { sim, botUrl, campaign } = channel;
    channel.clock.set(at('2025-10-14 09:00'));
    await channel.tick();
    await channel.sendOutbox();
    const dms = sim.messagesIn('ou_officer');
    expect(dms).toHaveLength(1);
    const digest = dms[0]!;
    expect(digest.msgType).toBe('interactive');
    expect(digest.content).toContain('QJ-00001');
    expect(digest.content).toMatch(/杨(\*|&#42;)华/); // masked (markdown escapes the asterisk)
    expect(digest.content).not.toContain('杨小华');

    // 「办理」 opens the case card in place.
    const caseId = campaign.caseIds[0]!;
    const open = await postEventToBot(sim, botUrl, {
      type: 'card.action.trigger',
      messageId: digest.messageId,
      operatorOpenId: 'ou_officer',
      value: { a: 'open', caseId },
    });
    expect(open.status).toBe(200);
    expect(open.callback?.code).toBe(0);
    const caseCard = cardOf(sim.messagesIn('ou_officer')[0]!.content);
    expect(JSON.stringify(caseCard)).toContain('f_VERIFIED');

    // A stranger's click is refused and changes nothing.
    const c0 = await campaign.db.prisma.case.findUniqueOrThrow({ where: { id: caseId } });
    const value = { a: 'event', caseId, event: 'VERIFIED', state: 'verifying', v: c0.version };
    const formValue = { f_VERIFIED__persons: '3', f_VERIFIED__causes: ['收入低'], f_VERIFIED__visit_date: '2025-10-13 +0800' };
    const stranger = await postEventToBot(sim, botUrl, {
      type: 'card.action.trigger',
      messageId: digest.messageId,
      operatorOpenId: 'ou_stranger',
      value,
      formValue,
    });
    expect((stranger.body as { toast: { type: string } }).toast.type).toBe('error');
    expect((await campaign.db.prisma.case.findUniqueOrThrow({ where: { id: caseId } })).state).toBe('verifying');
    expect(await campaign.db.prisma.auditEvent.count({ where: { action: 'card.refused' } })).toBe(1);

    // The officer submits the form: the case advances and the card shows the new step.
    const submit = await postEventToBot(sim, botUrl, {
      type: 'card.action.trigger',
      messageId: digest.messageId,
      operatorOpenId: 'ou_officer',
      value,
      formValue,
      name: 's_VERIFIED',
      tag: 'button',
    });
    expect(submit.callback?.code).toBe(0);
    expect((submit.body as { toast: { content: string } }).toast.content).toContain('已提交「已核实」');
    expect((await campaign.db.prisma.case.findUniqueOrThrow({ where: { id: caseId } })).state).toBe('classifying');
    expect(cardOf(sim.messagesIn('ou_officer')[0]!.content).header.title.content).toContain('精准识别');

    // The same (now stale) form again: told who did what when, nothing changes twice.
    const stale = await postEventToBot(sim, botUrl, {
      type: 'card.action.trigger',
      messageId: digest.messageId,
      operatorOpenId: 'ou_officer',
      value,
      formValue,
    });
    expect((stale.body as { toast: { content: string } }).toast.content).toMatch(/王芳 于 .* 提交了「已核实」/);
    expect(await campaign.db.prisma.auditEvent.count({ where: { caseId, action: 'case.transition' } })).toBe(1);
  });

  it('escalates an overdue case to the inspection group, which acknowledges with 督办', async () => {
    channel = await startChannel({ openedAt: at('2025-09-26 15:30'), households: 1 });
    const { sim, botUrl, campaign } = channel;
    channel.clock.set(at('2025-10-18 09:00'));
    await channel.tick();
    await channel.sendOutbox();
    const inGroup = sim.messagesIn('oc_inspection');
    expect(inGroup).toHaveLength(1);
    expect(inGroup[0]!.content).toContain('<at id=ou_officer></at>');
    const ack = await postEventToBot(sim, botUrl, {
      type: 'card.action.trigger',
      messageId: inGroup[0]!.messageId,
      operatorOpenId: 'ou_county',
      value: { a: 'ack', caseId: campaign.caseIds[0]! },
    });
    expect((ack.body as { toast: { type: string } }).toast.type).toBe('success');
    expect(await campaign.db.prisma.escalation.findFirstOrThrow()).toMatchObject({ status: 'acknowledged' });
    // The escalation card in the group now says who is handling it.
    await channel.sendOutbox();
    const card = sim.messagesIn('oc_inspection')[0]!;
    expect(card.edits.map((e) => e.via)).toContain('patch');
    expect(card.content).toContain('赵督');
  });

  it('acts once on a message pushed four times, and loses nothing when the process dies between the 200 and the work', async () => {
    channel = await startChannel({ openedAt: at('2025-09-26 15:30'), households: 1 });
    const { sim, botUrl, campaign } = channel;
    const first = await postEventToBot(sim, botUrl, {
      type: 'im.message.receive_v1',
      chatId: 'oc_work',
      senderOpenId: 'ou_officer',
      text: '我的',
    });
    expect(first.status).toBe(200);
    for (let i = 0; i < 3; i++) expect((await repostSameEvent(sim, botUrl, first)).status).toBe(200);
    // The process "dies" after acknowledging: the deferred work is dropped, the event is in the database.
    channel.deferred.length = 0;
    expect(await campaign.db.prisma.inboundEvent.count()).toBe(1);
    // After the restart, the sweep processes it once.
    await processInboundEvents(channel.inbound);
    await processInboundEvents(channel.inbound);
    await channel.sendOutbox();
    const replies = sim.messagesIn('oc_work').filter((m) => m.sender.type === 'app');
    expect(replies).toHaveLength(1);
    expect(replies[0]!.content).toContain('QJ-00001');
  });

  it('refuses forged and stale requests before anything is stored', async () => {
    channel = await startChannel({ openedAt: at('2025-09-26 15:30'), households: 1 });
    const { sim, botUrl, campaign } = channel;
    const forged = await postEventToBot(
      sim,
      botUrl,
      { type: 'im.message.receive_v1', chatId: 'oc_work', senderOpenId: 'ou_officer', text: '帮助' },
      { tamper: 'signature' },
    );
    expect(forged.status).toBe(401);
    const old = await postEventToBot(
      sim,
      botUrl,
      { type: 'im.message.receive_v1', chatId: 'oc_work', senderOpenId: 'ou_officer', text: '帮助' },
      { tamper: 'timestamp' },
    );
    expect(old.status).toBe(403);
    expect(await campaign.db.prisma.inboundEvent.count()).toBe(0);
    const challenge = await postEventToBot(sim, botUrl, { type: 'url_verification', challenge: 'ch-42' });
    expect(challenge.body).toEqual({ challenge: 'ch-42' });
  });
});
