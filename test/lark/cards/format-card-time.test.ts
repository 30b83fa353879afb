// Card times come from a cached zone offset per quarter hour: the same text as Intl gives for
// every moment, in zones with and without daylight saving, across their transitions.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDeadline, formatMoment } from '../../../src/lark/cards/format-card-time.ts';

function reference(at: Date, tz: string, now: Date): string {
  const parts = (d: Date) => {
    const o: Record<string, number> = {};
    for (const p of new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    }).formatToParts(d))
      if (p.type !== 'literal') o[p.type] = Number(p.value);
    return o as { year: number; month: number; day: number; hour: number; minute: number };
  };
  const p = parts(at);
  const year = p.year === parts(now).year ? '' : `${p.year}年`;
  return `${year}${p.month}月${p.day}日 ${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`;
}

const zones = ['Asia/Shanghai', 'America/New_York', 'Europe/London', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'UTC'];

describe('card times', () => {
  it('match Intl for any moment and zone, DST transitions included', () => {
    const now = new Date('2026-11-22T08:00:00Z');
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1960-01-01T00:00:00Z'), max: new Date('2040-12-31T00:00:00Z'), noInvalidDate: true }),
        fc.constantFrom(...zones),
        (at, tz) => {
          expect(formatMoment(at, tz, now)).toBe(reference(at, tz, now));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('every minute around New York’s and Lord Howe’s 2026 transitions', () => {
    const now = new Date('2026-06-01T00:00:00Z');
    for (const [tz, around] of [
      ['America/New_York', '2026-03-08T07:00:00Z'],
      ['America/New_York', '2026-11-01T06:00:00Z'],
      ['Australia/Lord_Howe', '2026-04-04T15:00:00Z'],
    ] as const) {
      const start = new Date(around).getTime() - 3 * 3_600_000;
      for (let m = 0; m < 6 * 60; m++) {
        const at = new Date(start + m * 60_000 + 17_000);
        expect(formatMoment(at, tz, now)).toBe(reference(at, tz, now));
      }
    }
  });

  it('a deadline at local midnight shows the day before, with its weekday', () => {
    const now = new Date('2026-11-01T00:00:00Z');
    expect(formatDeadline(new Date('2026-11-20T16:00:00Z'), 'Asia/Shanghai', now)).toBe('11月20日（周五）');
    expect(formatDeadline(new Date('2026-11-20T07:30:00Z'), 'Asia/Shanghai', now)).toBe('11月20日（周五）15:30');
    expect(formatDeadline(new Date('2027-01-04T16:00:00Z'), 'Asia/Shanghai', now)).toBe('2027年1月4日（周一）');
  });
});
