// Wires the engine to Lark: the inbound deps the /lark/events route and the long connection use
// (card actions answered through the engine, chat commands, bot added), and the outbox deps that
// send what the engine queued. Runtime-neutral: the runtime passes the clock and how to defer work.
// Both count into the engine's metrics sink (EngineDeps.metrics) when it has one.
import type { Logger } from '../../core/logger.ts';
import type { LarkClientHandle } from '../../lark/outbox/create-lark-client.ts';
import { RateLimiter } from '../../lark/outbox/rate-limiter.ts';
import type { EngineDeps } from '../cases/engine-deps.ts';
import { handleCardAction } from './handle-card-action.ts';
import { handleBotAdded, handleChatMessage } from './handle-chat-message.ts';
import type { LarkInboundDeps } from './lark-inbound-deps.ts';
import { createOutboxRenderer } from './render-outbox-row.ts';
import type { OutboxDeps } from './run-outbox.ts';

export interface LarkChannelOptions {
  engine: EngineDeps;
  lark: LarkClientHandle;
  logger: Logger;
  now: () => Date;
  sleep: (ms: number) => Promise<void>;
  botOpenId: () => string | undefined;
}

export function buildLarkChannel(o: LarkChannelOptions): { inbound: LarkInboundDeps; outbox: OutboxDeps } {
  const inbound: LarkInboundDeps = {
    db: o.engine.db,
    logger: o.logger,
    now: o.now,
    botOpenId: o.botOpenId,
    ...(o.engine.metrics ? { metrics: o.engine.metrics } : {}),
    onCardAction: (event) => handleCardAction(o.engine, event, o.now()),
    handlers: {
      onMessage: (event) => handleChatMessage(o.engine, event, o.now()),
      onBotAdded: (event) => handleBotAdded(o.engine, event, o.now()),
      onP2pCreated: async (event) => {
        o.logger.info({ chatId: event.chatId }, 'direct chat with the bot opened');
      },
    },
  };
  const outbox: OutboxDeps = {
    db: o.engine.db,
    lark: o.lark,
    limiter: new RateLimiter(),
    render: createOutboxRenderer(o.engine, o.lark.client, o.now),
    now: o.now,
    sleep: o.sleep,
    logger: o.logger,
    ...(o.engine.metrics ? { metrics: o.engine.metrics } : {}),
  };
  return { inbound, outbox };
}

/** The bot's own open_id (bot/v3/info), fetched once: polling it would eat the monthly quota. */
export async function fetchBotOpenId(lark: LarkClientHandle): Promise<string | undefined> {
  const r = (await lark.client.request({ method: 'GET', url: '/open-apis/bot/v3/info' })) as { code?: number; bot?: { open_id?: string } };
  return r.code === 0 ? r.bot?.open_id : undefined;
}
