// Stepping over working days of a WorkCalendar, refusing any day of a year the calendar does not
// cover: guessing "Monday to Friday" for such a year would silently put deadlines on holidays.
import { AppError } from '../app-error.ts';
import { addDays, yearOf } from './local-day.ts';
import type { WorkCalendar } from './work-calendar.ts';

export function uncoveredYearError(year: number): AppError {
  return new AppError(
    'invalid_argument',
    `${year} 年的节假日安排尚未收录，无法按工作日计算期限：请管理员添加当地 ${year} 年日历（huhuqing calendar add <${year} 年日历.json>）后重试`,
    [String(year)],
  );
}

/** Whether a date is a working day; throws the "add that year's calendar" error outside covered years. */
export function isCoveredWorkday(cal: WorkCalendar, date: string): boolean {
  if (!cal.covers(date)) throw uncoveredYearError(yearOf(date));
  return cal.isWorkday(date);
}

/**
 * The n-th working day after a day (n > 0) or before it (n < 0), counting only working days;
 * the day itself never counts. n = 0 returns the day unchanged.
 */
export function shiftWorkdays(cal: WorkCalendar, day: string, n: number): string {
  const step = n < 0 ? -1 : 1;
  let left = Math.abs(n);
  let current = day;
  while (left > 0) {
    current = addDays(current, step);
    if (isCoveredWorkday(cal, current)) left -= 1;
  }
  return current;
}

/** The latest working day on or before a day. */
export function workdayOnOrBefore(cal: WorkCalendar, day: string): string {
  return isCoveredWorkday(cal, day) ? day : shiftWorkdays(cal, day, -1);
}

// Counts remembered per calendar (bounded): every card of a case counts the days from today to its
// deadline, one day at a time. A calendar never changes once built; a refusal is never remembered.
const counted = new WeakMap<WorkCalendar, Map<string, number>>();

/** Working days d with from < d <= to (0 when to <= from). */
export function countWorkdays(cal: WorkCalendar, from: string, to: string): number {
  let known = counted.get(cal);
  if (!known) counted.set(cal, (known = new Map()));
  const key = `${from}|${to}`;
  const hit = known.get(key);
  if (hit !== undefined) return hit;
  let count = 0;
  for (let day = addDays(from, 1); day <= to; day = addDays(day, 1)) {
    if (isCoveredWorkday(cal, day)) count += 1;
  }
  if (known.size >= 10_000) known.clear();
  known.set(key, count);
  return count;
}
