// Long-connection mode (LARK_EVENT_MODE=ws, Node only): the SDK's WSClient pulls events over a
// WebSocket, for offices without a public address. Each registered type is rebuilt into a Lark
// envelope and handed to the same receiver as the webhook (parse, dedupe store, handlers); the
// receiver's return value (a card answer, or {}) becomes the frame's ack.
import * as lark from '#lark-sdk';
import type { Logger } from '../../core/logger.ts';
import { sdkEventToPayload } from './sdk-event-to-payload.ts';

export type LarkPayloadReceiver = (payload: Record<string, unknown>) => Promise<unknown>;

/** Event types fed through the long connection; others are not registered (the SDK ignores them). */
export const WS_EVENT_TYPES = ['im.message.receive_v1', 'card.action.trigger', 'im.chat.member.bot.added_v1', 'p2p_chat_create'] as const;

export function createWsEventDispatcher(receive: LarkPayloadReceiver, logger: Logger): lark.EventDispatcher {
  const dispatcher = new lark.EventDispatcher({ logger: sdkLogger(logger), loggerLevel: lark.LoggerLevel.warn });
  const handles: Record<string, (data: Record<string, unknown>) => Promise<unknown>> = {};
  for (const type of WS_EVENT_TYPES) {
    handles[type] = async (data) => {
      try {
        return await receive(sdkEventToPayload(type, data));
      } catch (error) {
        // No ack body means Lark re-sends the event (events) or shows an error (cards).
        logger.error({ eventType: type, err: error instanceof Error ? error.name : 'unknown' }, 'long-connection event not handled');
        throw error;
      }
    };
  }
  // card.action.trigger is missing from the SDK's generated handle types: the generic register.
  return dispatcher.register<Record<string, (data: Record<string, unknown>) => Promise<unknown>>>(handles);
}

export interface WsClientOptions {
  appId: string;
  appSecret: string;
  /** 'feishu', 'lark' or a base URL (the simulator). */
  domain: string;
  logger: Logger;
  receive: LarkPayloadReceiver;
}

export interface RunningWsClient {
  started: Promise<void>;
  close(): void;
}

export function startWsClient(options: WsClientOptions): RunningWsClient {
  const client = new lark.WSClient({
    appId: options.appId,
    appSecret: options.appSecret,
    domain: options.domain === 'lark' ? lark.Domain.Lark : options.domain === 'feishu' ? lark.Domain.Feishu : options.domain,
    logger: sdkLogger(options.logger),
    loggerLevel: lark.LoggerLevel.warn,
    onReady: () => options.logger.info({}, '飞书长连接已建立'),
  });
  const started = client.start({ eventDispatcher: createWsEventDispatcher(options.receive, options.logger) });
  return { started, close: () => client.close({ force: true }) };
}

/** The SDK logs free-form arguments; only their string parts reach our logger, never objects (payloads). */
function sdkLogger(logger: Logger): {
  error(...a: unknown[]): void;
  warn(...a: unknown[]): void;
  info(...a: unknown[]): void;
  debug(...a: unknown[]): void;
  trace(...a: unknown[]): void;
} {
  const first = (args: unknown[]) =>
    args
      .map((a) => (typeof a === 'string' ? a : ''))
      .join(' ')
      .slice(0, 200);
  return {
    error: (...a) => logger.error({ source: 'lark-sdk' }, first(a)),
    warn: (...a) => logger.warn({ source: 'lark-sdk' }, first(a)),
    info: (...a) => logger.info({ source: 'lark-sdk' }, first(a)),
    debug: (...a) => logger.debug({ source: 'lark-sdk' }, first(a)),
    trace: () => {},
  };
}
