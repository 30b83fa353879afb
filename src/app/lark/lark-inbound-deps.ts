// What the inbound Lark use-cases need: the store, a clock, the bot's identity and the handlers
// the lead's use-cases implement (chat commands, bot added to a group, first direct chat, cards).
import type { Logger } from '../../core/logger.ts';
import type { CardCallbackOutcome, MetricsSink } from '../../core/ports/metrics-sink.ts';
import type { Db } from '../../db/create-prisma.ts';
import type { ClaimOptions } from '../../db/inbound-events.ts';
import type {
  CardActionResponse,
  LarkBotAddedEvent,
  LarkCardActionEvent,
  LarkMessageEvent,
  LarkP2pCreatedEvent,
} from '../../lark/inbound/lark-inbound-event.ts';

/** Handlers for events processed after the ack. They may run again after a crash: keep them idempotent. */
export interface LarkEventHandlers {
  onMessage(event: LarkMessageEvent): Promise<void>;
  onBotAdded(event: LarkBotAddedEvent): Promise<void>;
  onP2pCreated(event: LarkP2pCreatedEvent): Promise<void>;
}

/** A card click's answer, and how it ended for the metrics (`outcome` is not sent to Lark; default ok). */
export type CardActionAnswer = CardActionResponse & { outcome?: CardCallbackOutcome };

/** Answers a card click within Lark's 3 s budget; the returned body (without `outcome`) is sent back. */
export type CardActionHandler = (event: LarkCardActionEvent) => Promise<CardActionAnswer>;

export interface ProcessInboundDeps {
  db: Db;
  logger: Logger;
  now: () => Date;
  /** The bot's open_id, cached by the caller (bot/v3/info costs API quota, lark-platform.md §6). */
  botOpenId: () => string | undefined;
  handlers: LarkEventHandlers;
  /** Rows claimed per batch (default 50). */
  batchSize?: number;
  claim?: ClaimOptions;
  /** Counts received events and answered card callbacks (GET /metrics). */
  metrics?: MetricsSink;
}

export interface LarkInboundDeps extends ProcessInboundDeps {
  onCardAction: CardActionHandler;
}
