import { describe, expect, it } from 'vitest';
import { workdaysBetween } from '../../../src/core/time/deadline-math.ts';
import { clockDeadline, pauseClock, resumeClock, startClock, startClockFor } from '../../../src/core/time/suspension-ledger.ts';
import type { ClockLedger } from '../../../src/core/time/suspension-ledger.ts';
import { createWorkCalendar } from '../../../src/core/time/work-calendar.ts';

const cal = createWorkCalendar();
const TZ = 'Asia/Shanghai';
const at = (shanghaiLocal: string) => new Date(`${shanghaiLocal}+08:00`);

// 10 workdays from Monday 2025-11-03 (no holidays in November 2025): 11-04 … 11-17 → end of Monday 11-17
const tenWorkdays = () => startClockFor(at('2025-11-03T09:00:00'), { workdays: 10 }, cal, TZ);

describe('suspension ledger', () => {
  it('starts running with the deadline of its duration', () => {
    const ledger = tenWorkdays();
    expect(ledger).toEqual({
      unit: 'workdays',
      startedAt: '2025-11-03T01:00:00.000Z',
      initialDeadline: '2025-11-17T16:00:00.000Z',
      deadline: '2025-11-17T16:00:00.000Z',
      runningSince: '2025-11-03T01:00:00.000Z',
      pauses: [],
    });
    expect(clockDeadline(ledger)).toEqual(at('2025-11-18T00:00:00'));
  });

  it('has no deadline in force while paused', () => {
    expect(clockDeadline(pauseClock(tenWorkdays(), at('2025-11-06T10:00:00')))).toBeNull();
  });

  it('resumes a 10-workday deadline paused on day 3 for 5 days over a weekend with exactly the remaining workdays', () => {
    const pausedAt = at('2025-11-06T10:00:00'); // Thursday, the 3rd working day (11-04, 11-05, 11-06)
    const resumedAt = at('2025-11-11T10:00:00'); // Tuesday, 5 calendar days later
    const oldDeadline = at('2025-11-18T00:00:00');
    const remaining = workdaysBetween(pausedAt, oldDeadline, cal, TZ); // 11-07, 11-10 … 11-14, 11-17
    expect(remaining).toBe(7);

    const ledger = resumeClock(pauseClock(tenWorkdays(), pausedAt), resumedAt, cal, TZ);
    // 11-12, 11-13, 11-14, 11-17, 11-18, 11-19, 11-20 → end of Thursday 11-20
    expect(clockDeadline(ledger)).toEqual(at('2025-11-21T00:00:00'));
    expect(workdaysBetween(resumedAt, at('2025-11-21T00:00:00'), cal, TZ)).toBe(remaining);
    expect(ledger.pauses).toEqual([
      {
        from: pausedAt.toISOString(),
        to: resumedAt.toISOString(),
        deadlineBefore: oldDeadline.toISOString(),
        deadlineAfter: at('2025-11-21T00:00:00').toISOString(),
        remaining: { workdays: 7, partialDay: true },
      },
    ]);
    expect(ledger.initialDeadline).toBe(oldDeadline.toISOString());
  });

  it('keeps every pause of a clock paused twice, the second resumed on a Saturday giving back the partial day', () => {
    let ledger: ClockLedger = tenWorkdays();
    ledger = pauseClock(ledger, at('2025-11-06T10:00:00'));
    ledger = resumeClock(ledger, at('2025-11-11T10:00:00'), cal, TZ); // deadline → end of 11-20
    ledger = pauseClock(ledger, at('2025-11-19T14:00:00')); // Wednesday afternoon: 11-20 whole + the rest of 11-19
    ledger = resumeClock(ledger, at('2025-11-22T10:00:00'), cal, TZ); // Saturday: 1 + 1 workdays → end of Tuesday 11-25

    expect(clockDeadline(ledger)).toEqual(at('2025-11-26T00:00:00'));
    expect(ledger.pauses.map((p) => [p.from, p.to, p.deadlineBefore, p.deadlineAfter])).toEqual([
      ['2025-11-06T02:00:00.000Z', '2025-11-11T02:00:00.000Z', '2025-11-17T16:00:00.000Z', '2025-11-20T16:00:00.000Z'],
      ['2025-11-19T06:00:00.000Z', '2025-11-22T02:00:00.000Z', '2025-11-20T16:00:00.000Z', '2025-11-25T16:00:00.000Z'],
    ]);
    expect(ledger.pauses[1]?.remaining).toEqual({ workdays: 1, partialDay: true });
    expect(JSON.parse(JSON.stringify(ledger))).toEqual(ledger); // plain JSON for the case snapshot
  });

  it('leaves a workday deadline unchanged after a pause within the same working day', () => {
    const ledger = resumeClock(pauseClock(tenWorkdays(), at('2025-11-06T10:00:00')), at('2025-11-06T16:00:00'), cal, TZ);
    expect(clockDeadline(ledger)).toEqual(at('2025-11-18T00:00:00'));
  });

  it('keeps the remaining milliseconds of a calendar (hours) deadline', () => {
    let ledger = startClockFor(at('2025-11-03T09:00:00'), { hours: 4 }, cal, TZ); // due 13:00
    expect(ledger.unit).toBe('calendar');
    ledger = pauseClock(ledger, at('2025-11-03T10:30:00')); // 2 h 30 min left
    ledger = resumeClock(ledger, at('2025-11-04T08:00:00'), cal, TZ);
    expect(clockDeadline(ledger)).toEqual(at('2025-11-04T10:30:00'));
    expect(ledger.pauses[0]?.remaining).toEqual({ ms: 2.5 * 3_600_000 });
  });

  it('does not give an overdue clock new time when it is paused after its deadline', () => {
    const start = startClock(at('2025-11-03T09:00:00'), at('2025-11-05T00:00:00'), 'workdays');
    const ledger = resumeClock(pauseClock(start, at('2025-11-06T10:00:00')), at('2025-11-10T10:00:00'), cal, TZ);
    expect(clockDeadline(ledger)).toEqual(at('2025-11-05T00:00:00'));
    expect(ledger.pauses).toHaveLength(1);
  });

  it('refuses to pause twice, to resume a running clock, and to resume before the pause', () => {
    const paused = pauseClock(tenWorkdays(), at('2025-11-06T10:00:00'));
    expect(() => pauseClock(paused, at('2025-11-07T10:00:00'))).toThrow('不能重复暂停');
    expect(() => resumeClock(tenWorkdays(), at('2025-11-07T10:00:00'), cal, TZ)).toThrow('计时没有暂停');
    expect(() => resumeClock(paused, at('2025-11-05T10:00:00'), cal, TZ)).toThrow('早于暂停时间');
    expect(() => pauseClock(tenWorkdays(), at('2025-11-01T10:00:00'))).toThrow('早于计时开始');
  });
});
