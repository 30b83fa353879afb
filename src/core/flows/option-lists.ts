// The named option lists of form fields: canonical causes and tiers from the household file, and the
// lists only flows use (measures, reasons for closing a file).
import { causes } from '../households/causes.ts';
import { tiers } from '../households/household.ts';
import type { OptionListName } from './registry.ts';

/** 帮扶措施 (domain.md, 精准施措). */
export const measures = [
  '就业帮扶',
  '医疗救助',
  '助学帮扶',
  '生活救助',
  '职工互助保障',
  '转介政府救助（低保）',
  '法律援助',
  '送温暖慰问',
  '其他',
] as const;

/** Why a file is closed without relief. */
export const closeReasons = ['退休', '调离', '死亡', '不再符合条件'] as const;

export const optionLists: Record<OptionListName, readonly string[]> = {
  causes: causes.map((c) => c.name),
  tiers,
  measures,
  close_reasons: closeReasons,
};

/** The option values of a field: an inline list, or a named list's values. */
export function resolveOptions(options: readonly string[] | OptionListName | undefined): readonly string[] {
  if (options === undefined) return [];
  return typeof options === 'string' ? optionLists[options] : options;
}
