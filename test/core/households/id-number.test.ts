import { describe, expect, it } from 'vitest';
import { checkIdNumber, idCheckChar, normalizeIdNumber } from '../../../src/core/households/id-number.ts';

const today = '2025-03-01';
// Check digits computed with the GB 11643-1999 weights.
const valid = ['11010519491231002X', '530302198001011238', '530302198506154314', '440306200002290017', '530322197511082221'];

describe('normalizeIdNumber', () => {
  it('converts full-width digits and X, removes spaces and upper-cases x', () => {
    expect(normalizeIdNumber(' １１０１０５ １９４９１２３１ ００２ｘ ')).toBe('11010519491231002X');
    expect(normalizeIdNumber('11010519491231002x')).toBe('11010519491231002X');
  });
});

describe('checkIdNumber', () => {
  it('accepts real-format numbers with a correct check digit, including X and a 29 February', () => {
    for (const id of valid) expect(checkIdNumber(id, today), id).toBeNull();
  });

  it('computes the standard example’s check character as X', () => {
    expect(idCheckChar('11010519491231002')).toBe('X');
    expect(idCheckChar('53030219800101123')).toBe('8');
  });

  it('refuses a wrong check digit and says which one is expected', () => {
    expect(checkIdNumber('110105194912310021', today)).toBe('身份证号（尾号 0021）校验位不正确，应为 X：请核对号码');
    expect(checkIdNumber('530302198001011237', today)).toContain('应为 8');
  });

  it('refuses 17 or 19 characters, with the count', () => {
    expect(checkIdNumber('53030219800101123', today)).toContain('应为 18 位，实为 17 位');
    expect(checkIdNumber('5303021980010112380', today)).toContain('实为 19 位');
  });

  it('asks for the 18-digit number instead of an old 15-digit one', () => {
    expect(checkIdNumber('530302800101123', today)).toContain('15 位旧号码');
  });

  it('refuses letters anywhere but an X in the last place', () => {
    expect(checkIdNumber('53030219800101X238', today)).toContain('前 17 位须为数字');
    expect(checkIdNumber('53030219800101123A', today)).toContain('最后一位为数字或 X');
  });

  it('refuses a birth date that does not exist', () => {
    expect(checkIdNumber('530302198002301232', today)).toContain('第 7–14 位不是有效的出生日期');
    expect(checkIdNumber('530302198013011234', today)).toContain('第 7–14 位不是有效的出生日期');
    expect(checkIdNumber('530302199002291234', today)).toContain('第 7–14 位不是有效的出生日期');
  });

  it('refuses a birth year before 1900', () => {
    expect(checkIdNumber('530302189901011234', today)).toContain('早于 1900 年');
    expect(checkIdNumber('110101190001010014', today)).toBeNull();
  });

  it('refuses a birth date after today', () => {
    expect(checkIdNumber('530302202001010023', '2019-12-31')).toContain('晚于今天');
    expect(checkIdNumber('530302202001010023', '2020-01-01')).toBeNull();
  });

  it('refuses an empty number', () => {
    expect(checkIdNumber('', today)).toContain('为空');
  });

  it('never shows more than the last 4 characters of the number', () => {
    const bad = ['110105194912310021', '53030219800101123', '530302198002301232', '530302202001010023', '53030219800101X238'];
    for (const id of bad) {
      const reason = checkIdNumber(id, '2019-12-31') ?? '';
      expect(reason).not.toBe('');
      expect(reason).not.toContain(id.slice(0, 6));
      expect(reason).not.toContain(id.slice(-5));
    }
  });
});
