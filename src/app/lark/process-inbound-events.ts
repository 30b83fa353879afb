// Processes stored inbound events after the ack: claims unprocessed rows (including rows a crash
// left behind, so calling this at startup is the restart sweep) and dispatches each to its
// handler. Never rejects: failures are recorded on the row and logged with ids only.
// It gives the event loop back before every event: over better-sqlite3 each query's promise
// resolves without returning to the loop, so a run would otherwise hold the process to its end and
// acks of new events (Lark re-pushes what is not answered within 3 s) would wait behind all of it.
import { claimUnprocessed, markAbandoned, markFailed, markProcessed, type ClaimedInbound } from '../../db/inbound-events.ts';
import { parseLarkEvent } from '../../lark/inbound/parse-lark-event.ts';
import type { ProcessInboundDeps } from './lark-inbound-deps.ts';

export interface ProcessInboundSummary {
  processed: number;
  failed: number;
  abandoned: number;
}

/** A bound on one run, so a flood cannot keep a single call busy forever; the rest waits for the next call. */
const MAX_BATCHES = 100;

/**
 * Lets requests that arrived meanwhile run first (the I/O phase, then back here). setTimeout, not
 * setImmediate: web-standard, so the same code runs within a Worker's waitUntil.
 */
const yieldToEventLoop = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export async function processInboundEvents(deps: ProcessInboundDeps): Promise<ProcessInboundSummary> {
  const summary: ProcessInboundSummary = { processed: 0, failed: 0, abandoned: 0 };
  try {
    for (let batch = 0; batch < MAX_BATCHES; batch++) {
      await yieldToEventLoop();
      const rows = await claimUnprocessed(deps.db, deps.now(), deps.batchSize ?? 50, deps.claim);
      if (rows.length === 0) break;
      for (const [i, row] of rows.entries()) {
        if (i > 0) await yieldToEventLoop();
        summary[await processOne(deps, row)]++;
      }
    }
  } catch (error) {
    deps.logger.error({ err: errorText(error) }, 'inbound event processing stopped');
  }
  return summary;
}

async function processOne(deps: ProcessInboundDeps, row: ClaimedInbound): Promise<keyof ProcessInboundSummary> {
  const { db, logger, now } = deps;
  const ids = { inboundId: row.id, eventType: row.eventType, attempt: row.attempts };
  const parsed = parseLarkEvent(row.body, { botOpenId: deps.botOpenId() });
  if (!parsed.ok) {
    await markAbandoned(db, row.id, now(), `stored body no longer parses: ${parsed.message}`);
    logger.warn(ids, 'inbound event abandoned: body does not parse');
    return 'abandoned';
  }
  const event = parsed.event;
  try {
    switch (event.kind) {
      case 'message':
        await deps.handlers.onMessage(event);
        break;
      case 'bot_added':
        await deps.handlers.onBotAdded(event);
        break;
      case 'p2p_created':
        await deps.handlers.onP2pCreated(event);
        break;
      case 'card_action':
        // Card callbacks are answered synchronously; one still here lost its answer in a crash,
        // and acting now, unseen by the user, would surprise them. Lark never re-pushes callbacks.
        await markAbandoned(db, row.id, now(), 'card callback interrupted before its answer; callbacks are never replayed');
        logger.warn({ ...ids, eventId: event.eventId }, 'interrupted card callback abandoned');
        return 'abandoned';
      case 'unknown':
        logger.info({ ...ids, eventId: event.eventId }, 'inbound event of an unhandled type ignored');
        break;
    }
  } catch (error) {
    await markFailed(db, row.id, { now: now(), attempts: row.attempts, error: errorText(error) });
    logger.error({ ...ids, eventId: event.eventId, err: errorText(error) }, 'inbound event handler failed');
    return 'failed';
  }
  await markProcessed(db, row.id, now());
  logger.debug({ ...ids, eventId: event.eventId }, 'inbound event processed');
  return 'processed';
}

function errorText(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
