// What every engine use-case needs: the database, the flows, the calendar and the time zone.
// `now` is always an argument: the scheduler, the card handlers and the tests pass their own.
import type { Db } from '../../db/create-prisma.ts';
import type { QuietHours } from '../../core/engine/quiet-hours.ts';
import type { WorkCalendar } from '../../core/time/work-calendar.ts';
import type { FlowCatalog } from '../flows/flow-catalog.ts';

export interface EngineDeps {
  db: Db;
  flows: FlowCatalog;
  calendar: WorkCalendar;
  tz: string;
  quiet?: QuietHours;
}

export type Tx = Parameters<Parameters<Db['$transaction']>[0]>[0];
