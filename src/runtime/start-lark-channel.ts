// Node, live mode: the Lark channel around the engine. Webhook mode gives the /lark/events route
// deps; long-connection mode (LARK_EVENT_MODE=ws, Node only) feeds the same handlers through the
// SDK's WSClient. The outbox is sent every second; received events left by a crash are swept at
// start and every minute. Processing runs one run at a time: each ack starting a run of its own
// had hundreds claiming and processing at once under load, holding the event loop from new acks.
import type { EngineDeps } from '../app/cases/engine-deps.ts';
import { buildLarkChannel, fetchBotOpenId } from '../app/lark/build-lark-channel.ts';
import { processInboundEvents } from '../app/lark/process-inbound-events.ts';
import { receiveFromLongConnection } from '../app/lark/receive-from-long-connection.ts';
import { runOutbox } from '../app/lark/run-outbox.ts';
import type { Config } from '../config/parse-config.ts';
import type { Logger } from '../core/logger.ts';
import type { LarkRouteDeps } from '../http/routes/lark-events.ts';
import { startWsClient } from '../lark/inbound/start-ws-client.ts';
import { createLarkClient } from '../lark/outbox/create-lark-client.ts';
import { createSingleFlight } from './create-single-flight.ts';
import { logLoopFailure } from './schedule-ticks.ts';

export interface LarkChannelRuntime {
  route: LarkRouteDeps | undefined;
  stop(): void;
}

/** `sandbox`: the simulator's credentials instead of the configured ones (webhook mode). */
export async function startLarkChannel(
  config: Config,
  engine: EngineDeps,
  logger: Logger,
  sandbox?: { appId: string; appSecret: string; domain: string; encryptKey: string; verificationToken: string },
  now: () => Date = () => new Date(),
): Promise<LarkChannelRuntime> {
  const { appId, appSecret, domain } = sandbox ?? config.lark;
  if (!appId || !appSecret) return { route: undefined, stop: () => {} };
  const lark = createLarkClient({ appId, appSecret, domain, now });
  let botOpenId: string | undefined;
  try {
    botOpenId = await fetchBotOpenId(lark);
  } catch (error) {
    logger.warn({ err: (error as Error).message }, '无法获取机器人信息（bot/v3/info）：群里的 @机器人 识别将在下次启动时重试');
  }
  const channel = buildLarkChannel({
    engine,
    lark,
    logger,
    now,
    sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
    botOpenId: () => botOpenId,
  });
  await processInboundEvents(channel.inbound); // the restart sweep

  let sending = false;
  const outbox = setInterval(() => {
    if (sending) return;
    sending = true;
    runOutbox(channel.outbox)
      .catch((error: unknown) => logLoopFailure(logger, 'outbox', error))
      .finally(() => (sending = false));
  }, 1000);
  // processInboundEvents never rejects: an error here is a bug, logged with its message.
  const processing = createSingleFlight((error) =>
    logger.error({ err: error instanceof Error ? error.message : String(error) }, 'inbound event processing failed'),
  );
  const sweep = setInterval(() => processing.run(() => processInboundEvents(channel.inbound)), 60_000);

  const ws =
    !sandbox && config.lark.eventMode === 'ws'
      ? startWsClient({
          appId,
          appSecret,
          domain,
          logger,
          receive: receiveFromLongConnection(channel.inbound, (work) => processing.run(work)),
        })
      : undefined;
  const route: LarkRouteDeps | undefined =
    sandbox || config.lark.eventMode === 'webhook'
      ? {
          ...channel.inbound,
          encryptKey: sandbox?.encryptKey ?? config.lark.encryptKey,
          verificationToken: sandbox?.verificationToken ?? config.lark.verificationToken,
          // No setImmediate needed: processInboundEvents yields to the event loop before any query.
          afterAck: (work) => processing.run(work),
        }
      : undefined;
  return {
    route,
    stop: () => {
      clearInterval(outbox);
      clearInterval(sweep);
      ws?.close();
    },
  };
}
