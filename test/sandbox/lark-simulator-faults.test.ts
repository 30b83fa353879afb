import { afterEach, describe, expect, it } from 'vitest';
import type * as lark from '@larksuiteoapi/node-sdk';
import type { LarkSimulator } from '../../src/sandbox/simulator/start-lark-simulator.ts';
import { fakeClock, formCard, GROUP, startPopulatedSimulator, type FakeClock } from './simulator-fixture.ts';

const sims: LarkSimulator[] = [];
afterEach(async () => {
  await Promise.all(sims.splice(0).map((s) => s.close()));
});

async function setup() {
  const clock = fakeClock();
  const started = await startPopulatedSimulator(clock);
  sims.push(started.sim);
  return { ...started, clock };
}

/** Sends with a uuid and returns the HTTP status (200 or the failure's), never throwing. */
async function trySend(client: lark.Client, uuid: string, timeout?: number): Promise<number | string> {
  try {
    await client.request({
      url: '/open-apis/im/v1/messages',
      method: 'POST',
      params: { receive_id_type: 'chat_id' },
      data: { receive_id: GROUP, msg_type: 'interactive', content: JSON.stringify(formCard()), uuid },
      ...(timeout ? { timeout } : {}),
    });
    return 200;
  } catch (e) {
    const err = e as { response?: { status: number }; code?: string };
    return err.response?.status ?? err.code ?? 'error';
  }
}

async function run(sim: LarkSimulator, client: lark.Client, clock: FakeClock, count: number): Promise<(number | string)[]> {
  sim.injectFaults({ status5xx: 0.3, rateLimit429: 0.2, seed: 42 });
  const statuses: (number | string)[] = [];
  for (let i = 0; i < count; i++) {
    statuses.push(await trySend(client, `u-${i}`));
    clock.advance(1000);
  }
  return statuses;
}

describe('Lark simulator: injected faults', () => {
  it('injects the same 5xx and 429 sequence for the same seed', async () => {
    const a = await setup();
    const b = await setup();
    const first = await run(a.sim, a.client, a.clock, 30);
    const second = await run(b.sim, b.client, b.clock, 30);
    expect(second).toEqual(first);
    expect(first).toContain(429);
    expect(first.some((s) => s === 502 || s === 503)).toBe(true);
    expect(first).toContain(200);
    const throttled = a.sim.state.calls.find((c) => c.fault === '429');
    expect(throttled).toMatchObject({ status: 429, code: 99991400 });
  });

  it('sometimes processes a request before the gateway fails it, so only a uuid keeps retries single', async () => {
    const { sim, client, clock } = await setup();
    await run(sim, client, clock, 40);
    const sent = (uuid: string) => [...sim.state.messages.values()].some((m) => m.uuid === uuid);
    const sends = sim.state.calls.filter((c) => c.path === '/open-apis/im/v1/messages');
    const uuids = sends.map((_, i) => `u-${i}`);
    const after = sends.flatMap((c, i) => (c.fault === '5xx-after' ? [uuids[i]!] : []));
    const before = sends.flatMap((c, i) => (c.fault === '5xx-before' || c.fault === '429' ? [uuids[i]!] : []));
    expect(after.length).toBeGreaterThan(0);
    expect(after.every(sent)).toBe(true);
    expect(before.some(sent)).toBe(false);
  });

  it('holds a response past the client’s timeout after acting on it; the retry with the same uuid gets the same message', async () => {
    const { sim, client } = await setup();
    sim.injectFaults({ timeoutRate: 1, timeoutMs: 2000, seed: 1 });
    expect(await trySend(client, 'retry-me', 100)).toBe('ECONNABORTED');
    expect(sim.messagesIn(GROUP)).toHaveLength(1);
    sim.injectFaults({});
    expect(await trySend(client, 'retry-me')).toBe(200);
    expect(sim.messagesIn(GROUP)).toHaveLength(1);
  });
});
