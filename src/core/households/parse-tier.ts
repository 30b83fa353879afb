// Reads an optional 困难类型 cell: 深度困难 / 相对困难 / 意外致困, or their short forms.
import { tiers } from './household.ts';
import type { Tier } from './household.ts';
import { normalizeText } from './normalize-text.ts';
import { quoteValue } from './parse-result.ts';
import type { ParseResult } from './parse-result.ts';

const aliases: Record<Tier, readonly string[]> = {
  深度困难: ['深度困难', '深度', 'deep'],
  相对困难: ['相对困难', '相对', 'relative'],
  意外致困: ['意外致困', '意外', 'sudden', 'accident'],
};

const byAlias = new Map<string, Tier>();
for (const tier of tiers) for (const alias of aliases[tier]) byAlias.set(alias, tier);

/** An empty cell is no tier (null). */
export function parseTier(value: unknown): ParseResult<Tier | null> {
  const text = normalizeText(value);
  if (text === '') return { ok: true, value: null };
  const tier = byAlias.get(text) ?? byAlias.get(text.replace(/\s+/g, '').toLowerCase());
  if (tier === undefined) return { ok: false, reason: `${quoteValue(text)}不是可识别的困难类型：请改为 ${tiers.join('、')} 之一，或留空` };
  return { ok: true, value: tier };
}
