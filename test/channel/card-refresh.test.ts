import { afterEach, describe, expect, it } from 'vitest';
import { sendCaseEvent } from '../../src/app/cases/send-case-event.ts';
import { postEventToBot } from '../../src/sandbox/simulator/post-to-bot.ts';
import { at } from '../helpers/engine-fixture.ts';
import { startChannel, type Channel } from '../helpers/lark-channel-fixture.ts';

let channel: Channel | undefined;
afterEach(async () => channel?.close());

describe('sent cards stay current', () => {
  it('patches a digest in place when one of its cases changes elsewhere, and keeps a clicked-open case card a case card', async () => {
    channel = await startChannel({ openedAt: at('2025-09-26 15:30'), households: 2 });
    const { sim, botUrl, campaign } = channel;
    channel.clock.set(at('2025-10-14 09:00'));
    await channel.tick();
    await channel.sendOutbox();
    const digest = sim.messagesIn('ou_officer')[0]!;
    expect(digest.content).toContain('QJ-00001');
    expect(digest.content).toContain('QJ-00002');

    // A supervisor closes household 2 from somewhere else: the digest is patched without it.
    const [first, second] = campaign.caseIds as [number, number];
    await sendCaseEvent(campaign.deps, {
      caseId: second,
      type: 'CLOSE',
      form: { reason: '退休' },
      operator: campaign.people.county,
      source: 'card',
      now: channel.clock.now(),
    });
    await channel.sendOutbox();
    const patched = sim.messagesIn('ou_officer')[0]!;
    expect(patched.edits.map((e) => e.via)).toEqual(['patch']);
    expect(patched.content).toContain('QJ-00001');
    expect(patched.content).not.toContain('QJ-00002');

    // The officer opens household 1's card on that message; a later change patches it as a case card.
    await postEventToBot(sim, botUrl, {
      type: 'card.action.trigger',
      messageId: digest.messageId,
      operatorOpenId: 'ou_officer',
      value: { a: 'open', caseId: first },
    });
    await sendCaseEvent(campaign.deps, {
      caseId: first,
      type: 'VERIFIED',
      form: { persons: 3, causes: ['收入低'], visit_date: '2025-10-13' },
      operator: campaign.people.officer,
      source: 'chat',
      now: channel.clock.now(),
    });
    await channel.sendOutbox();
    const now = sim.messagesIn('ou_officer')[0]!;
    expect(now.edits.at(-1)?.via).toBe('patch');
    expect(now.content).toContain('精准识别');
    expect(now.content).toContain('f_CLASSIFIED');

    // A click on that card is answered with the card as it now is: no patch of it follows (a Lark
    // call of the month's quota for nothing), while a change made elsewhere still patches it.
    const patchEdits = () => sim.messagesIn('ou_officer')[0]!.edits.filter((e) => e.via === 'patch').length;
    const editsBefore = patchEdits();
    const patchesOf = (messageId: string) => campaign.db.prisma.outboxMessage.count({ where: { kind: 'patch', receiveId: messageId } });
    const patchesBefore = await patchesOf(digest.messageId);
    const { state } = await campaign.db.prisma.case.findUniqueOrThrow({ where: { id: first } });
    const answer = await postEventToBot(sim, botUrl, {
      type: 'card.action.trigger',
      messageId: digest.messageId,
      operatorOpenId: 'ou_officer',
      name: 's_CLASSIFIED',
      value: { a: 'event', caseId: first, event: 'CLASSIFIED', state, v: 0 },
      formValue: { f_CLASSIFIED__causes: ['收入低'], f_CLASSIFIED__tier: '相对困难' },
    });
    expect(JSON.stringify(answer.body)).toContain('已提交');
    expect((await campaign.db.prisma.case.findUniqueOrThrow({ where: { id: first } })).state).not.toBe(state);
    await channel.sendOutbox();
    expect(await patchesOf(digest.messageId)).toBe(patchesBefore);
    expect(patchEdits()).toBe(editsBefore);
    await sendCaseEvent(campaign.deps, {
      caseId: first,
      type: 'PLANNED',
      form: { measures: ['就业帮扶'], responsible: '总工会' },
      operator: campaign.people.officer,
      source: 'chat',
      now: channel.clock.now(),
    });
    await channel.sendOutbox();
    expect(patchEdits()).toBe(editsBefore + 1);
  });

  it('leaves cards older than 14 days alone', async () => {
    channel = await startChannel({ openedAt: at('2025-09-26 15:30'), households: 1 });
    channel.clock.set(at('2025-10-14 09:00'));
    await channel.tick();
    await channel.sendOutbox();
    channel.clock.set(at('2025-10-29 09:00'));
    await sendCaseEvent(channel.campaign.deps, {
      caseId: channel.campaign.caseIds[0]!,
      type: 'CLOSE',
      form: { reason: '退休' },
      operator: channel.campaign.people.county,
      source: 'card',
      now: channel.clock.now(),
    });
    expect(await channel.campaign.db.prisma.outboxMessage.count({ where: { kind: 'patch' } })).toBe(0);
  });
});
