// Calendar days (YYYY-MM-DD) and their boundaries in a time zone. Convention used by the whole
// time library: a day runs from its local 00:00 (inclusive) to the next day's 00:00 (exclusive),
// so an instant at exactly local midnight is the END of the previous day, not a moment of the new one.
import { DateTime } from 'luxon';
import { AppError } from '../app-error.ts';
import { localDate } from './local-date.ts';

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written YYYY-MM-DD (2025-02-29 is false). */
export function isIsoDate(text: string): boolean {
  const m = ISO_DATE.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const utc = new Date(Date.UTC(y, mo - 1, d));
  return utc.getUTCFullYear() === y && utc.getUTCMonth() === mo - 1 && utc.getUTCDate() === d;
}

export function requireIsoDate(text: string): string {
  if (!isIsoDate(text)) {
    throw new AppError('invalid_argument', `日期「${text}」无效：请写成 YYYY-MM-DD，例如 2025-10-09`);
  }
  return text;
}

export function yearOf(date: string): number {
  return Number(date.slice(0, 4));
}

/** The date n calendar days after (n < 0: before) a date; time zones play no part. */
export function addDays(date: string, n: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

/** Day of the week, 0 = Sunday … 6 = Saturday. */
export function weekdayOf(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

/** Calendar days from a to b (b − a). */
export function daysFromTo(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

// Zones already checked: every local-day function checks its zone, and luxon's check builds a DateTime.
const validZones = new Set<string>();

export function requireTimeZone(tz: string): string {
  if (validZones.has(tz)) return tz;
  if (!DateTime.fromMillis(0).setZone(tz).isValid) {
    throw new AppError('invalid_argument', `时区「${tz}」无效：请使用 IANA 时区名，例如 Asia/Shanghai`);
  }
  validZones.add(tz);
  return tz;
}

/** The local calendar date of an instant. */
export function localDateOf(instant: Date, tz: string): string {
  return localDate(instant, requireTimeZone(tz));
}

// Day starts by zone and date, remembered (bounded): cards and deadlines ask for the same few days.
const dayStarts = new Map<string, number>();

/** The first instant of a local day (00:00, or the first valid time where a DST gap swallows midnight). */
export function startOfLocalDay(date: string, tz: string): Date {
  const key = `${tz}|${date}`;
  const known = dayStarts.get(key);
  if (known !== undefined) return new Date(known);
  requireIsoDate(date);
  const start = DateTime.fromISO(date, { zone: requireTimeZone(tz) })
    .startOf('day')
    .toMillis();
  if (dayStarts.size >= 10_000) dayStarts.clear();
  dayStarts.set(key, start);
  return new Date(start);
}

/** The end of a local day: the exclusive boundary, i.e. 00:00 of the following day. */
export function endOfLocalDay(date: string, tz: string): Date {
  return startOfLocalDay(addDays(requireIsoDate(date), 1), tz);
}

/** The day an instant belongs to, midnight counting as the end of the previous day. */
export function anchorDayOf(instant: Date, tz: string): string {
  const day = localDateOf(instant, tz);
  return instant.getTime() === startOfLocalDay(day, tz).getTime() ? addDays(day, -1) : day;
}

export interface TimeOfDay {
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

export function timeOfDayOf(instant: Date, tz: string): TimeOfDay {
  const local = DateTime.fromJSDate(instant, { zone: requireTimeZone(tz) });
  return { hour: local.hour, minute: local.minute, second: local.second, millisecond: local.millisecond };
}

/** The instant of a local wall-clock time on a date (a time skipped by DST moves forward). */
export function atLocalTime(date: string, time: TimeOfDay, tz: string): Date {
  return DateTime.fromISO(requireIsoDate(date), { zone: requireTimeZone(tz) })
    .set(time)
    .toJSDate();
}
