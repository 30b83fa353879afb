import { describe, expect, it } from 'vitest';
import { checkDuration, describeDuration } from '../../../src/core/time/duration.ts';

describe('checkDuration', () => {
  it('accepts exactly one unit with a positive integer', () => {
    for (const d of [{ workdays: 10 }, { days: 3 }, { hours: 4 }, { minutes: 30 }]) expect(checkDuration(d)).toBeNull();
  });

  it('rejects zero workdays', () => {
    expect(checkDuration({ workdays: 0 })).toContain('workdays 须为正整数');
  });

  it('rejects negative hours', () => {
    expect(checkDuration({ hours: -1 })).toContain('hours 须为正整数');
  });

  it('rejects fractions and numbers written as text', () => {
    expect(checkDuration({ days: 1.5 })).toContain('days 须为正整数');
    expect(checkDuration({ workdays: '10' })).toContain('workdays 须为正整数');
  });

  it('rejects two units and says to convert to one', () => {
    expect(checkDuration({ days: 1, hours: 2 })).toBe('时长只能用一个单位，现有 days、hours：请换算成一个单位，例如 { "hours": 26 }');
  });

  it('rejects an unknown unit such as weeks, naming the allowed ones', () => {
    expect(checkDuration({ weeks: 1 })).toContain('不支持的时间单位 weeks');
    expect(checkDuration({ weeks: 1 })).toContain('workdays（工作日）');
  });

  it('rejects an empty object, null, an array and a bare number', () => {
    expect(checkDuration({})).toContain('缺少时长');
    expect(checkDuration(null)).toContain('时长须写成对象');
    expect(checkDuration([])).toContain('时长须写成对象');
    expect(checkDuration(10)).toContain('时长须写成对象');
  });

  it('treats an optional field left undefined as absent', () => {
    expect(checkDuration({ workdays: undefined, hours: 4 })).toBeNull();
  });
});

describe('describeDuration', () => {
  it('says the amount and the unit in Chinese', () => {
    expect(describeDuration({ workdays: 10 })).toBe('10 个工作日');
    expect(describeDuration({ hours: 4 })).toBe('4 小时');
    expect(describeDuration({ days: 3 })).toBe('3 天');
    expect(describeDuration({ minutes: 30 })).toBe('30 分钟');
  });

  it('refuses an invalid duration with the reason', () => {
    expect(() => describeDuration({ workdays: 0 })).toThrow('workdays 须为正整数');
  });
});
