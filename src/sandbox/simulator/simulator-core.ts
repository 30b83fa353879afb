// What every simulator route and the platform→bot helpers share: the app's identity and secrets,
// the clock, the state, the limiters and the fault injector.
import { createFaultInjector, type FaultInjector } from './fault-injector.ts';
import { createRateWindows, type RateWindows } from './rate-windows.ts';
import { createSimulatorState, type SimulatorState } from './simulator-state.ts';
import { newAppId, newOpenId, newSecret } from './lark-ids.ts';

export interface SimulatorOptions {
  /** The simulator's clock; the caller passes real time (`() => new Date()`) outside tests. */
  now: () => Date;
  appId?: string;
  appSecret?: string;
  encryptKey?: string;
  verificationToken?: string;
  botOpenId?: string;
  appName?: string;
  tenantKey?: string;
  /** Free-edition monthly API quota (10,000 on Lark); unlimited when absent. */
  monthlyQuota?: number;
  /**
   * Lark limits each API separately ("per API, per app, per tenant", lark-platform.md §4.1);
   * 'app' instead shares one 50/s + 1000/min budget across all limited APIs (stricter).
   */
  rateLimitScope?: 'per-api' | 'app';
  port?: number;
}

export interface SimulatorCore {
  appId: string;
  appSecret: string;
  encryptKey: string;
  verificationToken: string;
  botOpenId: string;
  appName: string;
  tenantKey: string;
  monthlyQuota: number | undefined;
  rateLimitScope: 'per-api' | 'app';
  now: () => Date;
  state: SimulatorState;
  limits: RateWindows;
  faults: FaultInjector;
}

export function createSimulatorCore(options: SimulatorOptions): SimulatorCore {
  const faults = createFaultInjector();
  faults.configure({});
  return {
    // A fresh app id per simulator by default: the SDK caches tokens process-wide per app id.
    appId: options.appId ?? newAppId(),
    appSecret: options.appSecret ?? newSecret(),
    encryptKey: options.encryptKey ?? '',
    verificationToken: options.verificationToken ?? newSecret(),
    botOpenId: options.botOpenId ?? newOpenId(),
    appName: options.appName ?? '户户清',
    tenantKey: options.tenantKey ?? '736588c9260f175d',
    monthlyQuota: options.monthlyQuota,
    rateLimitScope: options.rateLimitScope ?? 'per-api',
    now: options.now,
    state: createSimulatorState(),
    limits: createRateWindows(),
    faults,
  };
}

export const nowMs = (core: SimulatorCore): number => core.now().getTime();
