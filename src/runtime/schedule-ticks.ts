// Node only: node-cron runs the scheduler tick every minute (Workers use Cron Triggers instead).
// Ticks never overlap within the process; across processes the timer claims keep firing exactly-once.
import { schedule } from 'node-cron';
import type { EngineDeps } from '../app/cases/engine-deps.ts';
import { runDueTimers } from '../app/timers/run-due-timers.ts';
import type { Logger } from '../core/logger.ts';

export function scheduleTicks(deps: EngineDeps, logger: Logger, now: () => Date = () => new Date()): { stop(): void } {
  const task = schedule(
    '* * * * *',
    async () => {
      try {
        const r = await runDueTimers(deps, now());
        if (r.claimed > 0) logger.info({ ...r }, 'scheduler tick');
      } catch (error) {
        logger.error({ err: (error as Error).message }, 'scheduler tick failed');
      }
    },
    { noOverlap: true, name: 'huhuqing-tick' },
  );
  return { stop: () => void task.stop() };
}
