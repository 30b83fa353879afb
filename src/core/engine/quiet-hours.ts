// When the bot may message people: not at night (quiet hours, default 21:00–08:00 local) and not on
// the exact hour or half hour (every bot in the tenant sends then; spreading avoids rate limits).
import { DateTime } from 'luxon';

export interface QuietHours {
  start: string; // "21:00"
  end: string; // "08:00"
}

export const defaultQuietHours: QuietHours = { start: '21:00', end: '08:00' };

function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

export function isQuiet(at: Date, tz: string, quiet: QuietHours = defaultQuietHours): boolean {
  const local = DateTime.fromJSDate(at, { zone: tz });
  const minute = local.hour * 60 + local.minute;
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  return start > end ? minute >= start || minute < end : minute >= start && minute < end;
}

/**
 * The first moment at or after `at` when a message may go out: outside quiet hours, and moved off
 * :00 and :30 by a small offset (3–13 minutes) derived from `spreadKey`, so it is stable per key.
 */
export function nextSendTime(at: Date, tz: string, spreadKey: string, quiet: QuietHours = defaultQuietHours): Date {
  let local = DateTime.fromJSDate(at, { zone: tz });
  if (isQuiet(at, tz, quiet)) {
    const end = minutesOf(quiet.end);
    let candidate = local.startOf('day').plus({ minutes: end });
    if (candidate <= local) candidate = candidate.plus({ days: 1 });
    local = candidate.plus({ minutes: spread(spreadKey) });
  } else if (local.minute % 30 === 0 && local.second === 0) {
    local = local.plus({ minutes: spread(spreadKey) });
  }
  return local.toJSDate();
}

function spread(key: string): number {
  let h = 2166136261;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 16777619);
  return 3 + (Math.abs(h) % 11);
}
