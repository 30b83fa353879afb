// Reads a 致困原因 cell ("收入低、大病") into canonical cause names and their report bit mask.
import { causes, causeSeparators, findCause } from './causes.ts';
import type { Cause } from './causes.ts';
import { normalizeText } from './normalize-text.ts';
import { quoteValue } from './parse-result.ts';

export type CausesResult = { ok: true; causes: string[]; mask: number } | { ok: false; reason: string };

const canonicalNames = causes.map((c) => c.name).join('、');

// A file repeats a few dozen spellings ("收入低", "大病、因学" …) over and over: read each once.
const known = new Map<string, { causes: readonly string[]; mask: number }>();
const knownLimit = 4096;

export function parseCauses(text: string): CausesResult {
  const seen = known.get(text);
  if (seen) return { ok: true, causes: [...seen.causes], mask: seen.mask };
  const result = readCauses(text);
  if (result.ok && known.size < knownLimit) known.set(text, { causes: [...result.causes], mask: result.mask });
  return result;
}

function readCauses(text: string): CausesResult {
  // NFKC turns ，；／ into , ; / so the separator set stays small; a space alone never separates.
  const parts = normalizeText(text)
    .split(causeSeparators)
    .map((p) => p.trim())
    .filter((p) => p !== '');
  if (parts.length === 0) {
    return { ok: false, reason: `为空：请至少填写一项，可选 ${canonicalNames}，多项用 、 或 ; 分隔` };
  }
  const found = new Set<Cause>();
  const unknown: string[] = [];
  for (const part of parts) {
    const cause = findCause(part);
    if (cause) found.add(cause);
    else if (!unknown.includes(part)) unknown.push(part);
  }
  if (unknown.length > 0) {
    const spaced = unknown.some((p) => /\s/.test(p)) ? '（多项之间请用 、 或 ; 分隔，不要用空格）' : '';
    return {
      ok: false,
      reason: `${unknown.map((p) => quoteValue(p)).join('')}不是可识别的致困原因${spaced}：请改为 ${canonicalNames} 中的一项或几项，多项用 、 或 ; 分隔`,
    };
  }
  const ordered = causes.filter((c) => found.has(c));
  return { ok: true, causes: ordered.map((c) => c.name), mask: ordered.reduce((mask, c) => mask | c.bit, 0) };
}
