import { describe, expect, it } from 'vitest';
import { parsePersons } from '../../../src/core/households/parse-persons.ts';

describe('parsePersons', () => {
  it('accepts a number cell, digits, full-width digits and 3人', () => {
    for (const value of [3, '3', '３', '3人', '3 人', '3口人', '3.0'])
      expect(parsePersons(value), String(value)).toEqual({ ok: true, value: 3 });
  });

  it('accepts 1 and 99, the bounds', () => {
    expect(parsePersons(1)).toEqual({ ok: true, value: 1 });
    expect(parsePersons('99')).toEqual({ ok: true, value: 99 });
  });

  it('refuses 0 as not a positive whole number', () => {
    expect(parsePersons(0)).toEqual({ ok: false, reason: '「0」须为正整数（1–99）：请填写家庭实际人口数，如 3' });
  });

  it('refuses negatives, fractions and more than 99', () => {
    for (const value of [-2, '-2', 2.5, '2.5', 100, '120']) expect(parsePersons(value).ok, String(value)).toBe(false);
  });

  it('refuses text that is not a number', () => {
    expect(parsePersons('三口')).toMatchObject({ ok: false, reason: expect.stringContaining('「三口」须为正整数') });
    expect(parsePersons('3户')).toMatchObject({ ok: false });
  });

  it('refuses an empty cell', () => {
    expect(parsePersons(undefined)).toMatchObject({ ok: false, reason: expect.stringContaining('为空') });
  });
});
