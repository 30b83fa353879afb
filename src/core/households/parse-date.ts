// Reads a date cell (exceljs Date, Excel serial number, or the ways officers type dates) as YYYY-MM-DD.
import { normalizeText } from './normalize-text.ts';
import { quoteValue } from './parse-result.ts';

export type DateResult = { ok: true; date: string } | { ok: false; reason: string };

export const minYear = 1950;
export const maxYear = 2100;
const maxSerial = 2958465; // 9999-12-31, the last day Excel knows
const dayMs = 86_400_000;
const forms = '2020-06-30、2020/6/30、2020.6.30、2020年6月30日 或 20200630';
const time = String.raw`(?:[ T]\d{1,2}:\d{1,2}(?::\d{1,2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?`;
const patterns = [
  new RegExp(String.raw`^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})${time}$`),
  new RegExp(String.raw`^(\d{4}) ?年 ?(\d{1,2}) ?月 ?(\d{1,2}) ?[日号]?${time}$`),
  new RegExp(String.raw`^(\d{4})(\d{2})(\d{2})${time}$`),
];

export function parseDate(value: unknown): DateResult {
  if (value instanceof Date) return fromDate(value);
  if (typeof value === 'object' && value !== null && 'result' in value) return parseDate(value.result); // exceljs formula
  if (typeof value === 'number') return fromNumber(value, normalizeText(value));
  const text = normalizeText(value);
  if (text === '') return { ok: false, reason: `为空：请填写日期，如 ${forms}` };
  if (isIsoDay(text)) {
    // 2020-06-30, most cells of most files: already the stored form when it is a real date.
    const parsed = fromParts(Number(text.slice(0, 4)), Number(text.slice(5, 7)), Number(text.slice(8, 10)), text);
    return parsed.ok ? { ok: true, date: text } : parsed;
  }
  if (/^\d+(\.\d+)?$/.test(text)) return fromNumber(Number(text), text);
  for (const pattern of patterns) {
    const m = pattern.exec(text);
    if (!m) continue;
    const [year, month, day] = m.length === 5 ? [m[1], m[3], m[4]] : [m[1], m[2], m[3]];
    return fromParts(Number(year), Number(month), Number(day), text);
  }
  return { ok: false, reason: `${quoteValue(text)}不是可识别的日期：请填写如 ${forms} 的日期` };
}

function isIsoDay(text: string): boolean {
  if (text.length !== 10 || text.charCodeAt(4) !== 0x2d || text.charCodeAt(7) !== 0x2d) return false;
  for (let i = 0; i < 10; i++) {
    const c = text.charCodeAt(i);
    if (i !== 4 && i !== 7 && (c < 0x30 || c > 0x39)) return false;
  }
  return true;
}

function fromDate(date: Date): DateResult {
  if (Number.isNaN(date.getTime())) return { ok: false, reason: `不是有效日期：请填写如 ${forms} 的日期` };
  return fromParts(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate(), date);
}

function fromNumber(value: number, text: string): DateResult {
  // 20200630 typed into a number cell is the compact form, not a serial (serials stop at 2958465).
  if (/^\d{8}$/.test(text)) return fromParts(Number(text.slice(0, 4)), Number(text.slice(4, 6)), Number(text.slice(6, 8)), text);
  if (!Number.isFinite(value) || value < 1 || value > maxSerial) {
    return { ok: false, reason: `${quoteValue(text)}不是可识别的日期：请填写如 ${forms} 的日期` };
  }
  const serial = Math.floor(value); // a fraction is the time of day
  if (serial === 60) {
    return { ok: false, reason: `${quoteValue(text)}是 Excel 日期序号中不存在的 1900-02-29：请填写如 ${forms} 的日期` };
  }
  // Excel counts 1900-01-01 as day 1 and wrongly includes 1900-02-29, so from day 61 on it is one ahead.
  const days = serial < 60 ? serial : serial - 1;
  const date = new Date(Date.UTC(1899, 11, 31) + days * dayMs);
  const iso = date.toISOString().slice(0, 10);
  const year = date.getUTCFullYear();
  if (year < minYear || year > maxYear) {
    return {
      ok: false,
      reason: `${quoteValue(text)}按 Excel 日期序号读作 ${iso}，不在 ${minYear}–${maxYear} 年之间：请填写如 ${forms} 的日期`,
    };
  }
  return { ok: true, date: iso };
}

/** `typed`: the cell as the admin typed it (a date cell as its day), shown only in a reason. */
function fromParts(year: number, month: number, day: number, typed: string | Date): DateResult {
  if (month < 1 || month > 12) {
    return { ok: false, reason: `${shown(typed)}不是有效日期（没有 ${month} 月）：请填写真实日期，如 ${forms}` };
  }
  const lastDay = daysInMonth(year, month);
  if (day < 1 || day > lastDay) {
    return {
      ok: false,
      reason: `${shown(typed)}不是有效日期（${year} 年 ${month} 月只有 ${lastDay} 天）：请填写真实日期，如 ${forms}`,
    };
  }
  if (year < minYear || year > maxYear) {
    return { ok: false, reason: `${shown(typed)}的年份不在 ${minYear}–${maxYear} 年之间：请核对年份，日期格式如 ${forms}` };
  }
  return { ok: true, date: `${year}-${pad(month)}-${pad(day)}` };
}

function shown(typed: string | Date): string {
  return quoteValue(typeof typed === 'string' ? typed : typed.toISOString().slice(0, 10));
}

/** The calendar (proleptic Gregorian) length of a month; month is 1–12. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
