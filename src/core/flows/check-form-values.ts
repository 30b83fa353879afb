// Checks the values a user submitted with a card button against the button's form: what is
// missing or out of range, in Chinese (for the engine's refusal toast and the hasRequiredForm guard).
import type { FormField } from './flow-types.ts';
import { resolveOptions } from './option-lists.ts';

/** Empty when the values satisfy the form. */
export function checkFormValues(fields: readonly FormField[], values: Record<string, unknown> | undefined): string[] {
  const problems: string[] = [];
  for (const field of fields) {
    const value = values?.[field.name];
    const empty = value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
    if (empty) {
      if (field.required) problems.push(`请填写「${field.label}」`);
      continue;
    }
    const problem = checkValue(field, value);
    if (problem !== null) problems.push(`「${field.label}」${problem}`);
  }
  return problems;
}

function checkValue(field: FormField, value: unknown): string | null {
  switch (field.type) {
    case 'number': {
      const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
      if (typeof n !== 'number' || !Number.isFinite(n)) return '应为数字';
      if (field.min !== undefined && n < field.min) return `不能小于 ${field.min}`;
      if (field.max !== undefined && n > field.max) return `不能大于 ${field.max}`;
      return null;
    }
    case 'date':
      return typeof value === 'string' && isCalendarDate(value) ? null : '应为日期 YYYY-MM-DD';
    case 'select':
      return typeof value === 'string' && resolveOptions(field.options).includes(value) ? null : '不是可选的选项';
    case 'multi_select': {
      const options = resolveOptions(field.options);
      return Array.isArray(value) && value.every((v) => typeof v === 'string' && options.includes(v)) ? null : '含有不可选的选项';
    }
    case 'person':
      // A person id (the card path turns the picker's open_id into one) or a Lark open_id: not any text.
      return typeof value === 'string' && /^(?:[1-9]\d{0,15}|ou_[A-Za-z0-9_-]{1,64})$/.test(value) ? null : '应选择一个人';
    default:
      if (typeof value !== 'string') return '应为文字';
      return field.maxLength !== undefined && [...value].length > field.maxLength ? `不能超过 ${field.maxLength} 字` : null;
  }
}

/** YYYY-MM-DD naming a day that exists (not 2025-02-29 or 2025-13-45). */
function isCalendarDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** A form value as a number (cards send numbers as numbers or as text). */
export function numberValue(value: unknown): number | null {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) ? n : null;
}

export function textValue(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}
