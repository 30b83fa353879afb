// The sandbox's clock and time travel against a real database: forward only, kept over a
// restart, picked up from another process, and the seeded demo city spread over the flow.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildEngineDeps } from '../../src/app/cases/build-engine-deps.ts';
import type { EngineDeps } from '../../src/app/cases/engine-deps.ts';
import { seedDemo } from '../../src/app/demo/seed-demo.ts';
import { loadSandboxClock } from '../../src/app/sandbox/sandbox-clock.ts';
import { nextDueAt, travelInTime } from '../../src/app/sandbox/travel-in-time.ts';
import { publishBundledFlows } from '../../src/app/flows/publish-bundled-flows.ts';
import { openSqliteHouseholdStore } from '../../src/db/sqlite-household-store.ts';
import { createTempDb, type TempDb } from '../helpers/temp-db.ts';

const START = new Date('2025-11-10T10:00:00+08:00');
const DAY = 86_400_000;
let db: TempDb;
let deps: EngineDeps;
let real = START.getTime();
const realNow = () => new Date(real);

beforeEach(async () => {
  db = await createTempDb();
  real = START.getTime();
  await publishBundledFlows(db.prisma, START);
  deps = await buildEngineDeps(db.prisma, 'Asia/Shanghai');
});
afterEach(async () => db.cleanup());

describe('the sandbox clock', () => {
  it('runs with real time, moves only forward, and keeps its offset for the next start and for other processes', async () => {
    const clock = await loadSandboxClock(db.prisma, realNow);
    expect(clock.now()).toEqual(START);
    await clock.advance(2 * DAY);
    real += 60_000; // a minute of real time passes
    expect(clock.now().getTime()).toBe(START.getTime() + 2 * DAY + 60_000);
    await expect(clock.travelTo(START)).rejects.toMatchObject({ code: 'invalid_argument', message: expect.stringContaining('只能向前') });
    await expect(clock.advance(0)).rejects.toMatchObject({ code: 'invalid_argument' });

    const again = await loadSandboxClock(db.prisma, realNow);
    expect(again.now().getTime()).toBe(clock.now().getTime());
    // Another process (huhuqing tick --now) moves it further; refresh() picks that up.
    await again.travelTo(new Date(START.getTime() + 5 * DAY));
    await clock.refresh();
    expect(clock.offsetMs()).toBe(again.offsetMs());
  });

  it('travels to the next pending timer and fires it there; with nothing pending it says so', async () => {
    const clock = await loadSandboxClock(db.prisma, realNow);
    await expect(travelInTime(deps, clock, { next: true })).rejects.toMatchObject({ code: 'not_found' });
    const store = openSqliteHouseholdStore(db.url);
    try {
      await seedDemo(deps, store, clock.now());
    } finally {
      store.close();
    }
    const due = (await nextDueAt(deps))!;
    expect(due.getTime()).toBeGreaterThan(clock.now().getTime());
    const trip = await travelInTime(deps, clock, { next: true });
    expect(trip.to.getTime()).toBe(due.getTime() + 1000);
    expect(trip.tick.claimed).toBeGreaterThan(0);
    expect(trip.nextDueAt!.getTime()).toBeGreaterThan(due.getTime());
  });

  it('seeds a demo city with cases at several steps of the flow, some overdue and escalated, the scheduler caught up', async () => {
    const store = openSqliteHouseholdStore(db.url);
    try {
      await seedDemo(deps, store, START);
    } finally {
      store.close();
    }
    const states = new Set((await db.prisma.case.findMany({ select: { state: true } })).map((c) => c.state));
    expect(states.size).toBeGreaterThanOrEqual(4);
    expect(states).toContain('verifying');
    expect(await db.prisma.escalation.count({ where: { target: 'inspection_group' } })).toBeGreaterThan(0);
    // Nothing left due at the seeding moment: the catch-up ticks ran until quiet.
    expect(await db.prisma.timer.count({ where: { status: 'pending', dueAt: { lte: START } } })).toBe(0);
    // Each step is a real, audited transition by the household's officer.
    const steps = await db.prisma.auditEvent.findMany({ where: { action: 'case.transition', source: 'card' } });
    expect(steps.length).toBeGreaterThan(10);
    expect(steps.every((a) => a.actor.startsWith('person:'))).toBe(true);
  });
});
