// The long connection's receiver: the same receiveLarkEvent as the webhook, with processing
// started after the handler returns (the SDK acks the frame with the returned body).
import type { LarkInboundDeps } from './lark-inbound-deps.ts';
import { processInboundEvents } from './process-inbound-events.ts';
import { receiveLarkEvent } from './receive-lark-event.ts';

/**
 * `afterReceive` starts the processing (the server passes its single-flight runner, so events
 * arriving together are processed by one run); by default it is started at once, unawaited.
 */
export function receiveFromLongConnection(
  deps: LarkInboundDeps,
  afterReceive: (work: () => Promise<unknown>) => void = (work) => void work(),
): (payload: Record<string, unknown>) => Promise<unknown> {
  return async (payload) => {
    const receipt = await receiveLarkEvent(deps, payload);
    if (!receipt.ok) {
      deps.logger.warn({ reason: receipt.message }, 'long-connection event refused');
      return {};
    }
    // Fire and forget: processInboundEvents never rejects, and the frame is acked without waiting.
    if (receipt.enqueued) afterReceive(() => processInboundEvents(deps));
    return receipt.body;
  };
}
