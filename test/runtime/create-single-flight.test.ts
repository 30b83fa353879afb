import { describe, expect, it } from 'vitest';
import { createSingleFlight } from '../../src/runtime/create-single-flight.ts';

/** A run the test finishes by hand, so it decides what arrives while the run is under way. */
function gate(): { wait: Promise<void>; open(): void } {
  let open!: () => void;
  const wait = new Promise<void>((resolve) => (open = resolve));
  return { wait, open };
}

/** Counts runs and how many overlap; each run waits for the gate the test opens. */
function tracedWork() {
  const trace = { runs: 0, active: 0, maxActive: 0, gates: [] as Array<ReturnType<typeof gate>> };
  const work = async () => {
    trace.runs++;
    trace.active++;
    trace.maxActive = Math.max(trace.maxActive, trace.active);
    const g = gate();
    trace.gates.push(g);
    await g.wait;
    trace.active--;
  };
  return { trace, work };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('createSingleFlight', () => {
  it('runs the first request and folds every request made during that run into one more run', async () => {
    const errors: unknown[] = [];
    const flight = createSingleFlight((e) => errors.push(e));
    const { trace, work } = tracedWork();
    for (let i = 0; i < 10; i++) flight.run(work);
    await settle();
    expect(trace.runs).toBe(1);
    trace.gates[0]!.open();
    await settle();
    expect(trace.runs).toBe(2);
    trace.gates[1]!.open();
    await flight.idle();
    expect(trace).toMatchObject({ runs: 2, maxActive: 1 });
    expect(errors).toEqual([]);
  });

  it('runs exactly once more for a request made during a run, and not again after that', async () => {
    const flight = createSingleFlight(() => {});
    const { trace, work } = tracedWork();
    flight.run(work);
    await settle();
    flight.run(work);
    trace.gates[0]!.open();
    await settle();
    trace.gates[1]!.open();
    await flight.idle();
    await settle();
    expect(trace.runs).toBe(2);
    // Idle again: the next request starts a run at once.
    flight.run(work);
    await settle();
    expect(trace.runs).toBe(3);
    trace.gates[2]!.open();
    await flight.idle();
    expect(trace.maxActive).toBe(1);
  });

  it('runs the work given last in the extra run', async () => {
    const flight = createSingleFlight(() => {});
    const ran: string[] = [];
    const first = gate();
    flight.run(async () => {
      ran.push('first');
      await first.wait;
    });
    flight.run(async () => void ran.push('second'));
    flight.run(async () => void ran.push('third'));
    first.open();
    await flight.idle();
    expect(ran).toEqual(['first', 'third']);
  });

  it('reports a run that rejects or throws and carries on: the pending run still happens, later requests start new ones', async () => {
    const errors: unknown[] = [];
    const flight = createSingleFlight((e) => errors.push(e));
    const ran: string[] = [];
    const failing = gate();
    flight.run(async () => {
      ran.push('rejects');
      await failing.wait;
      throw new Error('database is locked');
    });
    flight.run(() => {
      ran.push('throws');
      throw new Error('not even a promise');
    });
    failing.open();
    await flight.idle();
    expect(errors.map((e) => (e as Error).message)).toEqual(['database is locked', 'not even a promise']);
    flight.run(async () => void ran.push('after'));
    await flight.idle();
    expect(ran).toEqual(['rejects', 'throws', 'after']);
  });

  it('queues a request the work makes itself instead of starting a second run beside it', async () => {
    const flight = createSingleFlight(() => {});
    const { trace, work } = tracedWork();
    let requested = false;
    flight.run(async () => {
      if (!requested) {
        requested = true;
        flight.run(work);
      }
      await work();
    });
    await settle();
    expect(trace.runs).toBe(1);
    trace.gates[0]!.open();
    await settle();
    trace.gates[1]!.open();
    await flight.idle();
    expect(trace).toMatchObject({ runs: 2, maxActive: 1 });
  });

  it('is idle at once when nothing was requested', async () => {
    await expect(createSingleFlight(() => {}).idle()).resolves.toBeUndefined();
  });
});
