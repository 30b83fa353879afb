// A deadline's length as a flow file writes it: exactly one unit, a positive integer,
// e.g. { "workdays": 10 } or { "hours": 4 }.
import { AppError } from '../app-error.ts';

export type Duration = { workdays?: number; days?: number; hours?: number; minutes?: number };

export const DURATION_UNITS = ['workdays', 'days', 'hours', 'minutes'] as const;
export type DurationUnit = (typeof DURATION_UNITS)[number];

const UNIT_LABELS: Record<DurationUnit, string> = {
  workdays: '个工作日',
  days: '天',
  hours: '小时',
  minutes: '分钟',
};

const EXAMPLE = '例如 { "workdays": 10 } 或 { "hours": 4 }';

/** Null when the value is a valid Duration; otherwise what to fix, in Chinese. */
export function checkDuration(d: unknown): string | null {
  if (typeof d !== 'object' || d === null || Array.isArray(d)) return `时长须写成对象，${EXAMPLE}`;
  // A key present with the value undefined (TypeScript's optional fields) counts as absent.
  const keys = Object.keys(d).filter((k) => (d as Record<string, unknown>)[k] !== undefined);
  const unknown = keys.filter((k) => !(DURATION_UNITS as readonly string[]).includes(k));
  if (unknown.length > 0) {
    return `不支持的时间单位 ${unknown.join('、')}：只能用 workdays（工作日）、days（天）、hours（小时）、minutes（分钟）之一`;
  }
  if (keys.length === 0) return `缺少时长：请写一个单位，${EXAMPLE}`;
  if (keys.length > 1) return `时长只能用一个单位，现有 ${keys.join('、')}：请换算成一个单位，例如 { "hours": 26 }`;
  const unit = keys[0] as DurationUnit;
  const amount: unknown = (d as Record<string, unknown>)[unit];
  if (typeof amount !== 'number' || !Number.isSafeInteger(amount) || amount <= 0) {
    return `${unit} 须为正整数，现为 ${JSON.stringify(amount) ?? String(amount)}：例如 { "${unit}": 3 }`;
  }
  return null;
}

/** The unit and amount of a valid Duration; throws AppError('invalid_argument') otherwise. */
export function durationParts(d: Duration): { unit: DurationUnit; amount: number } {
  const problem = checkDuration(d);
  if (problem !== null) throw new AppError('invalid_argument', problem);
  const unit = DURATION_UNITS.find((u) => d[u] !== undefined) as DurationUnit;
  return { unit, amount: d[unit] as number };
}

/** "10 个工作日", "4 小时", "3 天", "30 分钟". */
export function describeDuration(d: Duration): string {
  const { unit, amount } = durationParts(d);
  return `${amount} ${UNIT_LABELS[unit]}`;
}
