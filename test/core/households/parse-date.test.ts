import { describe, expect, it } from 'vitest';
import { parseDate } from '../../../src/core/households/parse-date.ts';

function date(value: unknown): string {
  const result = parseDate(value);
  if (!result.ok) throw new Error(result.reason);
  return result.date;
}

function reason(value: unknown): string {
  const result = parseDate(value);
  if (result.ok) throw new Error(`expected an error, got ${result.date}`);
  return result.reason;
}

describe('parseDate', () => {
  it('reads an exceljs Date cell by its UTC calendar day', () => {
    expect(date(new Date(Date.UTC(2020, 5, 30)))).toBe('2020-06-30');
    expect(date(new Date(Date.UTC(2020, 5, 30, 23, 30)))).toBe('2020-06-30');
  });

  it('refuses an invalid Date object', () => {
    expect(reason(new Date(Number.NaN))).toContain('不是有效日期');
  });

  it('reads the Excel serial 44012 as 2020-06-30, as a number or bare numeric text', () => {
    expect(date(44012)).toBe('2020-06-30');
    expect(date('44012')).toBe('2020-06-30');
    expect(date(' ４４０１２ ')).toBe('2020-06-30');
  });

  it('ignores the time-of-day fraction of a serial', () => {
    expect(date(44012.75)).toBe('2020-06-30');
  });

  it('counts serials past the fictitious 1900-02-29 correctly (serial 61 is 1900-03-01)', () => {
    expect(date(18264)).toBe('1950-01-01');
    expect(date(73415)).toBe('2100-12-31');
    expect(reason(61)).toContain('1900-03-01');
  });

  it('refuses serial 60, the 1900-02-29 that never existed', () => {
    expect(reason(60)).toContain('1900-02-29');
  });

  it('refuses serials outside 1950–2100 and outside Excel’s range, saying which forms are accepted', () => {
    expect(reason(2020)).toMatch(/1905-07-12.*1950–2100/);
    expect(reason(0)).toContain('2020/6/30');
    expect(reason(2958466)).toContain('不是可识别的日期');
    expect(reason(-5)).toContain('不是可识别的日期');
  });

  it('reads an exceljs formula cell by its result', () => {
    expect(date({ formula: 'DATE(2020,6,30)', result: new Date(Date.UTC(2020, 5, 30)) })).toBe('2020-06-30');
  });

  it('reads 2020-06-30, 2020/6/30 and 2020.6.30', () => {
    expect(date('2020-06-30')).toBe('2020-06-30');
    expect(date('2020/6/30')).toBe('2020-06-30');
    expect(date('2020.6.30')).toBe('2020-06-30');
  });

  it('reads 2020年6月30日 as 2020-06-30, also with 号 and spaces', () => {
    expect(date('2020年6月30日')).toBe('2020-06-30');
    expect(date('2020年6月30号')).toBe('2020-06-30');
    expect(date('2020 年 6 月 30 日')).toBe('2020-06-30');
  });

  it('reads 20200630 as text or number', () => {
    expect(date('20200630')).toBe('2020-06-30');
    expect(date(20200630)).toBe('2020-06-30');
  });

  it('reads full-width digits and surrounding spaces', () => {
    expect(date('  ２０２０－０６－３０　')).toBe('2020-06-30');
    expect(date('２０２０年６月３０日')).toBe('2020-06-30');
  });

  it('ignores a time part after a space or T', () => {
    expect(date('2020-06-30 00:00:00')).toBe('2020-06-30');
    expect(date('2020/6/30 8:05')).toBe('2020-06-30');
    expect(date('2020-06-30T16:00:00.000Z')).toBe('2020-06-30');
  });

  it('refuses impossible dates, naming the value and the accepted forms', () => {
    const feb30 = reason('2020-02-30');
    expect(feb30).toContain('「2020-02-30」');
    expect(feb30).toContain('29 天');
    expect(feb30).toContain('2020年6月30日');
    expect(reason('2020-13-01')).toContain('没有 13 月');
    expect(reason('20200631')).toContain('30 天');
  });

  it('knows leap years', () => {
    expect(date('2020-02-29')).toBe('2020-02-29');
    expect(date('2000-02-29')).toBe('2000-02-29');
    expect(reason('2019-02-29')).toContain('28 天');
    expect(reason('2100-02-29')).toContain('28 天');
  });

  it('refuses years outside 1950–2100', () => {
    expect(reason('1949-10-01')).toContain('1950–2100');
    expect(reason('2101-01-01')).toContain('1950–2100');
  });

  it('refuses text that is not a date, mixed separators and day-first forms', () => {
    expect(reason('明年六月')).toContain('「明年六月」不是可识别的日期');
    expect(reason('2020-6/30')).toContain('不是可识别的日期');
    expect(reason('30/6/2020')).toContain('不是可识别的日期');
    expect(reason('2020-06-30 下午')).toContain('不是可识别的日期');
  });

  it('refuses an empty value', () => {
    expect(reason('  ')).toContain('为空');
    expect(reason(null)).toContain('为空');
  });
});
