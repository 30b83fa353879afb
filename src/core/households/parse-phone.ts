// Reads an optional 联系电话 cell: a mainland mobile (13812345678) or a landline with area code (0874-3123456).
import { tailOf } from '../privacy/mask.ts';
import { normalizeText } from './normalize-text.ts';
import { quoteValue } from './parse-result.ts';
import type { ParseResult } from './parse-result.ts';

/** 11 mobile digits, or null. Accepts spaces, dashes and a +86 / 0086 prefix. */
export function normalizeMobile(value: unknown): string | null {
  const text = normalizeText(value);
  // Most cells are a bare 11-digit mobile, or a name (责任人): decided without the replaces below.
  if (text.length === 11 && mobile.test(text)) return text;
  const first = text.charCodeAt(0);
  // After the replaces a mobile starts with a digit; before them only "+" or "-" may come first (normalizeText trims).
  if (!(first >= 0x30 && first <= 0x39) && first !== 0x2b && first !== 0x2d) return null;
  const digits = text.replace(/[\s-]+/g, '').replace(/^(?:\+86|0086)/, '');
  return mobile.test(digits) ? digits : null;
}

const mobile = /^1[3-9]\d{9}$/;

/** 0874-3123456 (dash form kept when given), 08743123456, or null. "(0874)3123456" becomes 0874-3123456. */
export function normalizeLandline(value: unknown): string | null {
  const text = normalizeText(value).replace(/\s+/g, '');
  const m = /^(?:\((0\d{2,3})\)|(0\d{2,3})-)(\d{7,8})$/.exec(text);
  if (m) return `${m[1] ?? m[2] ?? ''}-${m[3] ?? ''}`;
  return /^0\d{9,11}$/.test(text) ? text : null;
}

/** An empty cell is no phone (null). Invalid numbers are reported by their last 4 characters only. */
export function parsePhone(value: unknown): ParseResult<string | null> {
  const text = normalizeText(value);
  if (text === '') return { ok: true, value: null };
  const phone = normalizeMobile(text) ?? normalizeLandline(text);
  if (phone !== null) return { ok: true, value: phone };
  const shown = (text.match(/\d/g) ?? []).length >= 5 ? `（尾号 ${tailOf(text)}）` : quoteValue(text, 10);
  return {
    ok: false,
    reason: `${shown}不是有效的电话号码：请填写 11 位手机号（如 138xxxxxxxx）或带区号的固定电话（如 0874-3123456），没有可留空`,
  };
}
