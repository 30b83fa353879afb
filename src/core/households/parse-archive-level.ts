// Reads a 档案级别 cell: 全国级 / 省级 / 地市级 / 区县级, or a common variant of one of them.
import { archiveLevels } from './household.ts';
import type { ArchiveLevel } from './household.ts';
import { normalizeText } from './normalize-text.ts';
import { quoteValue } from './parse-result.ts';
import type { ParseResult } from './parse-result.ts';

const aliases: Record<ArchiveLevel, readonly string[]> = {
  全国级: ['全国级', '国家级', '全国', '国家', '全国级档案', 'national'],
  省级: ['省级', '省', '省级档案', 'provincial', 'province'],
  地市级: ['地市级', '市级', '地市', '市', '地市级档案', '市级档案', 'city'],
  区县级: ['区县级', '县级', '区县', '县区', '区级', '县', '区', '县区级', '区县级档案', '县级档案', 'county', 'district'],
};

const byAlias = new Map<string, ArchiveLevel>();
for (const level of archiveLevels) for (const alias of aliases[level]) byAlias.set(alias, level);

export function parseArchiveLevel(value: unknown): ParseResult<ArchiveLevel> {
  const text = normalizeText(value);
  const choices = archiveLevels.join('、');
  if (text === '') return { ok: false, reason: `为空：请填写 ${choices} 之一` };
  const level = byAlias.get(text) ?? byAlias.get(text.replace(/\s+/g, '').toLowerCase());
  if (level === undefined) return { ok: false, reason: `${quoteValue(text)}不是可识别的档案级别：请改为 ${choices} 之一` };
  return { ok: true, value: level };
}
