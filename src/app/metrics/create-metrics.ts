// The Prometheus metrics of one app instance: its own prom-client Registry (never the global one, so
// tests and several apps in one process stay apart), the counters the use-cases feed through the
// MetricsSink port, the gauges read from the database at scrape time, and the process metrics.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { CardCallbackOutcome, MetricsSink, OutboxFailureReason } from '../../core/ports/metrics-sink.ts';
import type { MetricGaugeReadings } from './read-metric-gauges.ts';

export interface AppMetrics {
  /** Give this to the use-cases (EngineDeps.metrics). */
  sink: MetricsSink;
  registry: Registry;
  /** Replaces the database gauges with a fresh reading; `null` when the database could not be read. */
  setGauges(readings: MetricGaugeReadings | null): void;
  /** The exposition text (Prometheus text format 0.0.4). */
  render(): Promise<string>;
  contentType: string;
}

export interface MetricsOptions {
  /** prom-client's process and Node.js metrics (CPU, memory, event loop lag, GC …). Default true. */
  processMetrics?: boolean;
}

/** Card callbacks must be answered within Lark's 3 s; the buckets resolve that range. */
const callbackBuckets = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5];

export function createMetrics(options: MetricsOptions = {}): AppMetrics {
  const registry = new Registry();
  if (options.processMetrics !== false) collectDefaultMetrics({ register: registry });
  const registers = [registry];

  const events = new Counter({
    name: 'huhuqing_lark_events_received_total',
    help: 'Verified Lark events and card callbacks received, by event type (re-pushes included).',
    labelNames: ['type'] as const,
    registers,
  });
  const callbacks = new Counter({
    name: 'huhuqing_card_callbacks_total',
    help: 'Card callbacks answered, by outcome (ok, refused, invalid, stale, duplicate, error).',
    labelNames: ['outcome'] as const,
    registers,
  });
  const callbackSeconds = new Histogram({
    name: 'huhuqing_card_callback_duration_seconds',
    help: 'Time to answer a card callback (Lark allows 3 s).',
    buckets: callbackBuckets,
    registers,
  });
  const fired = new Counter({
    name: 'huhuqing_timers_fired_total',
    help: 'Timers fired by the scheduler, by kind (deadline, remind, escalate, next_cycle, digest).',
    labelNames: ['kind'] as const,
    registers,
  });
  const sent = new Counter({
    name: 'huhuqing_outbox_sent_total',
    help: 'Outbox rows delivered to Lark, by kind (send, patch, urgent).',
    labelNames: ['kind'] as const,
    registers,
  });
  const failures = new Counter({
    name: 'huhuqing_outbox_failures_total',
    help: 'Failed outbox attempts, by reason (permanent, unrenderable, retry, token, quota) and Lark code (permanent only).',
    labelNames: ['reason', 'code'] as const,
    registers,
  });
  const timersDue = new Gauge({
    name: 'huhuqing_timers_due',
    help: 'Pending timers whose time has come (dueAt <= now), by kind: a growing number means ticks are not running.',
    labelNames: ['kind'] as const,
    registers,
  });
  const outboxDepth = new Gauge({
    name: 'huhuqing_outbox_messages',
    help: 'Outbox rows not delivered, by status (pending, sending, failed).',
    labelNames: ['status'] as const,
    registers,
  });
  const databaseUp = new Gauge({
    name: 'huhuqing_database_up',
    help: '1 when the gauges above could be read from the database at this scrape, else 0.',
    registers,
  });

  // Known label values start at 0, so rate() and alerts see a series before its first event.
  for (const outcome of ['ok', 'refused', 'invalid', 'stale', 'duplicate', 'error']) callbacks.inc({ outcome }, 0);
  for (const kind of ['deadline', 'remind', 'escalate', 'next_cycle', 'digest']) fired.inc({ kind }, 0);
  for (const kind of ['send', 'patch', 'urgent']) sent.inc({ kind }, 0);

  const sink: MetricsSink = {
    eventReceived: (type) => events.inc({ type }),
    cardCallbackStarted: () => {
      const end = callbackSeconds.startTimer();
      return (outcome: CardCallbackOutcome) => {
        end();
        callbacks.inc({ outcome });
      };
    },
    timersFired: (kind, count) => {
      if (count > 0) fired.inc({ kind }, count);
    },
    outboxSent: (kind) => sent.inc({ kind }),
    outboxFailed: (reason: OutboxFailureReason, code?: number) =>
      failures.inc({ reason, code: reason === 'permanent' && code !== undefined ? String(code) : '' }),
  };

  return {
    sink,
    registry,
    setGauges(readings) {
      timersDue.reset();
      outboxDepth.reset();
      databaseUp.set(readings ? 1 : 0);
      if (!readings) return;
      for (const [kind, n] of Object.entries(readings.timersDue)) timersDue.set({ kind }, n);
      for (const [status, n] of Object.entries(readings.outbox)) outboxDepth.set({ status }, n);
    },
    render: () => registry.metrics(),
    contentType: registry.contentType,
  };
}
