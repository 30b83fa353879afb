// The metrics port: what the use-cases report as it happens (events received, card callbacks
// answered, timers fired, outbox sends and failures). The app never sees the metrics library; the
// Prometheus implementation is src/app/metrics/create-metrics.ts. Every call must stay cheap: it
// sits on the hot paths (a card callback, a tick, every outbox row).

/** How a card callback ended, from the clicker's point of view. */
export type CardCallbackOutcome =
  /** the engine acted (or the card was opened, or 督办 recorded) */
  | 'ok'
  /** not allowed: not on the roster, not this person's household, not their rung */
  | 'refused'
  /** the form did not validate (a required field missing …) */
  | 'invalid'
  /** the card was out of date: another person acted first, the case moved on or is gone */
  | 'stale'
  /** the same callback again (Lark re-delivered it): answered without acting */
  | 'duplicate'
  /** the handler threw: the clicker got "操作未完成" */
  | 'error';

/** Why an outbox row did not go out this time. */
export type OutboxFailureReason =
  /** will never succeed as it is (bot not in chat, user left, card rejected …); `code` is Lark's */
  | 'permanent'
  /** nothing to send or nobody to send it to (cases closed, recipient not found) */
  | 'unrenderable'
  /** rate limits, 5xx, timeouts: retried later */
  | 'retry'
  /** the access token was revoked: refreshed and retried */
  | 'token'
  /** the monthly API quota is used up: sending stopped until next month */
  | 'quota';

export interface MetricsSink {
  /** A verified Lark event or callback was received (before dedupe). */
  eventReceived(eventType: string): void;
  /** Starts timing one card callback; call the returned function once it is answered. */
  cardCallbackStarted(): (outcome: CardCallbackOutcome) => void;
  /** Timers of one kind fired by a tick (deadline, remind, escalate, next_cycle, digest). */
  timersFired(kind: string, count: number): void;
  /** One outbox row was delivered (send, patch, urgent …). */
  outboxSent(kind: string): void;
  /** One attempt at an outbox row failed; `code` is Lark's code for permanent failures. */
  outboxFailed(reason: OutboxFailureReason, code?: number): void;
}
