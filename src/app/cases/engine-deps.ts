// What every engine use-case needs: the database, the flows, the calendar and the time zone.
// `now` is always an argument: the scheduler, the card handlers and the tests pass their own.
import type { Db } from '../../db/create-prisma.ts';
import type { QuietHours } from '../../core/engine/quiet-hours.ts';
import type { MetricsSink } from '../../core/ports/metrics-sink.ts';
import type { WorkCalendar } from '../../core/time/work-calendar.ts';
import type { FlowCatalog } from '../flows/flow-catalog.ts';

export interface EngineDeps {
  db: Db;
  flows: FlowCatalog;
  calendar: WorkCalendar;
  tz: string;
  quiet?: QuietHours;
  /** The daily digest to supervisor and inspection chats (HUHUQING_DAILY_DIGEST_AT); absent: none. */
  dailyDigest?: DailyDigestSettings;
  /** Counters for GET /metrics (timers fired; the Lark channel built on these deps counts too). */
  metrics?: MetricsSink;
}

export interface DailyDigestSettings {
  /** Local time of day, "HH:mm" (in `tz`). */
  at: string;
}

export type { Tx } from '../../db/in-transaction.ts';
