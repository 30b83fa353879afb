// Fixed-window counters for Lark's limits (50/s and 1000/min per app, 5/s per chat, user or
// message). Windows align to the simulator clock's second and minute boundaries, so a test that
// controls the clock knows exactly when a window resets (x-ogw-ratelimit-reset).

export interface RateRule {
  key: string;
  limit: number;
  windowMs: number;
}

export type RateVerdict = { limited: false } | { limited: true; limit: number; resetSeconds: number };

export interface RateWindows {
  /** Admits the request only if every rule has room; then counts it against all of them. */
  hit(rules: RateRule[], nowMs: number): RateVerdict;
}

export function createRateWindows(): RateWindows {
  const windows = new Map<string, { start: number; count: number }>();
  const current = (rule: RateRule, nowMs: number) => {
    const start = Math.floor(nowMs / rule.windowMs) * rule.windowMs;
    const id = `${rule.key}|${rule.windowMs}`;
    let w = windows.get(id);
    if (!w || w.start !== start) {
      w = { start, count: 0 };
      windows.set(id, w);
    }
    return w;
  };
  return {
    hit(rules, nowMs) {
      for (const rule of rules) {
        const w = current(rule, nowMs);
        if (w.count >= rule.limit) {
          const resetSeconds = Math.max(1, Math.ceil((w.start + rule.windowMs - nowMs) / 1000));
          return { limited: true, limit: rule.limit, resetSeconds };
        }
      }
      for (const rule of rules) current(rule, nowMs).count += 1;
      return { limited: false };
    },
  };
}

export const SECOND = 1000;
export const MINUTE = 60_000;
