// The sandbox's clock: real time plus an offset that only ever grows ("time travel"). The offset
// is a row in `settings`, so a restart keeps the sandbox's day and `huhuqing tick --now` in another
// process moves the running server's clock too (it re-reads the row on refresh()).
import { AppError } from '../../core/app-error.ts';
import type { Db } from '../../db/create-prisma.ts';

export const SANDBOX_CLOCK_KEY = 'sandbox.clock_offset_ms';

export interface SandboxClock {
  now(): Date;
  offsetMs(): number;
  /** Moves the clock forward to `at`; refuses to go backwards (timers already fired stay fired). */
  travelTo(at: Date): Promise<Date>;
  advance(ms: number): Promise<Date>;
  /** Picks up an offset another process stored. */
  refresh(): Promise<void>;
}

export async function loadSandboxClock(db: Db, realNow: () => Date): Promise<SandboxClock> {
  let offset = await readOffset(db);
  const now = () => new Date(realNow().getTime() + offset);
  const travelTo = async (at: Date): Promise<Date> => {
    const current = now();
    if (Number.isNaN(at.getTime())) throw new AppError('invalid_argument', '目标时间无效：请写 ISO 格式，如 2025-10-18T09:00:00+08:00');
    if (at.getTime() < current.getTime())
      throw new AppError(
        'invalid_argument',
        `沙箱时间只能向前：现在是 ${current.toISOString()}，不能回到 ${at.toISOString()}（要从头开始请用 npm start -- --reset-demo）`,
      );
    offset = Math.max(offset, at.getTime() - realNow().getTime());
    await writeOffset(db, offset, at);
    return now();
  };
  return {
    now,
    offsetMs: () => offset,
    travelTo,
    advance: async (ms) => {
      if (!Number.isFinite(ms) || ms <= 0) throw new AppError('invalid_argument', `时间只能向前拨：${ms} 不是正的毫秒数`);
      return travelTo(new Date(now().getTime() + ms));
    },
    refresh: async () => {
      offset = Math.max(offset, await readOffset(db));
    },
  };
}

async function readOffset(db: Db): Promise<number> {
  const row = await db.setting.findUnique({ where: { key: SANDBOX_CLOCK_KEY } });
  const value = row ? Number(row.value) : 0;
  return Number.isFinite(value) ? value : 0;
}

async function writeOffset(db: Db, offset: number, at: Date): Promise<void> {
  const value = String(Math.round(offset));
  await db.setting.upsert({
    where: { key: SANDBOX_CLOCK_KEY },
    create: { key: SANDBOX_CLOCK_KEY, value, updatedAt: at },
    update: { value, updatedAt: at },
  });
}
