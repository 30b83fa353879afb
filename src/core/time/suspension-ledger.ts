// The paused clock of a case: a plain-JSON ledger (persisted in the case context) that keeps every
// pause with its instants and the deadline before and after it, never a moved date without history.
//
// Resuming re-applies the budget that was left when the pause began, in the deadline's own unit:
// - calendar: remaining = oldDeadline − pauseInstant in milliseconds; new = resumeInstant + remaining.
// - workdays: whole = workdaysBetween(pause, oldDeadline), the working days lying wholly between the
//   pause and the old deadline. The partial day is swapped, never lost: the unused rest of the pause
//   day (when the pause fell inside a working day) is given back as the rest of the resume day (when
//   the resume falls inside a working day), which addDuration never counts. If there was a partial
//   day at the pause but none to give back at the resume (resumed on a non-working day or at 00:00),
//   it becomes one whole day. So n = whole (+1 in that case) and
//     new = n > 0 ? addDuration(resume, {workdays: n})     (END of the n-th working day after the resume day)
//         : resume inside a working day ? END of that day
//         : resume                                          (no working time was left: due at once).
//   A same-day pause and resume leaves the deadline unchanged; rounding is always in the officer's
//   favour and by less than one working day.
// - A pause that begins at or after the deadline leaves the deadline where it was: a clock that
//   has run out stays run out (the pause is still recorded).
import { AppError } from '../app-error.ts';
import { addDuration, workdaysBetween } from './deadline-math.ts';
import { durationParts } from './duration.ts';
import type { Duration } from './duration.ts';
import { DEFAULT_TIME_ZONE, endOfLocalDay, localDateOf, startOfLocalDay } from './local-day.ts';
import { isCoveredWorkday } from './workday-steps.ts';
import type { WorkCalendar } from './work-calendar.ts';

/** The unit a deadline's remaining budget is measured in when its clock pauses. */
export type ClockUnit = 'workdays' | 'calendar';

export type RemainingBudget = { workdays: number; partialDay: boolean } | { ms: number };

export interface ClockPause {
  from: string;
  to?: string;
  deadlineBefore: string;
  deadlineAfter?: string;
  /** The budget carried over, recorded at the resume. */
  remaining?: RemainingBudget;
}

export interface ClockLedger {
  unit: ClockUnit;
  startedAt: string;
  initialDeadline: string;
  /** The deadline in force; while paused, the one the running pause interrupted. */
  deadline: string;
  /** When the clock last started or resumed; null while paused. */
  runningSince: string | null;
  pauses: ClockPause[];
}

/**
 * `overdue: true` accepts an absolute deadline that has already passed (a household whose 脱困时限
 * is behind it enters the step overdue instead of being stuck before it).
 */
export function startClock(start: Date, deadline: Date, unit: ClockUnit, options: { overdue?: boolean } = {}): ClockLedger {
  if (deadline.getTime() < start.getTime() && options.overdue !== true) {
    throw new AppError('invalid_argument', `期限 ${deadline.toISOString()} 早于计时开始 ${start.toISOString()}：请检查期限设置`);
  }
  const at = start.toISOString();
  return { unit, startedAt: at, initialDeadline: deadline.toISOString(), deadline: deadline.toISOString(), runningSince: at, pauses: [] };
}

/** Start a clock whose deadline is a Duration from `start`; the unit follows the Duration. */
export function startClockFor(start: Date, d: Duration, cal: WorkCalendar, tz: string = DEFAULT_TIME_ZONE): ClockLedger {
  const unit: ClockUnit = durationParts(d).unit === 'workdays' ? 'workdays' : 'calendar';
  return startClock(start, addDuration(start, d, cal, tz), unit);
}

/** The deadline now in force, or null while the clock is paused. */
export function clockDeadline(ledger: ClockLedger): Date | null {
  return ledger.runningSince === null ? null : new Date(ledger.deadline);
}

export function pauseClock(ledger: ClockLedger, at: Date): ClockLedger {
  if (ledger.runningSince === null) {
    const since = ledger.pauses.at(-1)?.from ?? '';
    throw new AppError('invalid_argument', `计时已于 ${since} 暂停，不能重复暂停：请先恢复计时`);
  }
  if (at.getTime() < Date.parse(ledger.runningSince)) {
    throw new AppError('invalid_argument', `暂停时间 ${at.toISOString()} 早于计时开始（或上次恢复）的 ${ledger.runningSince}：请检查时间`);
  }
  const pause: ClockPause = { from: at.toISOString(), deadlineBefore: ledger.deadline };
  return { ...ledger, runningSince: null, pauses: [...ledger.pauses, pause] };
}

export function resumeClock(ledger: ClockLedger, at: Date, cal: WorkCalendar, tz: string = DEFAULT_TIME_ZONE): ClockLedger {
  const open = ledger.pauses.at(-1);
  if (ledger.runningSince !== null || open === undefined || open.to !== undefined) {
    throw new AppError('invalid_argument', '计时没有暂停，无需恢复：请确认该案件当前处于暂停状态');
  }
  const pausedAt = new Date(open.from);
  if (at.getTime() < pausedAt.getTime()) {
    throw new AppError('invalid_argument', `恢复时间 ${at.toISOString()} 早于暂停时间 ${open.from}：请检查时间`);
  }
  const { deadline, remaining } = carryOver(ledger.unit, pausedAt, new Date(open.deadlineBefore), at, cal, tz);
  const closed: ClockPause = { ...open, to: at.toISOString(), deadlineAfter: deadline.toISOString(), remaining };
  return {
    ...ledger,
    deadline: deadline.toISOString(),
    runningSince: at.toISOString(),
    pauses: [...ledger.pauses.slice(0, -1), closed],
  };
}

function carryOver(
  unit: ClockUnit,
  pause: Date,
  oldDeadline: Date,
  resume: Date,
  cal: WorkCalendar,
  tz: string,
): { deadline: Date; remaining: RemainingBudget } {
  if (unit === 'calendar') {
    const ms = Math.max(0, oldDeadline.getTime() - pause.getTime());
    return { deadline: ms === 0 ? oldDeadline : new Date(resume.getTime() + ms), remaining: { ms } };
  }
  if (pause.getTime() >= oldDeadline.getTime()) return { deadline: oldDeadline, remaining: { workdays: 0, partialDay: false } };
  const whole = workdaysBetween(pause, oldDeadline, cal, tz);
  const partialDay = insideWorkday(pause, cal, tz);
  const resumeDayGivesBack = insideWorkday(resume, cal, tz);
  const n = whole + (partialDay && !resumeDayGivesBack ? 1 : 0);
  const remaining = { workdays: whole, partialDay };
  if (n > 0) return { deadline: addDuration(resume, { workdays: n }, cal, tz), remaining };
  return { deadline: resumeDayGivesBack ? endOfLocalDay(localDateOf(resume, tz), tz) : resume, remaining };
}

/** Whether an instant lies inside a working day after its 00:00, i.e. part of that day is still ahead. */
function insideWorkday(instant: Date, cal: WorkCalendar, tz: string): boolean {
  const day = localDateOf(instant, tz);
  if (instant.getTime() === startOfLocalDay(day, tz).getTime()) return false;
  return isCoveredWorkday(cal, day);
}
