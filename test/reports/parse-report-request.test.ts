import { describe, expect, it } from 'vitest';
import { parseReportRequest } from '../../src/core/reports/parse-report-request.ts';
import { formatChange, formatCount } from '../../src/core/reports/format-report-number.ts';
import { assembleReport } from '../../src/core/reports/assemble-report.ts';

const today = '2026-11-22';

describe('report options', () => {
  it('defaults to today, by level, as a table', () => {
    expect(parseReportRequest({}, today)).toEqual({
      at: today,
      since: null,
      by: 'level',
      region: null,
      format: 'table',
      out: null,
      atIsToday: true,
    });
  });

  it('takes the format from the --out extension unless --format says otherwise', () => {
    expect(parseReportRequest({ out: 'r.XLSX' }, today).format).toBe('xlsx');
    expect(parseReportRequest({ out: 'r.csv' }, today).format).toBe('csv');
    expect(parseReportRequest({ out: 'r.txt' }, today).format).toBe('table');
    expect(parseReportRequest({ out: 'r.xlsx', format: 'csv' }, today).format).toBe('csv');
  });

  it('accepts real calendar days only', () => {
    expect(parseReportRequest({ at: '2020-02-29' }, today).at).toBe('2020-02-29');
    expect(() => parseReportRequest({ at: '2019-02-29' }, today)).toThrow('--at 的日期「2019-02-29」无效');
    expect(() => parseReportRequest({ since: '2020-3-1' }, today)).toThrow('--since 的日期「2020-3-1」无效');
    expect(parseReportRequest({ at: '2020-03-31' }, today).atIsToday).toBe(false);
  });
});

describe('report numbers and rows', () => {
  it('writes thousands separators and signs changes', () => {
    expect(formatCount(13311)).toBe('13,311');
    expect(formatChange(-3911)).toBe('-3,911');
    expect(formatChange(12)).toBe('+12');
    expect(formatChange(0)).toBe('0');
  });

  it('keeps a level it does not know as a row of its own so the total still adds up', () => {
    const r = assembleReport({
      dimension: 'level',
      scopeName: '全部地区',
      at: '2020-03-31',
      since: null,
      groupsAt: [
        { key: '全国级', households: 2, persons: 5 },
        { key: '乡镇级', households: 1, persons: 3 },
      ],
      groupsSince: null,
      movements: null,
      regions: [],
      states: [],
    });
    expect(r.rows.map((row) => [row.labels[0], row.at.households])).toEqual([
      ['全国级', 2],
      ['省级', 0],
      ['地市级', 0],
      ['区县级', 0],
      ['乡镇级', 1],
    ]);
    expect(r.total.at).toEqual({ households: 3, persons: 8 });
  });
});
