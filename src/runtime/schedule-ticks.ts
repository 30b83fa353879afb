// Node only: node-cron runs the scheduler tick every minute (Workers use Cron Triggers instead).
// Ticks never overlap within the process; across processes the timer claims keep firing exactly-once.
// A failed tick (or outbox run) is logged in words an operator can act on and simply tried again
// by the next one: nothing it claimed is lost (claims expire after their lease).
import { schedule } from 'node-cron';
import type { EngineDeps } from '../app/cases/engine-deps.ts';
import { runDueTimers, type TickResult } from '../app/timers/run-due-timers.ts';
import type { Logger } from '../core/logger.ts';
import { describeDbError } from '../db/describe-db-error.ts';

export function scheduleTicks(deps: EngineDeps, logger: Logger, now: () => Date = () => new Date()): { stop(): void } {
  const task = schedule('* * * * *', () => runTick(deps, logger, now()), { noOverlap: true, name: 'huhuqing-tick' });
  return { stop: () => void task.stop() };
}

/** One guarded tick: never rejects; undefined when it failed (and was logged). */
export async function runTick(deps: EngineDeps, logger: Logger, now: Date): Promise<TickResult | undefined> {
  try {
    const r = await runDueTimers(deps, now);
    if (r.claimed > 0) logger.info({ ...r }, 'scheduler tick');
    return r;
  } catch (error) {
    logLoopFailure(logger, 'tick', error);
    return undefined;
  }
}

const loops = {
  tick: { name: '定时任务（提醒、期限、督办）', retry: '下一分钟自动重试' },
  outbox: { name: '飞书消息发送', retry: '1 秒后自动重试，未发出的消息不会丢失' },
} as const;

/** A background loop's failure: a database fault says what to do; anything else keeps its message. */
export function logLoopFailure(logger: Logger, loop: keyof typeof loops, error: unknown): void {
  const { name, retry } = loops[loop];
  const fault = describeDbError(error);
  if (fault) logger.error({ loop, dbError: fault.code }, `${name}本轮未完成：${fault.message}（${retry}）`);
  else logger.error({ loop, err: error instanceof Error ? error.message : String(error) }, `${name}本轮失败（${retry}）`);
}
