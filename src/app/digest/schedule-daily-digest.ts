// When the daily digest goes out: one durable timer per local day, keyed `digest:YYYY-MM-DD`, so a
// restart neither loses a day (the timer waits in the table) nor repeats one (the key is unique and
// a fired timer stays fired). Every tick makes sure the next one exists; firing a day's digest
// schedules the following day's in the same transaction.
import { nextSendTime } from '../../core/engine/quiet-hours.ts';
import { addDays, atLocalTime, localDateOf } from '../../core/time/local-day.ts';
import type { DailyDigestSettings, EngineDeps, Tx } from '../cases/engine-deps.ts';

export const digestKind = 'digest';

export function digestKey(day: string): string {
  return `digest:${day}`;
}

/**
 * When the digest of a local day goes out: the configured time, moved out of the quiet hours and
 * off :00 and :30 by a few minutes (stable per day) like every message of the bot.
 */
export function digestDueAt(day: string, settings: DailyDigestSettings, deps: Pick<EngineDeps, 'tz' | 'quiet'>): Date {
  const [hour, minute] = settings.at.split(':').map(Number) as [number, number];
  const at = atLocalTime(day, { hour, minute, second: 0, millisecond: 0 }, deps.tz);
  return nextSendTime(at, deps.tz, digestKey(day), deps.quiet);
}

/**
 * The day whose digest is next: today's until its time has come, then tomorrow's. A digest enabled
 * (or a server first started) after today's time starts tomorrow; a day already scheduled is never
 * dropped by this choice, since its timer already waits in the table.
 */
export function nextDigestDay(now: Date, settings: DailyDigestSettings, deps: Pick<EngineDeps, 'tz' | 'quiet'>): string {
  const today = localDateOf(now, deps.tz);
  return now.getTime() < digestDueAt(today, settings, deps).getTime() ? today : addDays(today, 1);
}

/** Called by every tick: the next day's digest timer exists, at the configured time. */
export async function ensureDailyDigest(deps: EngineDeps, now: Date): Promise<void> {
  const settings = deps.dailyDigest;
  if (!settings) return;
  const day = nextDigestDay(now, settings, deps);
  const existing = await deps.db.timer.findUnique({ where: { key: digestKey(day) } });
  if (!existing) {
    try {
      await scheduleDigest(deps.db, day, settings, deps, now);
    } catch (error) {
      // Another tick created it between the look-up and the insert: the unique key did its job.
      if (!isUniqueViolation(error)) throw error;
    }
    return;
  }
  // HUHUQING_DAILY_DIGEST_AT changed since the timer was written: a pending timer moves to the new
  // time. (Comparing the setting, not dueAt: a tick at night defers the timer and must not undo it.)
  const payload = existing.payload as { at?: string } | null;
  if (existing.status === 'pending' && payload?.at !== settings.at) {
    await deps.db.timer.updateMany({
      where: { id: existing.id, status: 'pending' },
      data: { dueAt: digestDueAt(day, settings, deps), payload: { day, at: settings.at } },
    });
  }
}

/** Writes a day's digest timer unless it exists (a repeat is a no-op). */
export async function scheduleDigest(
  tx: Tx | EngineDeps['db'],
  day: string,
  settings: DailyDigestSettings,
  deps: Pick<EngineDeps, 'tz' | 'quiet'>,
  now: Date,
): Promise<void> {
  await tx.timer.upsert({
    where: { key: digestKey(day) },
    create: {
      key: digestKey(day),
      kind: digestKind,
      dueAt: digestDueAt(day, settings, deps),
      payload: { day, at: settings.at },
      createdAt: now,
    },
    // A no-op update: one INSERT … ON CONFLICT statement, nothing read back (see enqueueMessage).
    update: { key: digestKey(day) },
  });
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'P2002';
}
