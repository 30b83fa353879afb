// Normalises and validates one row of a household file; reports every problem of the row at once.
import { AppError } from '../app-error.ts';
import { classifyOfficerRef, isEmailShaped } from './classify-officer-ref.ts';
import { fieldHeader } from './columns.ts';
import type { FieldKey } from './columns.ts';
import type { HouseholdInput } from './household.ts';
import { checkIdNumber, normalizeIdNumber } from './id-number.ts';
import { normalizeText, removeCjkSpaces } from './normalize-text.ts';
import { parseArchiveLevel } from './parse-archive-level.ts';
import { parseCauses } from './parse-causes.ts';
import { parseDate } from './parse-date.ts';
import { parsePersons } from './parse-persons.ts';
import { parsePhone } from './parse-phone.ts';
import type { ParseResult } from './parse-result.ts';
import { quoteValue } from './parse-result.ts';
import { parseTier } from './parse-tier.ts';

export type RowCells = Partial<Record<FieldKey, unknown>>;
export type RowResult = { ok: true; value: HouseholdInput; warnings: string[] } | { ok: false; errors: string[] };

const limits = { archiveNo: 64, region: 30, headName: 30, employer: 100, officer: 64 };

/** `today` (YYYY-MM-DD) bounds birth dates and 建档日期; it is the import date in the caller's time zone. */
export function validateHouseholdRow(cells: RowCells, today: string): RowResult {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today)) {
    throw new AppError('invalid_argument', `today 须为 YYYY-MM-DD 格式的日期，实为 ${quoteValue(String(today))}：请传入导入当天的日期`);
  }
  const errors: string[] = [];
  const warnings: string[] = [];

  const archiveNo = take(errors, 'archive_no', readArchiveNo(cells.archive_no), '');
  const archiveLevel = take(errors, 'archive_level', parseArchiveLevel(cells.archive_level), '全国级');
  const province = take(errors, 'province', readName(cells.province, limits.region, true), '');
  const city = take(errors, 'city', readName(cells.city, limits.region, true), '');
  const county = take(errors, 'county', readName(cells.county, limits.region, true), '');
  const headName = take(errors, 'head_name', readHeadName(cells.head_name), '');
  const idNumber = readIdNumber(cells.id_number, today, errors);
  const persons = take(errors, 'persons', parsePersons(cells.persons), 0);
  const causes = parseCauses(normalizeText(cells.causes));
  if (!causes.ok) errors.push(`${fieldHeader('causes')}${causes.reason}`);
  const tier = take(errors, 'tier', parseTier(cells.tier), null);
  const employer = take(errors, 'employer', readName(cells.employer, limits.employer, false), '') || null;
  const phone = take(errors, 'phone', parsePhone(cells.phone), null);
  const officer = take(errors, 'officer', readOfficer(cells.officer), null);
  const filedOn = take(errors, 'filed_on', readOptionalDate(cells.filed_on), null);
  const deadline = take(errors, 'deadline', readOptionalDate(cells.deadline), null);

  if (filedOn !== null && filedOn > today) {
    errors.push(`${fieldHeader('filed_on')} ${filedOn} 晚于今天（${today}）：请核对建档日期，或留空（按导入当天记）`);
  }
  if (deadline !== null && filedOn !== null && deadline < filedOn) {
    errors.push(`${fieldHeader('deadline')} ${deadline} 早于${fieldHeader('filed_on')} ${filedOn}：请核对两个日期`);
  } else if (deadline !== null && deadline < today) {
    warnings.push(`${fieldHeader('deadline')} ${deadline} 早于今天（${today}）：导入后该户将显示为逾期，如有误请修改后重新导入`);
  }

  if (errors.length > 0 || !causes.ok) return { ok: false, errors };
  const value: HouseholdInput = {
    archiveNo,
    archiveLevel,
    province,
    city,
    county,
    headName,
    idNumber,
    persons,
    causes: causes.causes,
    causeMask: causes.mask,
    tier,
    employer,
    phone,
    officer,
    deadline,
    filedOn,
  };
  return { ok: true, value, warnings };
}

/** The parsed value, or `fallback` with the field's reason added to `errors`. */
function take<T>(errors: string[], key: FieldKey, result: ParseResult<T>, fallback: T): T {
  if (result.ok) return result.value;
  errors.push(`${fieldHeader(key)}${result.reason}`);
  return fallback;
}

// Excel shows a long number typed into a General cell in full but keeps only 15 significant digits.
const lostDigits = '被 Excel 存成了数字，末几位已丢失：请把该列设为“文本”格式后重新录入';

function readArchiveNo(raw: unknown): ParseResult<string> {
  if (typeof raw === 'number' && !Number.isSafeInteger(raw)) return { ok: false, reason: lostDigits };
  const text = normalizeText(raw).replace(/\s+/g, '').toUpperCase();
  if (text === '') return { ok: false, reason: '为空：请填写' };
  if (text.length > limits.archiveNo) {
    return { ok: false, reason: `过长（${text.length} 个字符）：请填写不超过 ${limits.archiveNo} 个字符的编号` };
  }
  return { ok: true, value: text };
}

function readName(raw: unknown, max: number, required: boolean): ParseResult<string> {
  const text = removeCjkSpaces(normalizeText(raw));
  if (text === '') return required ? { ok: false, reason: '为空：请填写' } : { ok: true, value: '' };
  const length = charCount(text, max);
  if (length > max) return { ok: false, reason: `${quoteValue(text)}过长（${length} 个字）：请填写不超过 ${max} 个字` };
  return { ok: true, value: text };
}

// The name itself is never echoed: a shifted column could have put an ID or phone number here.
function readHeadName(raw: unknown): ParseResult<string> {
  const text = removeCjkSpaces(normalizeText(raw));
  const length = charCount(text, limits.headName);
  if (text === '') return { ok: false, reason: '为空：请填写户主姓名' };
  if (length > limits.headName) return { ok: false, reason: `过长（${length} 个字）：请只填写户主姓名，不超过 ${limits.headName} 个字` };
  if (/\d/.test(text)) return { ok: false, reason: '含有数字：请只填写户主姓名（是否与身份证号或电话列错位？）' };
  return { ok: true, value: text };
}

function readIdNumber(raw: unknown, today: string, errors: string[]): string {
  if (typeof raw === 'number' && !Number.isSafeInteger(raw)) {
    errors.push(`${fieldHeader('id_number')}${lostDigits}`);
    return '';
  }
  const id = normalizeIdNumber(raw);
  const reason = checkIdNumber(id, today);
  if (reason !== null) errors.push(reason);
  return id;
}

function readOfficer(raw: unknown): ParseResult<string | null> {
  const ref = classifyOfficerRef(raw);
  if (ref.value === '') return { ok: true, value: null };
  if (ref.kind === 'email' && !isEmailShaped(ref.value)) {
    return { ok: false, reason: `${quoteValue(ref.value)}不是有效的邮箱：请填写如 zhang@example.com 的邮箱，或改填姓名、手机号、open_id` };
  }
  if (charCount(ref.value, limits.officer) > limits.officer) {
    return { ok: false, reason: `过长：请只填写一位责任人的姓名、手机号、邮箱或 open_id（不超过 ${limits.officer} 个字符）` };
  }
  return { ok: true, value: ref.value };
}

/** The characters (code points) of `text`; counted one by one only when it may have more than `max`. */
function charCount(text: string, max: number): number {
  return text.length > max ? Array.from(text).length : text.length;
}

function readOptionalDate(raw: unknown): ParseResult<string | null> {
  if (!(raw instanceof Date) && normalizeText(raw) === '') return { ok: true, value: null };
  const result = parseDate(raw);
  return result.ok ? { ok: true, value: result.date } : { ok: false, reason: result.reason };
}
