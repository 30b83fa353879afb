// The side panel's picture of the simulator: what the bot called and when, how close it is to
// Lark's rate limits (50/s and 1000/min per API), the month's quota, the faults in force and the
// latest callback outcomes and toasts.
import { quotaMonth } from '../simulator/monthly-quota.ts';
import type { SimulatorCore } from '../simulator/simulator-core.ts';
import type { FaultSettings } from '../simulator/fault-injector.ts';
import type { SimApiCall, SimCallbackOutcome, SimCounters, SimToast } from '../simulator/simulator-state.ts';

export interface SimulatorPanel {
  now: number;
  counters: SimCounters;
  rate: { lastSecond: number; lastMinute: number; perSecondLimit: number; perMinuteLimit: number };
  quota: { month: string; used: number; limit: number | null };
  faults: FaultSettings;
  calls: SimApiCall[];
  callbacks: SimCallbackOutcome[];
  toasts: SimToast[];
}

const RECENT = 40;

export function describeSimulator(core: SimulatorCore): SimulatorPanel {
  const now = core.now().getTime();
  const { calls } = core.state;
  // Token requests are not rate limited by these windows; count the calls that are.
  const limited = (c: SimApiCall) => !c.path.includes('/auth/');
  let lastSecond = 0;
  let lastMinute = 0;
  for (let i = calls.length - 1; i >= 0; i--) {
    const c = calls[i]!;
    if (now - c.at > 60_000) break;
    if (!limited(c)) continue;
    lastMinute++;
    if (now - c.at <= 1000) lastSecond++;
  }
  const month = quotaMonth(core.now());
  return {
    now,
    counters: { ...core.state.counters },
    rate: { lastSecond, lastMinute, perSecondLimit: 50, perMinuteLimit: 1000 },
    quota: { month, used: core.state.quotaUsed.get(month) ?? 0, limit: core.monthlyQuota ?? null },
    faults: core.faults.current(),
    calls: calls.slice(-RECENT).reverse(),
    callbacks: core.state.callbacks.slice(-10).reverse(),
    toasts: core.state.toasts.slice(-10).reverse(),
  };
}

/** Changes whenever anything the page shows changes; the page's event stream sends it. */
export function simulatorRevision(core: SimulatorCore, extra = ''): string {
  let updated = 0;
  for (const m of core.state.messages.values()) if (m.updateTime > updated) updated = m.updateTime;
  const s = core.state;
  const lastCall = s.calls.at(-1);
  return [
    s.messages.size,
    updated,
    s.calls.length,
    lastCall?.at ?? 0,
    s.callbacks.length,
    s.toasts.length,
    s.pushes.length,
    s.chats.size,
    Object.values(s.counters).join('.'),
    extra,
  ].join(':');
}
