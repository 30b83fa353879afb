// Deterministic fault injection: with a seed, the n-th API call always gets the same fault, so a
// flaky-network test fails the same way every run.
import { createRandom } from '../../core/create-random.ts';

export interface FaultSettings {
  /** Probability (0..1) of an injected 502/503. */
  status5xx?: number;
  /** How long a "timed out" response is held, in real milliseconds (default 10 s). */
  timeoutMs?: number;
  /** Probability (0..1) of holding the response for timeoutMs. */
  timeoutRate?: number;
  /** Probability (0..1) of an extra HTTP 429 (99991400) with reset headers (x-ogw-ratelimit-reset: 1). */
  rateLimit429?: number;
  /**
   * Probability (0..1) that a call starts a burst: every API call is answered 429 for `burstMs` of
   * simulator time, x-ogw-ratelimit-reset counting down the seconds to the burst's end (a client
   * that honours it makes one throttled call per burst; one that does not keeps hammering).
   */
  rateLimitBurst?: number;
  /** A burst's length in simulator milliseconds (default 5 s). */
  burstMs?: number;
  seed?: number;
}

export type Fault =
  | { kind: 'none' }
  | { kind: 'timeout'; holdMs: number }
  | { kind: '429'; resetSeconds: number; burst: boolean }
  /** `processed`: the backend acted before the gateway failed (so a retry without uuid duplicates). */
  | { kind: '5xx'; status: 502 | 503; processed: boolean; jsonBody: boolean };

export interface FaultInjector {
  configure(settings: FaultSettings): void;
  /** The settings in force (the sandbox page shows them). */
  current(): FaultSettings;
  /** The fault for a call arriving at `nowMs` (simulator time). */
  draw(nowMs: number): Fault;
}

/** Reproducible fault sequences: the project's seeded PRNG (mulberry32). */
function mulberry32(seed: number): () => number {
  return createRandom(seed).next;
}

export function createFaultInjector(): FaultInjector {
  let settings: FaultSettings = {};
  let random = mulberry32(1);
  let burstUntil = 0;
  const burst = (nowMs: number): Fault => ({ kind: '429', resetSeconds: Math.max(1, Math.ceil((burstUntil - nowMs) / 1000)), burst: true });
  return {
    configure(next) {
      settings = { ...next };
      random = mulberry32(next.seed ?? Math.floor(Math.random() * 2 ** 32));
      burstUntil = 0;
    },
    current: () => ({ ...settings }),
    draw(nowMs) {
      if (burstUntil > nowMs) return burst(nowMs);
      // Drawn only when bursts are on, so the sequences of seeds without them stay as they were.
      const pBurst = settings.rateLimitBurst ?? 0;
      if (pBurst > 0 && random() < pBurst) {
        burstUntil = nowMs + (settings.burstMs ?? 5000);
        return burst(nowMs);
      }
      const p429 = settings.rateLimit429 ?? 0;
      const p5xx = settings.status5xx ?? 0;
      const pTimeout = settings.timeoutRate ?? 0;
      if (p429 + p5xx + pTimeout <= 0) return { kind: 'none' };
      const u = random();
      if (u < p429) return { kind: '429', resetSeconds: 1, burst: false };
      if (u < p429 + p5xx) {
        const v = random();
        return { kind: '5xx', status: v < 0.5 ? 502 : 503, processed: random() < 0.5, jsonBody: v >= 0.5 };
      }
      if (u < p429 + p5xx + pTimeout) return { kind: 'timeout', holdMs: settings.timeoutMs ?? 10_000 };
      return { kind: 'none' };
    },
  };
}
