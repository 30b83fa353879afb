import chineseDays from 'chinese-days';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/core/app-error.ts';
import { addDuration, addDurationAfter, daysLeft, subtractDuration, workdaysBetween } from '../../../src/core/time/deadline-math.ts';
import { createWorkCalendar } from '../../../src/core/time/work-calendar.ts';

const cal = createWorkCalendar();
const TZ = 'Asia/Shanghai';
const at = (shanghaiLocal: string) => new Date(`${shanghaiLocal}+08:00`);

describe('workday deadlines', () => {
  it('counts 10 workdays entered on the Friday before National Day 2025 only on working days, ending at midnight', () => {
    // the calendar facts the expectation rests on
    expect(chineseDays.isWorkday('2025-09-26')).toBe(true); // Friday
    expect(chineseDays.isWorkday('2025-09-27')).toBe(false); // Saturday
    expect(chineseDays.isWorkday('2025-09-28')).toBe(true); // Sunday, make-up working day
    for (let d = 1; d <= 8; d++) expect(chineseDays.isWorkday(`2025-10-0${d}`)).toBe(false);
    expect(chineseDays.isWorkday('2025-10-11')).toBe(true); // Saturday, make-up working day
    expect(chineseDays.isWorkday('2025-10-12')).toBe(false);
    // 09-28, 09-29, 09-30, 10-09, 10-10, 10-11, 10-13, 10-14, 10-15, 10-16 → end of Thursday 10-16
    const deadline = addDuration(at('2025-09-26T15:30:00'), { workdays: 10 }, cal, TZ);
    expect(deadline.toISOString()).toBe('2025-10-16T16:00:00.000Z'); // 2025-10-17 00:00 in Shanghai
    expect(workdaysBetween(at('2025-09-26T15:30:00'), deadline, cal, TZ)).toBe(10);
  });

  it('counts a start at exactly midnight from that same day', () => {
    const deadline = addDuration(at('2025-09-26T00:00:00'), { workdays: 10 }, cal, TZ);
    expect(deadline).toEqual(at('2025-10-16T00:00:00')); // end of 10-15: 09-26 is the first day counted
    expect(workdaysBetween(at('2025-09-26T00:00:00'), deadline, cal, TZ)).toBe(10);
  });

  it('counts a deadline across the 2026 Spring Festival and its make-up Saturday', () => {
    expect(chineseDays.isWorkday('2026-02-14')).toBe(true); // Saturday, make-up working day
    for (let d = 15; d <= 23; d++) expect(chineseDays.isWorkday(`2026-02-${d}`)).toBe(false);
    // 02-12, 02-13, 02-14, 02-24, 02-25
    expect(addDuration(at('2026-02-11T15:00:00'), { workdays: 5 }, cal, TZ)).toEqual(at('2026-02-26T00:00:00'));
  });

  it('adds calendar units as elapsed time, ignoring holidays', () => {
    const start = at('2025-09-30T22:00:00');
    expect(addDuration(start, { hours: 4 }, cal, TZ)).toEqual(at('2025-10-01T02:00:00'));
    expect(addDuration(start, { minutes: 90 }, cal, TZ)).toEqual(at('2025-09-30T23:30:00'));
    expect(addDuration(start, { days: 3 }, cal, TZ)).toEqual(at('2025-10-03T22:00:00'));
  });

  it('keeps the wall-clock time when adding days across a DST change', () => {
    const start = new Date('2025-03-08T12:00:00-05:00'); // New York, the day before DST starts
    expect(addDuration(start, { days: 1 }, cal, 'America/New_York')).toEqual(new Date('2025-03-09T12:00:00-04:00'));
  });

  it('refuses an unknown time zone with the form to use', () => {
    expect(() => addDuration(at('2025-09-26T15:30:00'), { workdays: 1 }, cal, 'Beijing')).toThrow('请使用 IANA 时区名');
  });
});

describe('reminders before a deadline', () => {
  it('puts 3 workdays before a deadline right after the Spring Festival before the holiday, on the make-up Saturday', () => {
    const deadline = addDuration(at('2026-02-11T15:00:00'), { workdays: 4 }, cal, TZ);
    expect(deadline).toEqual(at('2026-02-25T00:00:00')); // end of 02-24, the first working day after the holiday
    // 3 working days before 02-24: 02-14 (make-up Saturday), 02-13, 02-12 → end of 02-12
    expect(subtractDuration(deadline, { workdays: 3 }, cal, TZ)).toEqual(at('2026-02-13T00:00:00'));
    expect(subtractDuration(deadline, { workdays: 1 }, cal, TZ)).toEqual(at('2026-02-15T00:00:00')); // end of make-up Saturday
  });

  it('puts a reminder 4 hours before as plain elapsed time', () => {
    expect(subtractDuration(at('2026-02-25T00:00:00'), { hours: 4 }, cal, TZ)).toEqual(at('2026-02-24T20:00:00'));
  });

  it('keeps the time of day when counting back from inside a working day', () => {
    expect(subtractDuration(at('2025-10-09T15:00:00'), { workdays: 1 }, cal, TZ)).toEqual(at('2025-09-30T15:00:00'));
  });

  it('treats a deadline on a non-working day as the end of the working day before it', () => {
    // Saturday 02:00 (a 4-hour deadline entered on Friday night) is "end of Friday"
    expect(subtractDuration(at('2025-11-15T02:00:00'), { workdays: 1 }, cal, TZ)).toEqual(at('2025-11-14T00:00:00'));
  });
});

describe('escalation rungs after a deadline', () => {
  it('lands 1 workday after the end of a Friday at the end of Monday', () => {
    expect(addDurationAfter(at('2025-11-15T00:00:00'), { workdays: 1 }, cal, TZ)).toEqual(at('2025-11-18T00:00:00'));
  });

  it('lands 1 workday after a Friday 17:00 deadline on Monday 17:00', () => {
    expect(addDurationAfter(at('2025-11-14T17:00:00'), { workdays: 1 }, cal, TZ)).toEqual(at('2025-11-17T17:00:00'));
  });

  it('lands on the make-up Saturday when one follows the Friday', () => {
    expect(addDurationAfter(at('2025-10-11T00:00:00'), { workdays: 1 }, cal, TZ)).toEqual(at('2025-10-12T00:00:00'));
    expect(addDurationAfter(at('2025-09-26T17:00:00'), { workdays: 1 }, cal, TZ)).toEqual(at('2025-09-28T17:00:00'));
  });

  it('climbs 3 workdays over the whole National Day holiday', () => {
    expect(addDurationAfter(at('2025-09-30T10:00:00'), { workdays: 3 }, cal, TZ)).toEqual(at('2025-10-11T10:00:00'));
  });
});

describe('years the calendar does not cover', () => {
  const lateDecember = at('2026-12-25T10:00:00');

  it('refuses to count workdays into 2027 without its calendar, telling the admin what to add', () => {
    let error: unknown;
    try {
      addDuration(lateDecember, { workdays: 10 }, cal, TZ);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('invalid_argument');
    expect((error as AppError).message).toContain('2027 年的节假日安排尚未收录');
    expect((error as AppError).message).toContain('请管理员添加当地 2027 年日历（huhuqing calendar add');
    expect(() => subtractDuration(at('2027-01-12T00:00:00'), { workdays: 1 }, cal, TZ)).toThrow('2027 年的节假日安排尚未收录');
  });

  it('counts into 2027 once a local 2027 calendar supplies New Year', () => {
    const with2027 = createWorkCalendar({
      localYears: [{ year: 2027, holidays: ['2027-01-01', '2027-01-02', '2027-01-03'], workdays: [] }],
    });
    // 12-28, 12-29, 12-30, 12-31, (01-01 holiday) 01-04 … 01-08, 01-11 → end of Monday 2027-01-11
    expect(addDuration(lateDecember, { workdays: 10 }, with2027, TZ)).toEqual(at('2027-01-12T00:00:00'));
  });

  it('still computes calendar-time deadlines in an uncovered year', () => {
    expect(addDuration(lateDecember, { days: 10 }, cal, TZ)).toEqual(at('2027-01-04T10:00:00'));
  });
});

describe('workdaysBetween', () => {
  it('counts only working days lying wholly between the two instants', () => {
    expect(workdaysBetween(at('2025-09-30T10:00:00'), at('2025-10-10T00:00:00'), cal, TZ)).toBe(1); // 10-09
    expect(workdaysBetween(at('2025-09-30T00:00:00'), at('2025-10-10T00:00:00'), cal, TZ)).toBe(2); // 09-30, 10-09
    expect(workdaysBetween(at('2025-10-10T00:00:00'), at('2025-09-30T00:00:00'), cal, TZ)).toBe(-2);
    expect(workdaysBetween(at('2025-10-01T09:00:00'), at('2025-10-08T18:00:00'), cal, TZ)).toBe(0);
  });
});

describe('daysLeft', () => {
  const deadline = at('2025-10-17T00:00:00'); // end of 2025-10-16

  it('says how many working days are left after today', () => {
    expect(daysLeft(at('2025-09-26T15:30:00'), deadline, cal, TZ)).toEqual({
      overdue: false,
      workdays: 10,
      days: 20,
      label: '剩 10 个工作日',
    });
    expect(daysLeft(at('2025-10-13T09:00:00'), deadline, cal, TZ).label).toBe('剩 3 个工作日');
  });

  it('says the deadline is today on its last day', () => {
    expect(daysLeft(at('2025-10-16T23:59:00'), deadline, cal, TZ).label).toBe('今天到期');
  });

  it('counts calendar days when no working day is left before a weekend deadline', () => {
    expect(daysLeft(at('2025-11-15T09:00:00'), at('2025-11-17T00:00:00'), cal, TZ).label).toBe('剩 1 天');
  });

  it('says how many calendar days a deadline is overdue', () => {
    expect(daysLeft(at('2025-10-17T00:00:00'), deadline, cal, TZ).label).toBe('已逾期 1 天');
    expect(daysLeft(at('2025-10-18T10:00:00'), deadline, cal, TZ)).toEqual({ overdue: true, workdays: 0, days: 2, label: '已逾期 2 天' });
  });
});
