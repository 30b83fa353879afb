// The columns of a household file: field keys, Chinese headers, the aliases officers use, header matching.
import { normalizeText } from './normalize-text.ts';

export const fieldKeys = [
  'archive_no',
  'archive_level',
  'province',
  'city',
  'county',
  'head_name',
  'id_number',
  'persons',
  'causes',
  'tier',
  'employer',
  'phone',
  'officer',
  'deadline',
  'filed_on',
] as const;
export type FieldKey = (typeof fieldKeys)[number];

interface Column {
  header: string;
  required: boolean;
  aliases: readonly string[];
}

const columns: Record<FieldKey, Column> = {
  archive_no: { header: '档案编号', required: true, aliases: ['档案号', '建档编号', '档案编码'] },
  archive_level: { header: '档案级别', required: true, aliases: ['级别', '档案类别', '建档级别'] },
  province: { header: '省', required: true, aliases: ['省份', '所在省', '省区市', '省(区、市)'] },
  city: { header: '市', required: true, aliases: ['地市', '所在市', '市州', '地州市', '城市'] },
  county: { header: '县区', required: true, aliases: ['县', '区', '区县', '县市区', '所在县区', '所在区县'] },
  head_name: { header: '户主姓名', required: true, aliases: ['户主', '姓名', '职工姓名', '困难职工姓名'] },
  id_number: {
    header: '身份证号',
    required: true,
    aliases: ['身份证', '身份证号码', '证件号码', '证件号', '户主身份证号', '公民身份号码', '身份证件号码'],
  },
  persons: { header: '家庭人口', required: true, aliases: ['人口', '家庭人数', '人口数', '家庭人口数', '家庭成员数'] },
  causes: { header: '致困原因', required: true, aliases: ['困难原因', '致困原因(可多选)', '主要致困原因'] },
  tier: { header: '困难类型', required: false, aliases: ['困难类别', '类型', '困难程度'] },
  employer: { header: '工作单位', required: false, aliases: ['单位', '所在单位', '单位名称'] },
  phone: { header: '联系电话', required: false, aliases: ['电话', '手机', '手机号', '手机号码', '电话号码', '联系方式'] },
  officer: { header: '责任人', required: false, aliases: ['帮扶责任人', '负责人', '帮扶干部', '责任干部'] },
  deadline: { header: '脱困时限', required: false, aliases: ['时限', '脱困期限', '完成时限', '计划脱困时间'] },
  filed_on: { header: '建档日期', required: false, aliases: ['建档时间'] },
};

// Columns officers add that carry nothing to import; they are skipped without a warning.
const ignoredHeaders = new Set(['序号']);

const byHeader = new Map<string, FieldKey>();
for (const key of fieldKeys) {
  const column = columns[key];
  for (const name of [key, column.header, ...column.aliases]) byHeader.set(headerKey(name), key);
}

export const requiredFields: readonly FieldKey[] = fieldKeys.filter((k) => columns[k].required);

/** "档案编号 (archive_no)", for messages. */
export function fieldLabel(key: FieldKey): string {
  return `${columns[key].header} (${key})`;
}

/** "档案编号", the Chinese header alone. */
export function fieldHeader(key: FieldKey): string {
  return columns[key].header;
}

/** The Chinese headers in canonical order: the first row of demo files and of the rejected-rows CSV. */
export function headerRow(): string[] {
  return fieldKeys.map((k) => columns[k].header);
}

export interface HeaderMapping {
  fields: (FieldKey | null)[]; // fields[i] is the field of column i; a repeated field maps its first column only
  unknown: string[]; // non-empty headers that match no field, as written (normalised)
  missing: FieldKey[]; // required fields without a column
  duplicated: FieldKey[]; // fields given by two or more columns
}

export function mapHeaders(headers: unknown[]): HeaderMapping {
  const fields: (FieldKey | null)[] = [];
  const unknown: string[] = [];
  const seen = new Set<FieldKey>();
  const duplicated = new Set<FieldKey>();
  for (let i = 0; i < headers.length; i++) {
    const text = normalizeText(headers[i]);
    const key = text === '' ? undefined : byHeader.get(headerKey(text));
    if (key === undefined) {
      fields.push(null);
      if (text !== '' && !ignoredHeaders.has(headerKey(text))) unknown.push(text);
    } else if (seen.has(key)) {
      fields.push(null);
      duplicated.add(key);
    } else {
      fields.push(key);
      seen.add(key);
    }
  }
  const missing = requiredFields.filter((k) => !seen.has(k));
  return { fields, unknown, missing, duplicated: fieldKeys.filter((k) => duplicated.has(k)) };
}

/**
 * The comparable form of a header: NFKC, lower case, without a required-marker "*", a trailing
 * parenthesised note ("档案级别（全国级/省级/…）", "致困原因 (causes)"), spaces, "_" or "-".
 */
export function headerKey(header: string): string {
  let text = normalizeText(header)
    .toLowerCase()
    .replace(/^\*+|[*:]+$/g, '')
    .trim();
  for (;;) {
    const stripped = text.replace(/\s*[([【][^()[\]【】]*[)\]】]$/u, '').trim();
    if (stripped === text || stripped === '') break;
    text = stripped;
  }
  return text.replace(/[\s_-]+/g, '');
}
