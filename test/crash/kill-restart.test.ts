// Crash safety (issue #8): the real server (`huhuqing serve`, a child process) is killed with
// SIGKILL at random moments while 2,000 card callbacks and events are in flight and a scheduler
// tick (`huhuqing tick`, another child process) runs, then restarted on the same SQLite file; ten
// times. Lark is the simulator in this process: it outlives every server, re-pushes what was not
// acknowledged and records every message it receives. Afterwards, once the leases have run out,
// every acknowledged click and event must have taken effect exactly once, every due timer must have
// fired exactly once, every outbox message must have reached Lark exactly once, and each case's
// audit log must replay to the case's state. CRASH_SEED=<the printed seed> replays a run's plan
// (the kill moments depend on timing); CRASH_VERBOSE=1 narrates the rounds on stderr.
import { afterAll, describe, expect, it } from 'vitest';
import { createRandom, mixSeed } from '../../src/core/create-random.ts';
import type { Db } from '../../src/db/create-prisma.ts';
import { checkCases, checkTimers } from '../helpers/crash-check-cases.ts';
import { checkEvents, checkOutbox } from '../helpers/crash-check-delivery.ts';
import { drainLater } from '../helpers/crash-drain.ts';
import { CrashLoad, ServerSlot } from '../helpers/crash-load.ts';
import { planCases, planMessages } from '../helpers/crash-plan.ts';
import { killAllChildren, spawnHuhuqing, startServer, type HuhuqingProcess } from '../helpers/crash-processes.ts';
import { createCrashWorld, type CrashWorld } from '../helpers/crash-world.ts';

const rounds = 10;
/** Card callbacks and events (CRASH_REQUESTS makes a quicker run for local work). */
const requests = Number(process.env.CRASH_REQUESTS ?? 2_000);
const clicks = Math.round(requests * 0.7);
const events = requests - clicks;
/** About twenty clicks per household's path: 70 households for 1,400 clicks. */
const households = Math.max(5, Math.round(clicks / 20));
const concurrency = 6;

let world: CrashWorld | undefined;
const servers: HuhuqingProcess[] = [];
afterAll(async () => {
  await killAllChildren();
  await world?.close();
});

const verbose = process.env.CRASH_VERBOSE === '1';
/** How far ahead the clock of an even round's tick is. */
const aheadMs = 6 * 60_000;
/** The scheduler's claim lease (run-due-timers.ts's default). */
const tickLeaseMs = 5 * 60_000;
const note = (text: string) => void (verbose && process.stderr.write(`[crash ${new Date().toISOString().slice(11, 23)}] ${text}\n`));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** What a kill left behind in the database: the work it interrupted. */
async function leftBehind(db: Db) {
  const [claimedTimers, processingEvents, sendingMessages] = await Promise.all([
    db.timer.count({ where: { status: 'claimed' } }),
    db.inboundEvent.count({ where: { status: 'processing' } }),
    db.outboxMessage.count({ where: { status: 'sending' } }),
  ]);
  return { claimedTimers, processingEvents, sendingMessages };
}

/** Who holds claimed timers now (tick tokens). */
async function claimHolders(db: Db): Promise<Set<string>> {
  const rows = await db.timer.findMany({ where: { status: 'claimed' }, select: { claimedBy: true }, distinct: ['claimedBy'] });
  return new Set(rows.map((r) => r.claimedBy ?? ''));
}

/** Timers claimed by ticks other than `before`'s holders: the ticks of this round. */
function claimedSince(db: Db, before: Set<string>): Promise<number> {
  return db.timer.count({ where: { status: 'claimed', claimedBy: { notIn: [...before] } } });
}

/** Until a tick (this one, or the server's own) has claimed timers; false when this one ended without. */
async function tickClaims(db: Db, before: Set<string>, tick: HuhuqingProcess, timeoutMs = 60_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (tick.alive() && Date.now() < deadline) {
    if ((await claimedSince(db, before)) > 0) return true;
    await sleep(50);
  }
  return false;
}

/** Until the running server has processed what it received and sent what is due (or stops progressing). */
async function waitForQuiet(db: Db, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = -1;
  let still = 0;
  while (Date.now() < deadline) {
    const waiting =
      (await db.inboundEvent.count({ where: { status: 'received' } })) +
      (await db.outboxMessage.count({ where: { status: 'pending', nextAttemptAt: { lte: new Date() } } }));
    if (waiting === 0) return;
    still = waiting === last ? still + 1 : 0;
    if (still >= 12) return; // what is left waits for a lease: the drain takes it over
    last = waiting;
    await sleep(250);
  }
}

describe('crash safety', () => {
  it('applies every acknowledged click and event once, fires every due timer once and delivers every message once across ten kill -9 restarts', async () => {
    const seed = Number(process.env.CRASH_SEED ?? Date.now() % 2_147_483_647);
    console.log(`[crash] seed ${seed} (CRASH_SEED=${seed} reproduces the plan; the moments depend on timing)`);
    const started = performance.now();
    world = await createCrashWorld({ seed, households, now: new Date() });
    const random = createRandom(mixSeed(seed, 1));
    const plans = planCases(world, clicks, random);
    const messages = planMessages(world, events - world.officers.length, random);
    const slot = new ServerSlot();
    const load = new CrashLoad(world, slot, createRandom(mixSeed(seed, 2)), concurrency);
    const seeded = performance.now();
    note(`seeded: ${world.cases.length} cases, ${world.officers.length} officers`);

    let loadDone: Promise<void> | undefined;
    const kills: Record<string, number | boolean>[] = [];
    const share = (clicks + events) / (rounds + 1);
    const childCpu = { server: 0, tick: 0 };
    for (let round = 1; round <= rounds; round++) {
      const server = await startServer(`server ${round}`, world.env, world.dir);
      servers.push(server.proc);
      note(`round ${round}: server up at ${server.url}`);
      slot.up(server.url, round);
      loadDone ??= load.run(plans, messages);
      // A scheduler tick races the server; both die together, as on a power cut. In odd rounds the
      // kill comes just after a tick has claimed its timers (when it has any), so it dies firing.
      // In even rounds the tick's clock is six minutes ahead (skew, or simply a tick after the
      // lease): it takes over what earlier ticks were killed holding, while the cases still move.
      const before = await claimHolders(world.db);
      const ahead = round % 2 === 0 ? ['--now', new Date(Date.now() + aheadMs).toISOString()] : [];
      const tick = spawnHuhuqing(`tick ${round}`, ['tick', ...ahead], world.env, world.dir);
      const tickCaught = round % 2 === 1 && (await tickClaims(world.db, before, tick));
      if (!tickCaught) await Promise.race([load.waitForCompleted(Math.round(share * (round - 0.5 + random.next()))), loadDone]);
      await sleep(random.int(0, tickCaught ? 30 : 250));
      const atKill = { round, inFlight: load.inFlight(), tickRunning: tick.alive(), completed: load.completed };
      slot.down();
      childCpu.server += server.proc.cpuSeconds();
      childCpu.tick += tick.cpuSeconds();
      await Promise.all([server.proc.kill(), tick.kill()]);
      kills.push({ ...atKill, ...(await leftBehind(world.db)), claimedByThisRound: await claimedSince(world.db, before) });
      note(JSON.stringify(kills.at(-1)));
    }
    const final = await startServer('server (last)', world.env, world.dir);
    servers.push(final.proc);
    slot.up(final.url, rounds + 1);
    note('last server up');
    await loadDone;
    note('load done');
    await waitForQuiet(world.db);
    note('quiet');
    childCpu.server += final.proc.cpuSeconds();
    expect(await final.proc.stop()).toBe(0);
    const loaded = performance.now();
    // Later than any claim can last: an even round's tick (six minutes ahead) holds its claims for
    // the lease (five minutes) after its own clock, so the drain comes two minutes after that.
    const drain = await drainLater(world, aheadMs + tickLeaseMs + 2 * 60_000);
    note('drained');

    const problems = [...load.problems];
    const cases = await checkCases(world.db, load.clicks, plans, problems);
    const stats = {
      ...cases.stats,
      ...(await checkTimers(world.db, drain.now, cases.entryOf, problems)),
      ...(await checkEvents(world.db, load.events, problems)),
      ...(await checkOutbox(world.db, world.sim, world.preexisting, problems)),
    };
    const outcomes: Record<string, number> = {};
    for (const c of load.clicks) outcomes[c.outcome ?? 'never answered'] = (outcomes[c.outcome ?? 'never answered'] ?? 0) + 1;
    const report = {
      seed,
      seconds: { seed: (seeded - started) / 1000, load: (loaded - seeded) / 1000, total: (performance.now() - started) / 1000 },
      cpuSeconds: { ...childCpu, testProcess: (process.cpuUsage().user + process.cpuUsage().system) / 1e6 },
      kills,
      midRequest: kills.filter((k) => (k.inFlight as number) > 0).length,
      midTick: kills.filter((k) => (k.claimedByThisRound as number) > 0).length,
      clicks: load.clicks.length,
      clickOutcomes: outcomes,
      clickRepeats: load.clicks.reduce((n, c) => n + c.repeats.length, 0),
      events: load.events.length,
      eventPosts: load.events.reduce((n, e) => n + e.posts, 0),
      drain: { ...drain, now: drain.now.toISOString() },
      ...stats,
    };
    console.log(
      `[crash] seed ${seed}: ${rounds} kills (${report.midRequest} with requests in flight, ${report.midTick} with a tick firing), ` +
        `${report.clicks} clicks ${JSON.stringify(outcomes)} and ${report.events} events (${report.eventPosts} deliveries), ` +
        `timers fired ${stats.fired} / obsolete ${stats.cancelled}, outbox sent ${stats.sent} (${stats.retriedAfterCrash} retried after a crash, ` +
        `${stats.idempotentReplays} deduplicated by uuid), ${Math.round(report.seconds.total)} s`,
    );
    if (verbose || problems.length > 0) console.log(JSON.stringify(report, null, 1));
    if (problems.length > 0) {
      const kinds = new Map<string, number>();
      for (const p of problems) kinds.set(p.replace(/\d+/g, '#'), (kinds.get(p.replace(/\d+/g, '#')) ?? 0) + 1);
      console.log(`${problems.length} problems:\n${[...kinds].map(([k, n]) => `${n} × ${k}`).join('\n')}`);
      for (const s of servers) console.log(`--- ${s.name}\n${s.output().slice(-2000)}`);
    }
    expect(problems.slice(0, 40)).toEqual([]);
  }, 900_000);
});
