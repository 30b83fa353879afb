// Engine dependencies for a database: the flow catalog and the calendar (with admins' local years).
import type { Db } from '../../db/create-prisma.ts';
import type { QuietHours } from '../../core/engine/quiet-hours.ts';
import { FlowCatalog } from '../flows/flow-catalog.ts';
import type { EngineDeps } from './engine-deps.ts';
import { loadWorkCalendar } from './load-work-calendar.ts';

export async function buildEngineDeps(
  db: Db,
  tz: string,
  quiet?: QuietHours,
  onUncoveredYear?: (year: number) => void,
): Promise<EngineDeps> {
  return { db, flows: new FlowCatalog(db), calendar: await loadWorkCalendar(db, onUncoveredYear), tz, quiet };
}
