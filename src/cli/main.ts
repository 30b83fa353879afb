// The `huhuqing` command: each sub-command lives in its own file under src/cli/commands.
import { Command, CommanderError } from 'commander';
import { isAppError } from '../core/app-error.ts';
import { describeDbError } from '../db/describe-db-error.ts';
import { exitCodeForDbFault } from './db-failure.ts';
import { registerServe } from './commands/serve.ts';
import { registerMigrate } from './commands/migrate.ts';
import { registerReport } from './commands/report.ts';
import { registerImport } from './commands/import.ts';
import { registerRoster } from './commands/roster.ts';
import { registerTick } from './commands/tick.ts';
import { registerCase } from './commands/case.ts';
import { registerCases } from './commands/cases.ts';
import { registerCalendar } from './commands/calendar.ts';
import { registerDemo } from './commands/demo.ts';
import { registerFlows } from './commands/flows.ts';
import { registerLedger } from './commands/ledger.ts';
import { registerToken } from './commands/token.ts';

export function buildProgram(): Command {
  const program = new Command('huhuqing')
    .description('户户清：困难职工解困脱困「户户清」工作机器人（飞书）')
    .showHelpAfterError('（运行 huhuqing --help 查看全部命令）')
    .exitOverride();
  registerServe(program);
  registerMigrate(program);
  registerReport(program);
  registerImport(program);
  registerRoster(program);
  registerTick(program);
  registerCase(program);
  registerCases(program);
  registerCalendar(program);
  registerDemo(program);
  registerFlows(program);
  registerLedger(program);
  registerToken(program);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  // Commands report "done, but with rejected rows" through process.exitCode; read and reset it so
  // in-process callers (tests) see each run's own code.
  process.exitCode = undefined;
  try {
    await buildProgram().parseAsync(argv);
    return process.exitCode === undefined ? 0 : Number(process.exitCode);
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    if (isAppError(error)) {
      console.error(`错误：${error.message}`);
      return 2;
    }
    // The database could not be written (busy, disk full …): what to do, not Prisma's stack.
    const fault = describeDbError(error);
    if (fault) {
      console.error(`错误：${fault.message}`);
      return exitCodeForDbFault(fault);
    }
    console.error(`意外错误：${(error as Error).stack ?? String(error)}`);
    return 1;
  } finally {
    process.exitCode = undefined;
  }
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('/cli/main.ts')) {
  main(process.argv).then((code) => {
    process.exitCode = code;
  });
}
