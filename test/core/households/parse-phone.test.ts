import { describe, expect, it } from 'vitest';
import { normalizeLandline, normalizeMobile, parsePhone } from '../../../src/core/households/parse-phone.ts';

describe('parsePhone', () => {
  it('accepts a mainland mobile', () => {
    expect(parsePhone('13812345678')).toEqual({ ok: true, value: '13812345678' });
    expect(parsePhone(19912345678)).toEqual({ ok: true, value: '19912345678' });
  });

  it('removes spaces, dashes and a +86 or 0086 prefix from a mobile', () => {
    for (const text of [
      '138 1234 5678',
      '138-1234-5678',
      '+86 138 1234 5678',
      '+86-13812345678',
      '008613812345678',
      '１３８１２３４５６７８',
    ]) {
      expect(parsePhone(text), text).toEqual({ ok: true, value: '13812345678' });
    }
  });

  it('refuses an 11-digit number that is not a mobile (second digit 0–2)', () => {
    expect(parsePhone('12812345678').ok).toBe(false);
    expect(normalizeMobile('1381234567')).toBeNull();
  });

  it('keeps the dash form of a landline', () => {
    expect(parsePhone('0874-3123456')).toEqual({ ok: true, value: '0874-3123456' });
    expect(parsePhone('010-12345678')).toEqual({ ok: true, value: '010-12345678' });
  });

  it('keeps a landline without dash as digits and writes (0874)3123456 with a dash', () => {
    expect(parsePhone('08743123456')).toEqual({ ok: true, value: '08743123456' });
    expect(parsePhone('（0874）3123456')).toEqual({ ok: true, value: '0874-3123456' });
    expect(normalizeLandline('0874-312345')).toBeNull();
  });

  it('reads an empty cell as no phone', () => {
    expect(parsePhone('')).toEqual({ ok: true, value: null });
    expect(parsePhone(null)).toEqual({ ok: true, value: null });
  });

  it('refuses a bad number and shows only its last 4 characters', () => {
    const result = parsePhone('1381234567');
    expect(result).toMatchObject({ ok: false });
    const reason = result.ok ? '' : result.reason;
    expect(reason).toContain('（尾号 4567）不是有效的电话号码');
    expect(reason).toContain('0874-3123456');
    expect(reason).not.toContain('1381234567');
  });

  it('names short non-numeric text such as 无 so it can be cleared', () => {
    expect(parsePhone('无')).toMatchObject({ ok: false, reason: expect.stringContaining('「无」不是有效的电话号码') });
  });
});
