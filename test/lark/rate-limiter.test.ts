import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../../src/lark/outbox/rate-limiter.ts';

describe('outbox rate limiter', () => {
  it('allows 5 sends per second to one chat, then says how long to wait', () => {
    const l = new RateLimiter();
    for (let i = 0; i < 5; i++) expect(l.take('oc_1', 1000 + i)).toBe(0);
    const wait = l.take('oc_1', 1010);
    expect(wait).toBeGreaterThan(980);
    expect(wait).toBeLessThanOrEqual(1001);
    expect(l.take('oc_2', 1010)).toBe(0);
    expect(l.take('oc_1', 2001)).toBe(0);
  });

  it('never lets more than 50 calls into any one second or 1000 into any minute across targets', () => {
    const l = new RateLimiter();
    let sent = 0;
    const times: number[] = [];
    for (let t = 0; t < 120_000; t += 5) {
      if (l.take(`oc_${t % 997}`, t) === 0) {
        sent++;
        times.push(t);
      }
    }
    for (let i = 50; i < times.length; i++) expect((times[i] ?? 0) - (times[i - 50] ?? 0)).toBeGreaterThan(1000 - 1);
    for (let i = 1000; i < times.length; i++) expect((times[i] ?? 0) - (times[i - 1000] ?? 0)).toBeGreaterThan(60_000 - 1);
    expect(sent).toBe(2000); // two full minutes at the per-minute cap
  });

  it('after Lark throttled the app, nothing goes until the reset; after 230020, only that chat waits', () => {
    const l = new RateLimiter();
    l.pause(null, 5000); // a 429 with x-ogw-ratelimit-reset: 4 at t = 1000
    expect(l.appPausedFor(1000)).toBe(4000);
    expect(l.take('oc_1', 1000)).toBe(4000);
    expect(l.take(null, 4999)).toBe(1);
    expect(l.take('oc_1', 5000)).toBe(0);
    expect(l.appPausedFor(5000)).toBe(0);

    l.pause('oc_busy', 7000); // 230020: other bots filled this chat's 5/s
    expect(l.take('oc_busy', 6000)).toBe(1000);
    expect(l.take('oc_other', 6000)).toBe(0);
    expect(l.appPausedFor(6000)).toBe(0);
    expect(l.take('oc_busy', 7000)).toBe(0);
  });
});
