import type { Command } from 'commander';
import { loadSandboxClock } from '../../app/sandbox/sandbox-clock.ts';
import { runDueTimers } from '../../app/timers/run-due-timers.ts';
import { openEngine, parseNow } from '../open-engine.ts';

export function registerTick(program: Command): void {
  program
    .command('tick')
    .description('运行一次调度：到期的提醒、期限、督办和每日简报（服务运行时每分钟自动执行）')
    .option('--now <ISO 时间>', '把“现在”当作这个时间（测试与演示用），如 2025-10-18T09:00:00+08:00；沙箱模式下会把沙箱时钟拨到这个时间')
    .action(async (opts: { now?: string }) => {
      const { config, deps, close } = await openEngine();
      try {
        let now = parseNow(opts.now);
        if (config.lark.mode === 'sandbox') {
          // The sandbox runs on its own clock: without --now the tick runs at the sandbox's time;
          // with a later --now the sandbox (and a running server, within seconds) moves there too.
          const clock = await loadSandboxClock(deps.db, () => new Date());
          if (opts.now === undefined) now = clock.now();
          else if (now.getTime() > clock.now().getTime()) {
            await clock.travelTo(now);
            console.log(`沙箱时钟已拨到 ${now.toISOString()}（运行中的服务几秒内跟上）`);
          }
        }
        const r = await runDueTimers(deps, now);
        console.log(
          `调度完成（${now.toISOString()}）：到期 ${r.claimed} 项，执行 ${r.fired} 项，夜间顺延 ${r.deferred} 项，已失效 ${r.obsolete} 项，待发消息 ${r.messages} 条。`,
        );
      } finally {
        await close();
      }
    });
}
