import { afterEach, describe, expect, it } from 'vitest';
import { createMetrics } from '../../src/app/metrics/create-metrics.ts';
import { enqueueMessage } from '../../src/app/timers/enqueue-message.ts';
import { metricsRoute } from '../../src/http/routes/metrics.ts';
import { postEventToBot } from '../../src/sandbox/simulator/post-to-bot.ts';
import { at } from '../helpers/engine-fixture.ts';
import { startChannel, type Channel } from '../helpers/lark-channel-fixture.ts';

let channel: Channel | undefined;
afterEach(async () => {
  await channel?.close();
  channel = undefined;
});

async function scrape(c: Channel): Promise<string> {
  const r = await fetch(c.metricsUrl);
  expect(r.status).toBe(200);
  expect(r.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return r.text();
}

/** The value of one sample, e.g. value(text, 'huhuqing_card_callbacks_total{outcome="ok"}'). */
function value(text: string, sample: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${sample} `));
  return line === undefined ? undefined : Number(line.slice(sample.length + 1));
}

const sampleLine =
  /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{([a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\.)*",?)*\})? (-?\d+(\.\d+)?([eE][+-]?\d+)?|NaN|[+-]Inf)( -?\d+)?$/;
const helpLine = /^# HELP [a-zA-Z_:][a-zA-Z0-9_:]* .*$/;
const typeLine = /^# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram|summary|untyped)$/;

/** Prometheus text exposition format 0.0.4: problems found, empty when the text parses. */
function expositionProblems(text: string): string[] {
  const problems: string[] = [];
  const typed = new Map<string, string>();
  for (const line of text.split('\n')) {
    if (line === '') continue;
    if (line.startsWith('#')) {
      const t = typeLine.exec(line);
      if (t) typed.set(t[1]!, t[2]!);
      else if (!helpLine.test(line)) problems.push(`bad comment: ${line}`);
      continue;
    }
    const m = sampleLine.exec(line);
    if (!m) {
      problems.push(`bad sample: ${line}`);
      continue;
    }
    const name = m[1]!;
    const base = [name, name.replace(/_(bucket|sum|count|total|created)$/, '')].find((n) => typed.has(n));
    if (!base) problems.push(`sample without # TYPE: ${line}`);
  }
  return problems;
}

describe('GET /metrics', () => {
  it('counts events, card callbacks with their latency, timers fired and outbox sends and failures, in the Prometheus text format', async () => {
    const metrics = createMetrics();
    channel = await startChannel({ openedAt: at('2025-09-26 15:30'), households: 2, metrics });
    const c = channel;
    const db = c.campaign.db.prisma;

    // A tick: both households' first reminders fire (one digest to the officer).
    c.clock.set(at('2025-10-14 09:00'));
    await c.tick();
    const reminders = await db.timer.count({ where: { kind: 'remind', status: 'fired' } });
    expect(reminders).toBeGreaterThan(0);
    await c.sendOutbox();
    const digest = c.sim.messagesIn('ou_officer')[0]!;

    // Two card callbacks: the officer opens a case (ok), a stranger acts on it (refused).
    const caseId = c.campaign.caseIds[0]!;
    const open = await postEventToBot(c.sim, c.botUrl, {
      type: 'card.action.trigger',
      messageId: digest.messageId,
      operatorOpenId: 'ou_officer',
      value: { a: 'open', caseId },
    });
    expect(open.callback?.code).toBe(0);
    const refused = await postEventToBot(c.sim, c.botUrl, {
      type: 'card.action.trigger',
      messageId: digest.messageId,
      operatorOpenId: 'ou_stranger',
      value: { a: 'event', caseId, event: 'VERIFIED', state: 'verifying', v: 0 },
    });
    expect((refused.body as { toast: { type: string } }).toast.type).toBe('error');

    // A chat message: received, processed after the ack, answered through the outbox.
    await postEventToBot(c.sim, c.botUrl, {
      type: 'im.message.receive_v1',
      chatId: 'oc_inspection',
      senderOpenId: 'ou_county',
      text: '进度',
    });
    await c.settle();
    // A message for a chat the bot is not in: a permanent failure (230002).
    c.sim.addChat({ chatId: 'oc_nobot', name: '机器人不在的群', members: ['ou_admin'], botInChat: false });
    await db.$transaction((tx) =>
      enqueueMessage(tx, 'test:nobot', { kind: 'chat', larkId: 'oc_nobot' }, { type: 'text', text: '你好' }, c.clock.now()),
    );
    // A card whose case no longer exists: nothing to send.
    await db.$transaction((tx) =>
      enqueueMessage(
        tx,
        'test:gone',
        { kind: 'chat', larkId: 'oc_inspection' },
        { type: 'escalation', urgent: false, items: [{ caseId: 9999 }] },
        c.clock.now(),
      ),
    );
    await c.sendOutbox();

    // Time passes without a tick: the next reminders are due and waiting.
    c.clock.set(at('2025-10-17 09:00'));
    const waiting = await db.timer.count({ where: { status: 'pending', dueAt: { lte: c.clock.now() } } });
    expect(waiting).toBeGreaterThan(0);

    const text = await scrape(c);
    expect(expositionProblems(text)).toEqual([]);
    expect(value(text, 'huhuqing_lark_events_received_total{type="card.action.trigger"}')).toBe(2);
    expect(value(text, 'huhuqing_lark_events_received_total{type="im.message.receive_v1"}')).toBe(1);
    expect(value(text, 'huhuqing_card_callbacks_total{outcome="ok"}')).toBe(1);
    expect(value(text, 'huhuqing_card_callbacks_total{outcome="refused"}')).toBe(1);
    expect(value(text, 'huhuqing_card_callback_duration_seconds_count')).toBe(2);
    expect(value(text, 'huhuqing_card_callback_duration_seconds_bucket{le="+Inf"}')).toBe(2);
    expect(value(text, 'huhuqing_card_callback_duration_seconds_sum')).toBeGreaterThan(0);
    expect(value(text, 'huhuqing_timers_fired_total{kind="remind"}')).toBe(reminders);
    // The officer's digest and the answer to 进度 went out; the other two failed for good.
    expect(value(text, 'huhuqing_outbox_sent_total{kind="send"}')).toBe(2);
    expect(value(text, 'huhuqing_outbox_failures_total{reason="permanent",code="230002"}')).toBe(1);
    expect(value(text, 'huhuqing_outbox_failures_total{reason="unrenderable",code=""}')).toBe(1);
    expect(value(text, 'huhuqing_outbox_messages{status="failed"}')).toBe(2);
    expect(value(text, 'huhuqing_outbox_messages{status="pending"}')).toBe(0);
    expect(value(text, 'huhuqing_timers_due{kind="remind"}')! + value(text, 'huhuqing_timers_due{kind="deadline"}')!).toBe(waiting);
    expect(value(text, 'huhuqing_database_up')).toBe(1);
    // Process metrics from prom-client, on this app's own registry.
    expect(text).toMatch(/^process_cpu_user_seconds_total \d/m);
    expect(text).toMatch(/^nodejs_heap_size_used_bytes \d/m);

    // The tick takes the waiting timers: the gauge empties, the counter grows.
    await c.tick();
    const after = await scrape(c);
    expect(value(after, 'huhuqing_timers_due{kind="remind"}')).toBe(0);
    expect(value(after, 'huhuqing_timers_fired_total{kind="remind"}')).toBeGreaterThan(reminders);
    expect(value(after, 'huhuqing_timers_fired_total{kind="deadline"}')).toBeGreaterThan(0);
  });

  it('keeps one registry per app, and still answers with database_up 0 when the database cannot be read', async () => {
    const a = createMetrics({ processMetrics: false });
    const b = createMetrics({ processMetrics: false });
    a.sink.eventReceived('im.message.receive_v1');
    a.sink.cardCallbackStarted()('stale');
    a.sink.outboxFailed('retry');
    const route = metricsRoute({
      metrics: a,
      readGauges: async () => {
        throw new Error('SQLITE_BUSY');
      },
    });
    const text = await (await route.request('/metrics')).text();
    expect(expositionProblems(text)).toEqual([]);
    expect(value(text, 'huhuqing_lark_events_received_total{type="im.message.receive_v1"}')).toBe(1);
    expect(value(text, 'huhuqing_card_callbacks_total{outcome="stale"}')).toBe(1);
    expect(value(text, 'huhuqing_outbox_failures_total{reason="retry",code=""}')).toBe(1);
    expect(value(text, 'huhuqing_database_up')).toBe(0);
    expect(text).not.toMatch(/^huhuqing_timers_due\{/m);
    expect(text).not.toMatch(/^process_/m);
    const other = await metricsRoute({ metrics: b }).request('/metrics');
    expect(value(await other.text(), 'huhuqing_lark_events_received_total{type="im.message.receive_v1"}')).toBeUndefined();
  });
});
