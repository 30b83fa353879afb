// The Worker inside workerd, end to end: a signed Lark event stored before the 200 and processed in
// waitUntil, a card callback advancing a case, Cron Triggers firing due timers against D1, and the
// outbox sending to the Lark simulator (on Node, reached over fetch).
import { createExecutionContext, createScheduledController, env, waitOnExecutionContext } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import worker, { runScheduled } from '../../src/runtime/worker.ts';
import { db, messagesIn, postToWorker, seedCampaign, workerEnv } from './worker-fixture.ts';

const cardOf = (content: string) => JSON.parse(content) as { header?: { title?: { content?: string } } };

describe('the Worker on D1', () => {
  it('answers /healthz and /readyz (D1 migrated from migrations/)', async () => {
    const ctx = createExecutionContext();
    const ready = await worker.fetch(new Request('https://h.test/readyz'), workerEnv(), ctx);
    await waitOnExecutionContext(ctx);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ ready: true, mode: 'live' });
    const health = await worker.fetch(new Request('https://h.test/healthz'), workerEnv(), createExecutionContext());
    expect(await health.json()).toEqual({ ok: true });
  });

  it('stores a signed event before the 200, processes it in waitUntil and replies through the outbox; forgeries get 401', async () => {
    const c = await seedCampaign('hook', new Date());
    const res = await postToWorker({ type: 'im.message.receive_v1', chatId: c.officerChat, senderOpenId: c.officer, text: '帮助' });
    expect(res.status).toBe(200);
    expect(res.storedBeforeAck).toBeGreaterThanOrEqual(1);
    const row = await db().inboundEvent.findFirstOrThrow({ where: { eventType: 'im.message.receive_v1' }, orderBy: { id: 'desc' } });
    expect(row.status).toBe('processed');
    const replies = (await messagesIn(c.officerChat)).filter((m) => m.sender.type === 'app');
    expect(replies).toHaveLength(1);
    expect(replies[0]!.msgType).toBe('interactive');

    const forged = await postToWorker(
      { type: 'im.message.receive_v1', chatId: c.officerChat, senderOpenId: c.officer, text: '帮助' },
      { tamper: 'signature' },
    );
    expect(forged.status).toBe(401);
  });

  it('advances a case from a card callback and answers with the new card', async () => {
    const c = await seedCampaign('card', new Date(), 1);
    const caseId = c.caseIds[0]!;
    // 查 <档案编号>: the case card arrives in the chat through the outbox.
    const ask = await postToWorker({
      type: 'im.message.receive_v1',
      chatId: c.officerChat,
      senderOpenId: c.officer,
      text: `查 ${c.archiveNos[0]}`,
    });
    expect(ask.status).toBe(200);
    const card = (await messagesIn(c.officerChat)).find((m) => m.sender.type === 'app' && m.content.includes('f_VERIFIED'));
    expect(card).toBeDefined();
    const before = await db().case.findUniqueOrThrow({ where: { id: caseId } });
    const submit = await postToWorker({
      type: 'card.action.trigger',
      messageId: card!.messageId,
      operatorOpenId: c.officer,
      value: { a: 'event', caseId, event: 'VERIFIED', state: 'verifying', v: before.version },
      formValue: { f_VERIFIED__persons: '3', f_VERIFIED__causes: ['收入低'], f_VERIFIED__visit_date: '2025-10-13 +0800' },
      name: 's_VERIFIED',
      tag: 'button',
    });
    expect(submit.status).toBe(200);
    const answer = submit.body as { toast: { type: string; content: string }; card?: { data?: unknown } };
    expect(answer.toast.type).toBe('success');
    expect(answer.toast.content).toContain('已提交「已核实」');
    const after = await db().case.findUniqueOrThrow({ where: { id: caseId } });
    expect(after.state).toBe('classifying');
    expect(after.version).toBe(before.version + 1);
    expect(await db().auditEvent.count({ where: { caseId, action: 'case.transition' } })).toBe(1);
    expect(await db().timer.count({ where: { caseId, status: 'pending', key: { startsWith: `c${caseId}:e2:` } } })).toBeGreaterThan(0);
    // The answer card is the case as the step wrote it; the clicked message now shows it as a case
    // card (written in the step's batch, with the transition).
    expect(JSON.stringify(answer.card?.data)).toContain('f_CLASSIFIED');
    const shown = await db().cardMessage.findMany({ where: { larkMessageId: card!.messageId }, select: { caseId: true, outboxId: true } });
    expect(shown).toEqual([{ caseId, outboxId: 0 }]);
  });

  it('fires due timers from a Cron Trigger and sends the escalations to the simulator', async () => {
    // Opened on Monday 2025-10-13 09:00 (Shanghai); 10 working days later the deadline has passed.
    const openedAt = new Date('2025-10-13T01:00:00Z');
    const c = await seedCampaign('cron', openedAt, 2);
    const now = new Date('2025-11-05T02:17:00Z'); // Wednesday 10:17, outside the quiet hours
    const due = await db().timer.count({ where: { status: 'pending', dueAt: { lte: now }, caseId: { in: c.caseIds } } });
    expect(due).toBeGreaterThan(0);

    // The real handler: scheduled() → waitUntil(runScheduled(env, scheduledTime)).
    const ctx = createExecutionContext();
    worker.scheduled(createScheduledController({ scheduledTime: now, cron: '* * * * *' }), workerEnv(), ctx);
    await waitOnExecutionContext(ctx);

    expect(await db().timer.count({ where: { status: 'pending', dueAt: { lte: now }, caseId: { in: c.caseIds } } })).toBe(0);
    expect(await db().timer.count({ where: { status: 'fired', caseId: { in: c.caseIds }, kind: 'deadline' } })).toBe(2);
    expect(await db().auditEvent.count({ where: { action: 'case.deadline_passed', caseId: { in: c.caseIds } } })).toBe(2);
    const escalations = await db().escalation.count({ where: { caseId: { in: c.caseIds } } });
    expect(escalations).toBeGreaterThan(0);
    // The tick's messages went out in the same run: the inspection group got its escalation card.
    const pending = await db().outboxMessage.count({ where: { status: { in: ['pending', 'sending'] } } });
    expect(pending).toBe(0);
    const inspection = (await messagesIn(c.inspectionChat)).filter((m) => m.sender.type === 'app');
    expect(inspection.length).toBeGreaterThan(0);
    expect(inspection.map((m) => cardOf(m.content).header?.title?.content ?? '').join()).toMatch(/督办|逾期|超期/);

    // The next minute finds nothing left to fire.
    const again = await runScheduled(workerEnv(), new Date(now.getTime() + 60_000));
    expect(again.tick.fired).toBe(0);
  });

  it('binds env bindings as settings (parseConfig) and refuses bad ones with the fix', async () => {
    const ctx = createExecutionContext();
    const res = await worker.fetch(
      new Request('https://h.test/api/openapi.json'),
      { ...env, HUHUQING_TIMEZONE: 'Mars/Olympus' } as never,
      ctx,
    );
    expect(res.status).toBe(503);
    expect(JSON.stringify(await res.json())).toContain('HUHUQING_TIMEZONE');
  });
});
