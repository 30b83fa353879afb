// After the last restart: what the product does on its own once its leases have run out. Ten
// minutes later (a clock moved forward, the only fake) scheduler ticks (the real CLI) take over
// the claims of ticks that were killed, and the channel's inbound sweep and outbox (the same code
// the server runs, in this process, against the simulator) pick up events left mid-processing and
// messages left mid-send. Returns when nothing is waiting to be sent.
import { buildLarkChannel } from '../../src/app/lark/build-lark-channel.ts';
import { processInboundEvents, type ProcessInboundSummary } from '../../src/app/lark/process-inbound-events.ts';
import { runOutbox } from '../../src/app/lark/run-outbox.ts';
import { silentLogger } from '../../src/core/logger.ts';
import { createLarkClient } from '../../src/lark/outbox/create-lark-client.ts';
import { spawnHuhuqing } from './crash-processes.ts';
import type { CrashWorld } from './crash-world.ts';

export interface DrainReport {
  /** The "now" of the last tick: every timer due by then must have fired. */
  now: Date;
  tickOutput: string[];
  inbound: ProcessInboundSummary;
  outboxSent: number;
  outboxRuns: number;
}

export async function drainLater(world: CrashWorld, offsetMs: number, timeoutMs = 90_000): Promise<DrainReport> {
  const later = () => new Date(Date.now() + offsetMs);
  // Ticks until one finds nothing due: a firing can schedule more that is due at once (a superseded
  // daily digest schedules today's), which the server's next tick, a minute later, would fire.
  const tickOutput: string[] = [];
  let tickedAt = later();
  for (let i = 0; i < 4; i++) {
    tickedAt = later();
    const tick = spawnHuhuqing('tick (later)', ['tick', '--now', tickedAt.toISOString()], world.env, world.dir);
    const code = await tick.exited;
    if (code !== 0) throw new Error(`the later tick failed (${code}):\n${tick.output().slice(-4000)}`);
    tickOutput.push(tick.output().trim());
    if (/到期 0 项/.test(tick.output())) break;
  }

  const lark = createLarkClient({ appId: world.sim.appId, appSecret: world.sim.appSecret, domain: world.sim.url, now: later });
  const channel = buildLarkChannel({
    engine: world.deps,
    lark,
    logger: silentLogger,
    now: later,
    sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
    botOpenId: () => world.sim.botOpenId,
  });
  const inbound = await processInboundEvents(channel.inbound);
  let outboxSent = 0;
  let outboxRuns = 0;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const run = await runOutbox(channel.outbox);
    outboxRuns++;
    outboxSent += run.sent;
    const waiting = await world.db.outboxMessage.findMany({
      where: { status: { in: ['pending', 'sending'] } },
      select: { nextAttemptAt: true },
      orderBy: { nextAttemptAt: 'asc' },
    });
    if (waiting.length === 0) break;
    if (Date.now() > deadline) throw new Error(`the outbox still holds ${waiting.length} messages after the drain`);
    // Rate-limited or waiting for the message they buzz: their time comes within seconds.
    const wait = Math.min(1000, Math.max(50, waiting[0]!.nextAttemptAt.getTime() - later().getTime()));
    await new Promise((r) => setTimeout(r, wait));
  }
  return { now: tickedAt, tickOutput, inbound, outboxSent, outboxRuns };
}
