// Report dates are calendar days written YYYY-MM-DD, the form the households table stores.
import { AppError } from '../app-error.ts';

export function parseReportDate(option: string, text: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  const valid = m !== null && isCalendarDay(Number(m[1]), Number(m[2]), Number(m[3]));
  if (!valid) {
    throw new AppError('invalid_argument', `${option} 的日期「${text}」无效：请写成 YYYY-MM-DD 格式的真实日期，例如 2020-03-31`);
  }
  return text.trim();
}

/** The day after a YYYY-MM-DD date, for human-readable "(S, D]" ranges. */
export function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

function isCalendarDay(year: number, month: number, day: number): boolean {
  if (year < 1900 || month < 1 || month > 12 || day < 1) return false;
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}
