// POST /lark/events: Lark's event and callback URL. Raw body (≤ 1 MiB) → verify → challenge, or
// card click answered now, or event persisted before the 200 and processed after it.
// Bad input gets 4xx with the fix in Chinese, never 5xx; logs carry ids and codes only.
import type { Readable } from 'node:stream';
import { Hono, type Context } from 'hono';
import type { LarkInboundDeps } from '../../app/lark/lark-inbound-deps.ts';
import { processInboundEvents } from '../../app/lark/process-inbound-events.ts';
import { dbFaultCardToast, failedCardToast, receiveLarkEvent, type LarkReceipt } from '../../app/lark/receive-lark-event.ts';
import { describeDbError } from '../../db/describe-db-error.ts';
import { isRecord } from '../../lark/inbound/json-guards.ts';
import { verifyLarkRequest } from '../../lark/inbound/verify-lark-request.ts';
import { readLimitedBody } from './read-limited-body.ts';

export interface LarkRouteDeps extends LarkInboundDeps {
  encryptKey?: string | undefined;
  verificationToken?: string | undefined;
  /**
   * Starts `work` after the ack, outside the request: Node passes its single-flight runner
   * (src/runtime/create-single-flight.ts: one processing run at a time; the work never rejects),
   * Workers `(work, c) => c.executionCtx.waitUntil(work())`. A thunk, so
   * an edge (or a test playing a crash) decides whether and when it starts.
   */
  afterAck: (work: () => Promise<unknown>, c: Context) => void;
  /** Default 1 MiB. */
  maxBodyBytes?: number;
  /** Accepted clock skew of X-Lark-Request-Timestamp; default 300 s. */
  toleranceSeconds?: number;
}

const MIB = 1024 * 1024;

export function larkEventsRoute(deps: LarkRouteDeps): Hono {
  const route = new Hono();
  route.post('/lark/events', async (c) => {
    // On Node the server passes the IncomingMessage (c.env.incoming); Workers have none.
    const incoming = (c.env as { incoming?: Readable } | undefined)?.incoming;
    const body = await readLimitedBody(c.req.raw, deps.maxBodyBytes ?? MIB, incoming);
    if (!body.ok) {
      deps.logger.warn({ reason: body.reason }, 'lark request refused');
      return body.reason === 'too_large'
        ? c.json({ error: 'payload_too_large', message: '请求体超过 1 MiB：飞书的事件不会这么大，请检查请求来源' }, 413)
        : c.json({ error: 'body_unreadable', message: '请求体未能完整读取：连接中断，请重试' }, 400);
    }
    const verified = verifyLarkRequest({
      rawBody: body.bytes,
      headers: Object.fromEntries(c.req.raw.headers),
      encryptKey: deps.encryptKey,
      verificationToken: deps.verificationToken,
      now: deps.now(),
      toleranceSeconds: deps.toleranceSeconds ?? 300,
    });
    if (!verified.ok) {
      deps.logger.warn({ code: verified.code, status: verified.status }, 'lark request refused');
      return c.json({ error: verified.code, message: verified.message }, verified.status);
    }
    const payload = verified.payload;
    if (!isRecord(payload)) return c.json({ error: 'not_an_object', message: '事件须为 JSON 对象' }, 400);
    if (verified.kind === 'challenge') return c.json({ challenge: payload.challenge });

    let receipt: LarkReceipt;
    try {
      receipt = await receiveLarkEvent(deps, payload);
    } catch (error) {
      // Not bad input: the store is unavailable (busy past the busy timeout, disk full …).
      const fault = describeDbError(error);
      const err = fault?.code ?? (error instanceof Error ? error.name : 'unknown');
      // A card click is never re-pushed: answer it now with a toast (a 5xx shows the user only
      // Lark's generic "request failed"); the click changed nothing.
      if (isCardCallback(payload)) {
        deps.logger.error({ err }, fault ? `卡片操作未完成：${fault.message}` : 'card callback not stored');
        return c.json(fault ? dbFaultCardToast(fault) : failedCardToast);
      }
      // Any other event: a 503 makes Lark re-push it later (15 s, 5 min, 1 h, 6 h); nothing was acked.
      deps.logger.error({ err }, fault ? `飞书事件未保存，等待飞书重推：${fault.message}` : 'lark event not stored');
      return c.json(
        { error: 'store_unavailable', message: '暂时无法保存事件：请检查数据库；飞书会在 15 秒、5 分钟、1 小时、6 小时后重推' },
        503,
      );
    }
    if (!receipt.ok) {
      deps.logger.warn({ code: 'invalid_event' }, 'lark request refused');
      return c.json({ error: 'invalid_event', message: `事件格式不符：${receipt.message}` }, 400);
    }
    if (receipt.enqueued) deps.afterAck(() => processInboundEvents(deps), c);
    return c.json(receipt.body);
  });
  return route;
}

function isCardCallback(payload: Record<string, unknown>): boolean {
  return isRecord(payload.header) && payload.header.event_type === 'card.action.trigger';
}
