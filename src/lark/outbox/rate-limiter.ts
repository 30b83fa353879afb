// Lark's send limits, kept on our side so we rarely meet a 429: per app 50/s and 1000/min, per chat
// or user 5/s (lark-platform.md §0). Sliding windows: never more than the limit in ANY second or
// minute, which also satisfies Lark's fixed windows. Pure: the caller passes the time.
export interface RateLimits {
  appPerSecond: number;
  appPerMinute: number;
  perTargetPerSecond: number;
}

export const larkLimits: RateLimits = { appPerSecond: 50, appPerMinute: 1000, perTargetPerSecond: 5 };

export class RateLimiter {
  private appSecond: number[] = [];
  private appMinute: number[] = [];
  private targets = new Map<string, number[]>();
  /** Lark said "too fast" anyway (429 with x-ogw-ratelimit-reset, 230020): nothing goes before these. */
  private appPausedUntil = 0;
  private targetPausedUntil = new Map<string, number>();

  constructor(private readonly limits: RateLimits = larkLimits) {}

  /** Lark throttled us: no call (null: for the whole app; else to this target) until `untilMs`. */
  pause(target: string | null, untilMs: number): void {
    if (target === null) this.appPausedUntil = Math.max(this.appPausedUntil, untilMs);
    else this.targetPausedUntil.set(target, Math.max(this.targetPausedUntil.get(target) ?? 0, untilMs));
  }

  /** How long the whole app must still wait after a 429 (0 when it may send). */
  appPausedFor(nowMs: number): number {
    return Math.max(0, this.appPausedUntil - nowMs);
  }

  /** 0 when a call may go now (and it is counted); otherwise how many ms to wait. */
  take(target: string | null, nowMs: number): number {
    const paused = Math.max(this.appPausedUntil, target === null ? 0 : (this.targetPausedUntil.get(target) ?? 0));
    if (paused > nowMs) return paused - nowMs;
    if (target !== null && this.targetPausedUntil.has(target)) this.targetPausedUntil.delete(target);
    prune(this.appSecond, nowMs - 1000);
    prune(this.appMinute, nowMs - 60_000);
    const t = target === null ? undefined : (this.targets.get(target) ?? []);
    if (t) prune(t, nowMs - 1000);
    const waits = [
      this.appSecond.length >= this.limits.appPerSecond ? (this.appSecond[0] ?? nowMs) + 1000 - nowMs : 0,
      this.appMinute.length >= this.limits.appPerMinute ? (this.appMinute[0] ?? nowMs) + 60_000 - nowMs : 0,
      t && t.length >= this.limits.perTargetPerSecond ? (t[0] ?? nowMs) + 1000 - nowMs : 0,
    ];
    const wait = Math.max(...waits);
    if (wait > 0) return wait + 1;
    this.appSecond.push(nowMs);
    this.appMinute.push(nowMs);
    if (t && target !== null) {
      t.push(nowMs);
      this.targets.set(target, t);
    }
    return 0;
  }
}

function prune(times: number[], before: number): void {
  let i = 0;
  while (i < times.length && (times[i] ?? 0) <= before) i++;
  if (i > 0) times.splice(0, i);
}
