// Receives one verified Lark payload, whichever transport brought it (webhook or long connection):
// a card click is recorded and answered now; any other known event is recorded for processing
// after the ack (`enqueued`); unknown types are only logged. Store failures propagate: the caller
// must not ack an event it could not persist, so Lark re-pushes it.
import { describeDbError, type DbFault } from '../../db/describe-db-error.ts';
import { markAbandoned, markProcessed, recordClaimedInbound, recordInbound } from '../../db/inbound-events.ts';
import { dedupeKey, type CardActionResponse, type LarkCardActionEvent } from '../../lark/inbound/lark-inbound-event.ts';
import { parseLarkEvent } from '../../lark/inbound/parse-lark-event.ts';
import { stripVerificationToken } from '../../lark/inbound/strip-verification-token.ts';
import type { LarkInboundDeps } from './lark-inbound-deps.ts';

export type LarkReceipt =
  { ok: true; body: CardActionResponse | Record<string, never>; enqueued: boolean } | { ok: false; message: string };

export const duplicateCardToast: CardActionResponse = { toast: { type: 'info', content: '已处理' } };

export const failedCardToast: CardActionResponse = {
  toast: { type: 'error', content: '操作未完成：系统出错，请稍后重试；多次失败请联系管理员' },
};

/**
 * The database could not be written (busy past the busy timeout, disk full …): the click changed
 * nothing (every use-case writes in one transaction), so say so, and whether trying again may help.
 */
export function dbFaultCardToast(fault: DbFault): CardActionResponse {
  return {
    toast: {
      type: 'error',
      content: fault.temporary
        ? '操作未完成：系统繁忙（数据库正被占用），本次点击没有生效，请稍后再点一次'
        : '操作未完成：服务器暂时无法保存数据，本次点击没有生效；请稍后再试，多次失败请联系管理员',
    },
  };
}

export async function receiveLarkEvent(deps: LarkInboundDeps, payload: Record<string, unknown>): Promise<LarkReceipt> {
  const parsed = parseLarkEvent(payload, { botOpenId: deps.botOpenId() });
  if (!parsed.ok) return { ok: false, message: parsed.message };
  const { event, eventType } = parsed;
  const ids = { eventId: event.eventId, eventType };
  // Only types we handle are named: a label per arbitrary type string would grow without bound.
  deps.metrics?.eventReceived(event.kind === 'unknown' ? 'other' : eventType);
  if (event.kind === 'unknown') {
    deps.logger.info(ids, 'lark event of an unhandled type ignored');
    return { ok: true, body: {}, enqueued: false };
  }
  const record = { dedupeKey: dedupeKey(event), eventType, body: stripVerificationToken(payload), receivedAt: deps.now() };
  if (event.kind === 'card_action') return { ok: true, body: await answerCardAction(deps, event, record), enqueued: false };

  const outcome = await recordInbound(deps.db, record);
  if (outcome === 'duplicate') deps.logger.info(ids, 'lark event already received (re-push) ignored');
  return { ok: true, body: {}, enqueued: outcome === 'new' };
}

async function answerCardAction(
  deps: LarkInboundDeps,
  event: LarkCardActionEvent,
  record: Parameters<typeof recordInbound>[1],
): Promise<CardActionResponse> {
  const ids = { eventId: event.eventId, messageId: event.messageId };
  const answered = deps.metrics?.cardCallbackStarted();
  const id = await recordClaimedInbound(deps.db, record);
  if (id === null) {
    deps.logger.info(ids, 'card callback already handled: not acted on again');
    answered?.('duplicate');
    return duplicateCardToast;
  }
  try {
    const { outcome = 'ok', ...body } = await deps.onCardAction(event);
    await markProcessed(deps.db, id, deps.now());
    answered?.(outcome);
    return body;
  } catch (error) {
    const fault = describeDbError(error);
    if (fault) {
      // Not marked abandoned here: that write would wait out the busy timeout again, past Lark's
      // 3 s. The row stays claimed; the sweep abandons it (card callbacks are never replayed).
      deps.logger.error({ ...ids, dbError: fault.code }, `卡片操作未完成：${fault.message}`);
      answered?.('error');
      return dbFaultCardToast(fault);
    }
    const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    deps.logger.error({ ...ids, err: text }, 'card action handler failed');
    // The user was told it failed; a later replay they cannot see would surprise them.
    await markAbandoned(deps.db, id, deps.now(), `card action handler failed: ${text}`);
    answered?.('error');
    return failedCardToast;
  }
}
