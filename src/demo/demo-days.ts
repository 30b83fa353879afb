// Calendar days as integers (days since 1970-01-01, UTC): cheap arithmetic, cached formatting.
const msPerDay = 86_400_000;
const formatted = new Map<number, string>();

export function parseDay(isoDate: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!m) throw new Error(`日期格式应为 YYYY-MM-DD：${isoDate}`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / msPerDay;
}

export function dayOf(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day) / msPerDay;
}

/** YYYY-MM-DD */
export function formatDay(day: number): string {
  let text = formatted.get(day);
  if (text === undefined) {
    text = new Date(day * msPerDay).toISOString().slice(0, 10);
    formatted.set(day, text);
  }
  return text;
}

/** UTC midnight of the day, as spreadsheets want dates. */
export function dayToDate(day: number): Date {
  return new Date(day * msPerDay);
}
