// The working-day calendar: chinese-days' statutory holidays and make-up working days (调休),
// overlaid with local calendar years an admin supplies (a year the library has not published
// yet, or a local holiday), and whether a year has authoritative data at all.
import chineseDays from 'chinese-days';
import { AppError } from '../app-error.ts';
import { requireIsoDate, weekdayOf, yearOf } from './local-day.ts';

export interface WorkCalendar {
  /** Whether a YYYY-MM-DD date is a working day. Outside covered years: Monday to Friday. */
  isWorkday(date: string): boolean;
  /** Whether the calendar has authoritative holiday data for that date's year. */
  covers(date: string): boolean;
}

/** One admin-supplied year: statutory/local holidays and make-up working days (调休上班). */
export interface LocalCalendarYear {
  year: number;
  holidays: string[];
  workdays: string[];
}

export interface WorkCalendarOptions {
  localYears?: readonly LocalCalendarYear[];
  /**
   * A year with no holiday data (neither chinese-days nor a local year): 'refuse' (default) makes
   * working-day arithmetic throw the "add that year's calendar" error; 'weekdays' counts Monday to
   * Friday and calls onUncoveredYear once per year, so a running campaign never stops at New Year
   * because next year's 调休 has not been published yet.
   */
  uncovered?: 'refuse' | 'weekdays';
  onUncoveredYear?: (year: number) => void;
}

// chinese-days exports no list of its data years. Every year it has data for contains at least
// New Year's Day as a statutory holiday, and a year without data yields none: that is the test.
const libraryYears = new Map<number, boolean>();

export function chineseDaysCoversYear(year: number): boolean {
  let known = libraryYears.get(year);
  if (known === undefined) {
    known = chineseDays.getHolidaysInRange(`${year}-01-01`, `${year}-12-31`, false).length > 0;
    libraryYears.set(year, known);
  }
  return known;
}

export function createWorkCalendar(options: WorkCalendarOptions = {}): WorkCalendar {
  const localYears = new Set<number>();
  const reported = new Set<number>();
  const holidays = new Set<string>();
  const workdays = new Set<string>();
  for (const local of options.localYears ?? []) {
    localYears.add(local.year);
    for (const date of local.holidays) holidays.add(requireDateInYear(date, local.year));
    for (const date of local.workdays) workdays.add(requireDateInYear(date, local.year));
  }
  const conflicts = [...holidays].filter((date) => workdays.has(date)).sort();
  if (conflicts.length > 0) {
    throw new AppError('invalid_argument', `本地日历中 ${conflicts.join('、')} 同时列为节假日和调休上班日：请只保留其中一处`, conflicts);
  }

  // Answers remembered per day: a card's "剩 N 个工作日" walks every day up to the deadline, and
  // chinese-days parses and formats the date on each call. The calendar never changes once built.
  const known = new Map<string, boolean>();
  const workdayByData = (date: string): boolean => {
    if (workdays.has(date)) return true;
    if (holidays.has(date)) return false;
    if (chineseDaysCoversYear(yearOf(date))) return chineseDays.isWorkday(date);
    const weekday = weekdayOf(date);
    return weekday >= 1 && weekday <= 5;
  };
  return {
    isWorkday(date) {
      const hit = known.get(date);
      if (hit !== undefined) return hit;
      requireIsoDate(date);
      const answer = workdayByData(date);
      known.set(date, answer);
      return answer;
    },
    covers(date) {
      const year = yearOf(requireIsoDate(date));
      if (localYears.has(year) || chineseDaysCoversYear(year)) return true;
      if (options.uncovered !== 'weekdays') return false;
      // Degraded but running: Monday to Friday for a year nobody has published yet, reported once.
      if (!reported.has(year)) {
        reported.add(year);
        options.onUncoveredYear?.(year);
      }
      return true;
    },
  };
}

function requireDateInYear(date: string, year: number): string {
  requireIsoDate(date);
  if (yearOf(date) !== year) {
    throw new AppError('invalid_argument', `本地日历 ${year} 年中的日期「${date}」不在 ${year} 年内：每一年的日期请分开填写`);
  }
  return date;
}
