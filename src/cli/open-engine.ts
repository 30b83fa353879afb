// CLI commands that run the workflow engine: the database plus flows and the working-day calendar.
import { AppError } from '../core/app-error.ts';
import { buildEngineDeps } from '../app/cases/build-engine-deps.ts';
import { publishBundledFlows } from '../app/flows/publish-bundled-flows.ts';
import type { EngineDeps } from '../app/cases/engine-deps.ts';
import type { Config } from '../config/parse-config.ts';
import { openDatabase } from './open-database.ts';

export async function openEngine(): Promise<{ config: Config; deps: EngineDeps; close: () => Promise<void> }> {
  const { config, db } = await openDatabase();
  await publishBundledFlows(db, new Date());
  const engine = await buildEngineDeps(db, config.timezone, config.quietHours, (year) =>
    console.error(
      `提示：${year} 年的节假日安排尚未收录，暂按周一至周五计算工作日。请运行 huhuqing calendar add <${year} 年日历.json> 添加`,
    ),
  );
  // `huhuqing tick` sends the daily digest like the server's ticks do (HUHUQING_DAILY_DIGEST_AT).
  const deps: EngineDeps = config.dailyDigestAt ? { ...engine, dailyDigest: { at: config.dailyDigestAt } } : engine;
  return { config, deps, close: () => db.$disconnect() };
}

/** `--now` for commands that move time (tests and operators); the real clock otherwise. */
export function parseNow(text: string | undefined): Date {
  if (text === undefined) return new Date();
  const d = new Date(text);
  if (Number.isNaN(d.getTime()))
    throw new AppError('invalid_argument', `--now「${text}」不是有效的时间：请写 ISO 格式，如 2025-10-18T09:00:00+08:00`);
  return d;
}
