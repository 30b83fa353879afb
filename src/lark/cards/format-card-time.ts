// Dates and times as cards show them, in the deployment's time zone: "11月20日 10:05", a deadline
// "11月20日（周四）" (a deadline at local midnight is the end of the day before), the year only when
// it is not the current one. One cached Intl formatter per zone: digests format hundreds of rows.

const weekdays = ['日', '一', '二', '三', '四', '五', '六'];

interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** "11月20日 10:05" (with "2024年" in front when `now` is in another year). */
export function formatMoment(at: Date, tz: string, now: Date): string {
  const p = partsOf(at, tz);
  return `${dayText(p, now, tz)} ${pad(p.hour)}:${pad(p.minute)}`;
}

/** "11月20日（周四）" for a deadline at the end of a day, else "11月20日（周四）15:30". */
export function formatDeadline(deadline: Date, tz: string, now: Date): string {
  const p = partsOf(deadline, tz);
  if (p.hour === 0 && p.minute === 0 && p.second === 0 && deadline.getTime() % 1000 === 0) {
    const day = partsOf(new Date(deadline.getTime() - 1), tz);
    return `${dayText(day, now, tz)}（周${weekdayOf(day)}）`;
  }
  return `${dayText(p, now, tz)}（周${weekdayOf(p)}）${pad(p.hour)}:${pad(p.minute)}`;
}

function dayText(p: LocalParts, now: Date, tz: string): string {
  const year = p.year === partsOf(now, tz).year ? '' : `${p.year}年`;
  return `${year}${p.month}月${p.day}日`;
}

function weekdayOf(p: LocalParts): string {
  return weekdays[new Date(Date.UTC(p.year, p.month - 1, p.day)).getUTCDay()] ?? '';
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

const formatters = new Map<string, Intl.DateTimeFormat>();
/** Zone offsets (ms) by quarter hour: formatToParts is slow, and a card or digest formats many times. */
const offsets = new Map<string, number>();
const quarterHourMs = 15 * 60_000;

function partsOf(at: Date, tz: string): LocalParts {
  const ms = at.getTime();
  // Offsets change on quarter-hour boundaries at the finest (DST, historical zone changes).
  const key = `${tz}|${Math.floor(ms / quarterHourMs)}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    const p = formattedParts(at, tz);
    offset = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - (ms - (((ms % 1000) + 1000) % 1000));
    if (offsets.size >= 10_000) offsets.clear();
    offsets.set(key, offset);
  }
  const local = new Date(ms + offset);
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
    second: local.getUTCSeconds(),
  };
}

function formattedParts(at: Date, tz: string): LocalParts {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(tz, f);
  }
  const parts: Record<string, number> = {};
  for (const part of f.formatToParts(at)) if (part.type !== 'literal') parts[part.type] = Number(part.value);
  return {
    year: parts.year ?? 0,
    month: parts.month ?? 0,
    day: parts.day ?? 0,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}
