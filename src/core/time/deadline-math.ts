// Deadline arithmetic in a time zone (default Asia/Shanghai): pure, every instant is a parameter.
//
// Semantics (see also local-day.ts: an instant at exactly local 00:00 is the END of the previous day):
// - Calendar units are plain elapsed time: minutes and hours add milliseconds; days add calendar
//   days at the same local wall-clock time (luxon, DST-safe; in Asia/Shanghai exactly 24 h).
//   Calendar units never consult the holiday calendar.
// - addDuration(start, {workdays: N}): the deadline is the END of the N-th working day after the
//   start day, i.e. 00:00 local of the day after that working day. The start day never counts
//   (what is left of it is a bonus), so 10 workdays entered on Friday afternoon end at midnight
//   after the 10th working day that follows. A start at exactly 00:00 D has the whole of D ahead
//   of it, so D is the first day counted (consistent with workdaysBetween).
// - subtractDuration / addDurationAfter with workdays move a "working-time position" by N working
//   days, counting only working days:
//     · an instant inside a working day keeps its local time of day (Tue 15:00 − 1 = Mon 15:00);
//     · an instant at 00:00, or on a non-working day, is the END of the last working day before it
//       (a Saturday 02:00 deadline is "end of Friday"), and the result is again an END (00:00 of the
//       following day). So 3 workdays before "00:00 after working day W" is 00:00 after the working
//       day 3 working days before W, and 1 workday after the end of Friday is the end of Monday
//       (or of a make-up Saturday, 调休).
// - workdaysBetween(a, b): the working days lying wholly inside [a, b] (negative if b < a).
//   workdaysBetween(start, addDuration(start, {workdays: N})) === N.
// - Any working-day calculation that touches a date of a year the calendar does not cover throws
//   AppError('invalid_argument') telling the admin to add that year's calendar.
import { DateTime } from 'luxon';
import { durationParts } from './duration.ts';
import type { Duration, DurationUnit } from './duration.ts';
import {
  DEFAULT_TIME_ZONE,
  addDays,
  anchorDayOf,
  atLocalTime,
  daysFromTo,
  endOfLocalDay,
  localDateOf,
  requireTimeZone,
  timeOfDayOf,
} from './local-day.ts';
import type { TimeOfDay } from './local-day.ts';
import { countWorkdays, isCoveredWorkday, shiftWorkdays, workdayOnOrBefore } from './workday-steps.ts';
import type { WorkCalendar } from './work-calendar.ts';

/** The deadline for a duration that starts at `start` (entering a state). */
export function addDuration(start: Date, d: Duration, cal: WorkCalendar, tz: string = DEFAULT_TIME_ZONE): Date {
  const { unit, amount } = durationParts(d);
  if (unit !== 'workdays') return plusCalendar(start, unit, amount, tz);
  return endOfLocalDay(shiftWorkdays(cal, anchorDayOf(start, requireTimeZone(tz)), amount), tz);
}

/** The instant a duration before `instant` (a reminder before a deadline). */
export function subtractDuration(instant: Date, d: Duration, cal: WorkCalendar, tz: string = DEFAULT_TIME_ZONE): Date {
  const { unit, amount } = durationParts(d);
  return unit === 'workdays' ? shiftPosition(instant, -amount, cal, tz) : plusCalendar(instant, unit, -amount, tz);
}

/** The instant a duration after `instant` (an escalation rung after a deadline). */
export function addDurationAfter(instant: Date, d: Duration, cal: WorkCalendar, tz: string = DEFAULT_TIME_ZONE): Date {
  const { unit, amount } = durationParts(d);
  return unit === 'workdays' ? shiftPosition(instant, amount, cal, tz) : plusCalendar(instant, unit, amount, tz);
}

/** Whole working days from a to b: those lying entirely inside [a, b]; negative when b is before a. */
export function workdaysBetween(a: Date, b: Date, cal: WorkCalendar, tz: string = DEFAULT_TIME_ZONE): number {
  if (b.getTime() < a.getTime()) return -workdaysBetween(b, a, cal, tz);
  return countWorkdays(cal, anchorDayOf(a, requireTimeZone(tz)), addDays(localDateOf(b, tz), -1));
}

export interface TimeLeft {
  overdue: boolean;
  /** Remaining: working days after today up to the deadline's day (today's remainder not counted). */
  workdays: number;
  /** Remaining: calendar days from today to the deadline's day; overdue: calendar days past it (≥ 1). */
  days: number;
  /** For cards: "剩 3 个工作日", "今天到期", "剩 2 天", "已逾期 2 天". */
  label: string;
}

/** What a card says about a deadline at `now`; the deadline is overdue from its instant on. */
export function daysLeft(now: Date, deadline: Date, cal: WorkCalendar, tz: string = DEFAULT_TIME_ZONE): TimeLeft {
  const today = localDateOf(now, tz);
  const lastDay = anchorDayOf(deadline, tz);
  if (now.getTime() >= deadline.getTime()) {
    const days = Math.max(1, daysFromTo(lastDay, today));
    return { overdue: true, workdays: 0, days, label: `已逾期 ${days} 天` };
  }
  const workdays = countWorkdays(cal, today, lastDay);
  const days = daysFromTo(today, lastDay);
  const label = lastDay === today ? '今天到期' : workdays > 0 ? `剩 ${workdays} 个工作日` : `剩 ${days} 天`;
  return { overdue: false, workdays, days, label };
}

type WorkPosition = { day: string; time: TimeOfDay | 'end' };

function workPositionOf(instant: Date, cal: WorkCalendar, tz: string): WorkPosition {
  const day = localDateOf(instant, tz);
  const anchor = anchorDayOf(instant, tz);
  if (anchor === day && isCoveredWorkday(cal, day)) return { day, time: timeOfDayOf(instant, tz) };
  return { day: workdayOnOrBefore(cal, anchor), time: 'end' };
}

function shiftPosition(instant: Date, workdays: number, cal: WorkCalendar, tz: string): Date {
  const from = workPositionOf(instant, cal, requireTimeZone(tz));
  const day = shiftWorkdays(cal, from.day, workdays);
  return from.time === 'end' ? endOfLocalDay(day, tz) : atLocalTime(day, from.time, tz);
}

function plusCalendar(instant: Date, unit: Exclude<DurationUnit, 'workdays'>, amount: number, tz: string): Date {
  if (unit === 'minutes') return new Date(instant.getTime() + amount * 60_000);
  if (unit === 'hours') return new Date(instant.getTime() + amount * 3_600_000);
  return DateTime.fromJSDate(instant, { zone: requireTimeZone(tz) })
    .plus({ days: amount })
    .toJSDate();
}
