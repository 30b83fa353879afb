// The free edition's monthly API quota (lark-platform.md §4.1): successful counted calls per
// calendar month, reset on the 1st. Lark is a China service, so months turn over in China time.
import type { SimulatorCore } from './simulator-core.ts';

const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;

export function quotaMonth(at: Date): string {
  const china = new Date(at.getTime() + CHINA_OFFSET_MS);
  return `${china.getUTCFullYear()}-${String(china.getUTCMonth() + 1).padStart(2, '0')}`;
}

export function quotaExhausted(core: SimulatorCore): boolean {
  if (core.monthlyQuota === undefined) return false;
  return (core.state.quotaUsed.get(quotaMonth(core.now())) ?? 0) >= core.monthlyQuota;
}

export function consumeQuota(core: SimulatorCore): void {
  const month = quotaMonth(core.now());
  core.state.quotaUsed.set(month, (core.state.quotaUsed.get(month) ?? 0) + 1);
}
