import chineseDays from 'chinese-days';
import { describe, expect, it } from 'vitest';
import { parseLocalCalendarYear } from '../../../src/core/time/parse-local-calendar-year.ts';
import { chineseDaysCoversYear, createWorkCalendar } from '../../../src/core/time/work-calendar.ts';

const newYear2027 = { year: 2027, holidays: ['2027-01-01', '2027-01-02', '2027-01-03'], workdays: [] };

describe('createWorkCalendar', () => {
  it('follows chinese-days for National Day 2025 and its make-up working weekends', () => {
    const cal = createWorkCalendar();
    expect(cal.isWorkday('2025-09-28')).toBe(true); // Sunday, 调休上班
    expect(cal.isWorkday('2025-10-01')).toBe(false);
    expect(cal.isWorkday('2025-10-08')).toBe(false);
    expect(cal.isWorkday('2025-10-11')).toBe(true); // Saturday, 调休上班
    expect(cal.isWorkday('2025-10-12')).toBe(false);
  });

  it('detects the years chinese-days has data for without a hard-coded list', () => {
    expect(chineseDaysCoversYear(2025)).toBe(true);
    expect(chineseDaysCoversYear(2026)).toBe(true);
    expect(chineseDaysCoversYear(2027)).toBe(false);
    expect(chineseDaysCoversYear(1999)).toBe(false);
    // the trap this detection exists for: chinese-days calls 2027-01-01 (a Friday) a workday
    expect(chineseDays.isWorkday('2027-01-01')).toBe(true);
  });

  it('covers a year only when it has data, from chinese-days or a local year', () => {
    expect(createWorkCalendar().covers('2026-05-01')).toBe(true);
    expect(createWorkCalendar().covers('2027-01-01')).toBe(false);
    expect(createWorkCalendar({ localYears: [newYear2027] }).covers('2027-06-30')).toBe(true);
  });

  it('uses a local year for a year the library lacks, Monday to Friday elsewhere', () => {
    const cal = createWorkCalendar({ localYears: [newYear2027] });
    expect(cal.isWorkday('2027-01-01')).toBe(false);
    expect(cal.isWorkday('2027-01-04')).toBe(true);
    expect(cal.isWorkday('2027-01-09')).toBe(false);
  });

  it('lays a local holiday and a local make-up day over a year the library covers', () => {
    const cal = createWorkCalendar({ localYears: [{ year: 2025, holidays: ['2025-11-20'], workdays: ['2025-11-22'] }] });
    expect(cal.isWorkday('2025-11-20')).toBe(false);
    expect(cal.isWorkday('2025-11-22')).toBe(true);
    expect(cal.isWorkday('2025-10-01')).toBe(false); // National Day stays
  });

  it('refuses a date listed as both holiday and workday across local years', () => {
    expect(() =>
      createWorkCalendar({
        localYears: [
          { year: 2027, holidays: ['2027-02-06'], workdays: [] },
          { year: 2027, holidays: [], workdays: ['2027-02-06'] },
        ],
      }),
    ).toThrow('2027-02-06 同时列为节假日和调休上班日');
  });

  it('refuses a malformed date with the format to use', () => {
    expect(() => createWorkCalendar().isWorkday('2025/10/01')).toThrow('请写成 YYYY-MM-DD');
  });
});

describe('parseLocalCalendarYear', () => {
  it('accepts a year and sorts and de-duplicates its dates', () => {
    expect(parseLocalCalendarYear({ year: 2027, holidays: ['2027-01-03', '2027-01-01', '2027-01-01'] })).toEqual({
      year: 2027,
      holidays: ['2027-01-01', '2027-01-03'],
      workdays: [],
    });
  });

  it('lists every problem in Chinese with what to fix', () => {
    const bad = { year: 2027, holidays: ['2027-13-01', '2026-12-31', '2027-02-06'], workdays: ['2027-02-06'], weeks: 1 };
    let message = '';
    try {
      parseLocalCalendarYear(bad);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('本地日历有 4 处问题');
    expect(message).toContain('不认识的字段 weeks');
    expect(message).toContain('holidays[0]: 「2027-13-01」不是有效日期：请写成 YYYY-MM-DD');
    expect(message).toContain('holidays[1]: 「2026-12-31」不在 2027 年内');
    expect(message).toContain('「2027-02-06」同时列为节假日和调休上班日');
  });

  it('refuses a missing or non-numeric year and a non-list of dates', () => {
    expect(() => parseLocalCalendarYear({ holidays: ['2027-01-01'] })).toThrow('year 须为四位数年份');
    expect(() => parseLocalCalendarYear({ year: '2027', holidays: ['2027-01-01'] })).toThrow('year 须为四位数年份');
    expect(() => parseLocalCalendarYear({ year: 2027, holidays: '2027-01-01' })).toThrow('holidays（放假的日期）须为日期列表');
  });

  it('refuses something that is not an object, and an empty year', () => {
    expect(() => parseLocalCalendarYear('2027')).toThrow('本地日历须为 JSON 对象');
    expect(() => parseLocalCalendarYear({ year: 2027, holidays: [] })).toThrow('holidays 和 workdays 都为空');
  });
});

describe('a year without holiday data, in the engine’s degraded mode', () => {
  it('counts Monday to Friday and reports the year once instead of refusing', () => {
    const reported: number[] = [];
    const cal = createWorkCalendar({ uncovered: 'weekdays', onUncoveredYear: (y) => reported.push(y) });
    expect(cal.covers('2027-01-01')).toBe(true);
    expect(cal.isWorkday('2027-01-01')).toBe(true); // a Friday: no data says it is New Year's Day
    expect(cal.isWorkday('2027-01-02')).toBe(false);
    cal.covers('2027-03-01');
    expect(reported).toEqual([2027]);
  });
});
