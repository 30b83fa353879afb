// The sandbox's "time travel": move the clock forward (by a duration, to a moment, or to the next
// pending timer) and run the scheduler at the new time at once, so reminders, deadlines and
// escalations that became due show up without waiting for the next minute's tick.
import { AppError } from '../../core/app-error.ts';
import type { EngineDeps } from '../cases/engine-deps.ts';
import { runDueTimers, type TickResult } from '../timers/run-due-timers.ts';
import type { SandboxClock } from './sandbox-clock.ts';

export type TravelTarget = { by: number } | { to: Date } | { next: true };

export interface TravelResult {
  from: Date;
  to: Date;
  tick: TickResult;
  /** The next pending timer after the trip, if any. */
  nextDueAt: Date | null;
}

export async function travelInTime(deps: EngineDeps, clock: SandboxClock, target: TravelTarget): Promise<TravelResult> {
  const from = clock.now();
  let to: Date;
  if ('by' in target) to = await clock.advance(target.by);
  else if ('to' in target) to = await clock.travelTo(target.to);
  else {
    const next = await nextDueAt(deps);
    if (!next) throw new AppError('not_found', '没有待到期的事项：所有提醒和期限都已处理');
    // One second past the timer, so it is due; a timer already due just runs now.
    to = next.getTime() < from.getTime() ? from : await clock.travelTo(new Date(next.getTime() + 1000));
  }
  const tick = await runDueTimers(deps, to);
  return { from, to, tick, nextDueAt: await nextDueAt(deps) };
}

export async function nextDueAt(deps: EngineDeps): Promise<Date | null> {
  const timer = await deps.db.timer.findFirst({ where: { status: 'pending' }, orderBy: { dueAt: 'asc' }, select: { dueAt: true } });
  return timer?.dueAt ?? null;
}
