// The working-day calendar: chinese-days plus the local years admins added (calendar_years table).
import type { Db } from '../../db/create-prisma.ts';
import { createWorkCalendar, type LocalCalendarYear, type WorkCalendar } from '../../core/time/work-calendar.ts';

/** Years without holiday data count Monday–Friday (reported through onUncoveredYear) rather than stop the engine. */
export async function loadWorkCalendar(db: Db, onUncoveredYear?: (year: number) => void): Promise<WorkCalendar> {
  const rows = await db.calendarYear.findMany();
  const localYears: LocalCalendarYear[] = rows.map((r) => ({
    year: r.year,
    holidays: r.holidays as string[],
    workdays: r.workdays as string[],
  }));
  return createWorkCalendar({ localYears, uncovered: 'weekdays', onUncoveredYear });
}
