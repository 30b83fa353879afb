import type { Command } from 'commander';
import { runDueTimers } from '../../app/timers/run-due-timers.ts';
import { openEngine, parseNow } from '../open-engine.ts';

export function registerTick(program: Command): void {
  program
    .command('tick')
    .description('运行一次调度：到期的提醒、期限、督办（服务运行时每分钟自动执行）')
    .option('--now <ISO 时间>', '把“现在”当作这个时间（测试与演示用），如 2025-10-18T09:00:00+08:00')
    .action(async (opts: { now?: string }) => {
      const now = parseNow(opts.now);
      const { deps, close } = await openEngine();
      try {
        const r = await runDueTimers(deps, now);
        console.log(
          `调度完成（${now.toISOString()}）：到期 ${r.claimed} 项，执行 ${r.fired} 项，夜间顺延 ${r.deferred} 项，已失效 ${r.obsolete} 项，待发消息 ${r.messages} 条。`,
        );
      } finally {
        await close();
      }
    });
}
