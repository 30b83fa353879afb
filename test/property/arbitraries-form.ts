// fast-check arbitraries of card form submissions that must be refused: the default flow's buttons
// with a form that a real click would fill correctly, then one or more fields replaced by a value of
// the wrong type, size or option (numbers as words, arrays for selects, options of another list,
// strings past maxLength, objects, null for a required field, dates in other formats or impossible,
// people that are not on the roster). Each bad value is bad by the field's rule in docs/flows.md,
// judged here (`isBadValue`), not by the code under test.
import fc from 'fast-check';
import { sometimes } from './property-options.ts';

export interface FieldRule {
  name: string;
  type: 'text' | 'textarea' | 'number' | 'date' | 'select' | 'multi_select' | 'person';
  required?: boolean;
  options?: readonly string[];
  min?: number;
  max?: number;
  maxLength?: number;
}

export interface Button {
  state: string;
  event: string;
  /** Who presses it in the test campaign (the officer of the households, or the county supervisor). */
  operator: 'ou_officer' | 'ou_county';
  fields: FieldRule[];
  /** Raw form values as the Lark client sends them, which the engine accepts. */
  good: Record<string, unknown>;
}

const causes = ['收入低', '下岗失业', '子女上学'];
const measures = ['就业帮扶', '医疗救助', '其他'];
const closeReasons = ['退休', '调离', '死亡', '不再符合条件'];
const tiers = ['深度困难', '相对困难', '意外致困'];

/** The default flow's buttons with forms, per state of the test campaign (flows/huhuqing.json). */
export const buttons: Button[] = [
  {
    state: 'verifying',
    event: 'VERIFIED',
    operator: 'ou_officer',
    fields: [
      { name: 'persons', type: 'number', required: true, min: 1, max: 30 },
      { name: 'causes', type: 'multi_select', required: true, options: causes },
      { name: 'visit_date', type: 'date', required: true },
      { name: 'co_visitor', type: 'person' },
      { name: 'notes', type: 'textarea', maxLength: 500 },
    ],
    good: { persons: '3', causes: ['收入低'], visit_date: '2025-10-13 +0800', co_visitor: 'ou_delegate', notes: '已入户' },
  },
  {
    state: 'verifying',
    event: 'REQUEST_EXTENSION',
    operator: 'ou_officer',
    fields: [
      { name: 'workdays', type: 'number', required: true, min: 1, max: 30 },
      { name: 'reason', type: 'textarea', required: true, maxLength: 300 },
    ],
    good: { workdays: '3', reason: '户主外出务工' },
  },
  {
    state: 'verifying',
    event: 'REASSIGN',
    operator: 'ou_county',
    fields: [
      { name: 'officer', type: 'person', required: true },
      { name: 'reason', type: 'text', maxLength: 100 },
    ],
    good: { officer: 'ou_delegate', reason: '工作调整' },
  },
  {
    state: 'classifying',
    event: 'CLASSIFIED',
    operator: 'ou_officer',
    fields: [
      { name: 'causes', type: 'multi_select', required: true, options: causes },
      { name: 'tier', type: 'select', required: true, options: tiers },
      { name: 'notes', type: 'textarea', maxLength: 500 },
    ],
    good: { causes: ['收入低', '子女上学'], tier: '相对困难' },
  },
  {
    state: 'classifying',
    event: 'CLOSE',
    operator: 'ou_county',
    fields: [
      { name: 'reason', type: 'select', required: true, options: closeReasons },
      { name: 'note', type: 'textarea', maxLength: 300 },
    ],
    good: { reason: '退休', note: '已办理退休' },
  },
  {
    state: 'planning',
    event: 'PLANNED',
    operator: 'ou_officer',
    fields: [
      { name: 'measures', type: 'multi_select', required: true, options: measures },
      { name: 'responsible', type: 'text', required: true, maxLength: 100 },
      { name: 'planned_date', type: 'date' },
      { name: 'notes', type: 'textarea', maxLength: 500 },
    ],
    good: { measures: ['就业帮扶'], responsible: '市总工会', planned_date: '2026-06-30 +0800' },
  },
  {
    state: 'implementing',
    event: 'PROGRESS',
    operator: 'ou_officer',
    fields: [
      { name: 'progress', type: 'textarea', required: true, maxLength: 500 },
      { name: 'measures_done', type: 'multi_select', options: measures },
    ],
    good: { progress: '已介绍就业', measures_done: ['就业帮扶'] },
  },
  {
    state: 'extension_review',
    event: 'GRANT_EXTENSION',
    operator: 'ou_county',
    fields: [
      { name: 'workdays', type: 'number', min: 1, max: 60 },
      { name: 'note', type: 'textarea', maxLength: 300 },
    ],
    good: { workdays: '5', note: '同意' },
  },
  {
    state: 'acceptance',
    event: 'CONFIRM_RELIEF',
    operator: 'ou_county',
    fields: [
      { name: 'accepted_on', type: 'date', required: true },
      { name: 'opinion', type: 'textarea', maxLength: 500 },
    ],
    good: { accepted_on: '2025-12-01 +0800' },
  },
  {
    state: 'public_notice',
    event: 'NOTICE_PASSED',
    operator: 'ou_county',
    fields: [{ name: 'notice_end', type: 'date', required: true }],
    good: { notice_end: '2025-12-10' },
  },
];

const roster = new Set(['ou_officer', 'ou_delegate', 'ou_county', 'ou_city', 'ou_stranger', 'ou_admin']);

function isCalendarDate(s: string): boolean {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/**
 * Whether a raw value (as sent in form_value) breaks the field's rule. Missing values (absent,
 * null, "", blank text, []) break only a required field; a person must be picked from the roster.
 */
export function isBadValue(field: FieldRule, raw: unknown): boolean {
  const blank =
    raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '') || (Array.isArray(raw) && raw.length === 0);
  if (blank) return field.required === true;
  switch (field.type) {
    case 'number': {
      const n = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(raw) ? Number(raw) : Number.NaN;
      return !Number.isFinite(n) || (field.min !== undefined && n < field.min) || (field.max !== undefined && n > field.max);
    }
    case 'date': {
      // A real calendar day written YYYY-MM-DD, maybe with a time or zone after a space or "T"
      // (Lark's date picker sends "2025-10-13 +0800").
      const m = typeof raw === 'string' ? /^(\d{4}-\d{2}-\d{2})([ T].*)?$/.exec(raw.trim()) : null;
      return !m || !isCalendarDate(m[1] as string);
    }
    case 'select':
      return typeof raw !== 'string' || !(field.options ?? []).includes(raw.trim());
    case 'multi_select': {
      const list = Array.isArray(raw) ? raw : [raw];
      return !list.every((v) => typeof v === 'string' && (field.options ?? []).includes(v));
    }
    case 'person':
      // The picker sends an open_id; one that is not on the roster counts as not filled in.
      if (typeof raw !== 'string') return true;
      if (raw.startsWith('ou_')) return !roster.has(raw) && field.required === true;
      return true;
    default:
      return typeof raw !== 'string' || (field.maxLength !== undefined && Array.from(raw.trim()).length > field.maxLength);
  }
}

const long = (n: number) => fc.constantFrom('字', 'x', '😀', '啊a').map((c) => c.repeat(n));

/** Values that break `field`'s rule (filtered by isBadValue, so a lucky good one is never sent as bad). */
export function badValue(field: FieldRule): fc.Arbitrary<unknown> {
  const anyType = fc.oneof(
    fc.constantFrom<unknown>(true, false, {}, { value: '3' }, [[]], [null], 0.5, -1, 1e308),
    fc.jsonValue({ maxDepth: 2 }).filter((v) => !(field.type === 'person' && typeof v === 'string' && /^\d+$/.test(v))),
  );
  const missing = fc.constantFrom<unknown>(null, '', '   ', []);
  const byType: Record<FieldRule['type'], fc.Arbitrary<unknown>> = {
    number: fc.oneof(
      fc.constantFrom<unknown>('abc', '三', '1,5', 'NaN', 'Infinity', '-Infinity', '1e400', '3 人', ['3'], { n: 3 }, true),
      fc.integer({ min: (field.max ?? 0) + 1, max: 1_000_000 }),
      fc.integer({ min: -1_000_000, max: (field.min ?? 0) - 1 }),
      fc.integer({ min: (field.max ?? 0) + 1, max: 1_000_000 }).map(String),
    ),
    date: fc.oneof(
      fc.constantFrom<unknown>(
        '2025/10/13',
        '13-10-2025',
        '20251013',
        '2025-1-3',
        '2025年10月13日',
        'tomorrow',
        '2025-13-45',
        '2025-02-30',
        '2025-00-10',
      ),
      fc.constantFrom<unknown>('2025-02-29 +0800', '2025-04-31T00:00:00Z', 20251013, ['2025-10-13'], { date: '2025-10-13' }),
      fc.date({ noInvalidDate: true }).map((d) => d.toUTCString()),
    ),
    select: fc.oneof(
      fc.constantFrom<unknown>('不存在的选项', 'retire', '收入低', '相对', '退  休', 1, true, {}),
      fc.constantFrom(...(field.options ?? ['x'])).map((o) => [o]),
    ),
    multi_select: fc.oneof(
      fc.constantFrom<unknown>(['不存在'], [1], [['收入低']], [{}], 'nope', { a: 1 }, true, [null]),
      fc.constantFrom(...(field.options ?? ['x'])).map((o) => [o, '另一个']),
    ),
    text: fc.oneof(
      long((field.maxLength ?? 100) + 1),
      long((field.maxLength ?? 100) + 2000),
      fc.constantFrom<unknown>(123, ['a'], { text: 'a' }, true),
    ),
    textarea: fc.oneof(long((field.maxLength ?? 100) + 1), long(20_000), fc.constantFrom<unknown>(123, ['a'], { text: 'a' }, false)),
    // Not digits: a bare person id in a card callback is taken as it is (see card-forms.property.test.ts).
    person: fc.constantFrom<unknown>('ou_nobody', 'garbage', '王芳', 'ou officer', 42, ['ou_officer'], { open_id: 'ou_officer' }, true),
  };
  return fc
    .oneof({ weight: 6, arbitrary: byType[field.type] }, { weight: 2, arbitrary: anyType }, { weight: 1, arbitrary: missing })
    .filter((v) => isBadValue(field, v));
}

export interface FormPlan {
  button: Button;
  /** Field name → the bad raw value sent instead of the good one (at least one). */
  bad: Record<string, unknown>;
  /** Components the card does not have: ignored by the bot. */
  extra: Record<string, unknown> | null;
  /** Send form_value as something other than an object (only when a required field makes that bad). */
  shape: 'object' | 'missing';
}

export const formPlan: fc.Arbitrary<FormPlan> = fc.constantFrom(...buttons).chain((button) =>
  fc.record({
    button: fc.constant(button),
    bad: fc
      .uniqueArray(fc.constantFrom(...button.fields), { minLength: 1, maxLength: button.fields.length, selector: (f) => f.name })
      .chain((fields) => fc.tuple(...fields.map((f) => badValue(f).map((v): [string, unknown] => [f.name, v]))))
      .map((pairs) => Object.fromEntries(pairs)),
    extra: sometimes(fc.dictionary(fc.string({ maxLength: 10 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 }), 30),
    shape: button.fields.some((f) => f.required) ? fc.constantFrom('object', 'object', 'object', 'missing') : fc.constant('object'),
  }),
);
