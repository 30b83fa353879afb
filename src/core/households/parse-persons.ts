// Reads a 家庭人口 cell: a whole number of persons from 1 to 99 ("3", 3, "３", "3人").
import { normalizeText } from './normalize-text.ts';
import { quoteValue } from './parse-result.ts';
import type { ParseResult } from './parse-result.ts';

export const maxPersons = 99;

export function parsePersons(value: unknown): ParseResult<number> {
  const text = normalizeText(value);
  if (text === '') return { ok: false, reason: `为空：请填写家庭人口数，如 3` };
  // "3.0" is what a number cell becomes when a sheet is saved as CSV by some tools.
  const m = /^(\d{1,3})(?:\.0+)? ?(?:人|口|口人)?$/.exec(text);
  const persons = m ? Number(m[1]) : NaN;
  if (!(persons >= 1 && persons <= maxPersons)) {
    return { ok: false, reason: `${quoteValue(text)}须为正整数（1–${maxPersons}）：请填写家庭实际人口数，如 3` };
  }
  return { ok: true, value: persons };
}
