// Resident ID numbers (居民身份证号码, GB 11643-1999): normalisation and validation without revealing the number.
import { tailOf } from '../privacy/mask.ts';
import { daysInMonth } from './parse-date.ts';
import { normalizeText } from './normalize-text.ts';

const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const checkChars = '10X98765432';

/** Full-width → ASCII, no spaces, lower-case x → X. */
export function normalizeIdNumber(value: unknown): string {
  const text = normalizeText(value);
  if (/^\d{17}[\dX]$/.test(text)) return text;
  return text.replace(/\s+/g, '').replace(/x/g, 'X');
}

/** The check character (0–9 or X) for the first 17 digits. */
export function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (weights[i] ?? 0);
  return checkChars[sum % 11] ?? '';
}

/**
 * null when `id` (already normalised) is a valid 18-character ID number, else the reason in Chinese.
 * `today` is YYYY-MM-DD; a birth date after it is refused. Reasons show at most the last 4 characters.
 */
// Built only for a bad number: most rows of a file are good.
function idLabel(id: string): string {
  return `身份证号（尾号 ${tailOf(id)}）`;
}

export function checkIdNumber(id: string, today: string): string | null {
  if (id === '') return '身份证号为空：请填写 18 位身份证号';
  if (id.length === 15 && /^\d{15}$/.test(id)) return `${idLabel(id)}是 15 位旧号码：请改填 18 位身份证号`;
  if (id.length !== 18) return `${idLabel(id)}应为 18 位，实为 ${Array.from(id).length} 位：请核对是否漏填或多填`;
  if (!/^\d{17}[\dX]$/.test(id)) return `${idLabel(id)}格式不正确：前 17 位须为数字，最后一位为数字或 X，请核对号码`;
  const year = Number(id.slice(6, 10));
  const month = Number(id.slice(10, 12));
  const day = Number(id.slice(12, 14));
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return `${idLabel(id)}第 7–14 位不是有效的出生日期：请核对号码`;
  }
  if (year < 1900) return `${idLabel(id)}的出生年份早于 1900 年：请核对号码`;
  const birth = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  if (birth > today) return `${idLabel(id)}的出生日期晚于今天：请核对号码`;
  const expected = idCheckChar(id.slice(0, 17));
  if (id[17] !== expected) return `${idLabel(id)}校验位不正确，应为 ${expected}：请核对号码`;
  return null;
}
