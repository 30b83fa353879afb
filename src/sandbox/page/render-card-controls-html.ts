// The interactive card components as page controls, in the HTML contract the page script reads:
// buttons (data-action button / open_url / submit / reset, data-value = the callback value as JSON)
// and form fields wrapped in `.lk-field[data-field][data-kind][data-required]` with an error line.
import type { CardRenderContext } from './card-render-context.ts';
import { attr, escapeHtml, httpUrl, isRecord, jsonOf, listOf, stringOf, textOf } from './escape-card-html.ts';

type Element = Record<string, unknown>;

const buttonTypes = new Set([
  'default',
  'primary',
  'danger',
  'text',
  'primary_text',
  'danger_text',
  'primary_filled',
  'danger_filled',
  'laser',
]);

export function renderButtonHtml(e: Element, inForm: boolean): string {
  const type = typeof e.type === 'string' && buttonTypes.has(e.type) ? e.type : 'default';
  const behaviors = listOf(e.behaviors).filter(isRecord);
  const callback = behaviors.find((b) => b.type === 'callback');
  const value = callback && 'value' in callback ? callback.value : isRecord(e.value) ? e.value : {};
  const openUrl = behaviors
    .filter((b) => b.type === 'open_url')
    .map(urlOf)
    .find((u) => u !== undefined);
  const formAction = inForm && (e.form_action_type === 'submit' || e.form_action_type === 'reset') ? e.form_action_type : undefined;
  const action = formAction ?? (openUrl ? 'open_url' : 'button');
  const confirm = isRecord(e.confirm) ? e.confirm : undefined;
  return [
    `<button type="button" class="lk-btn lk-btn-${type}"`,
    attr('data-action', action),
    action === 'open_url' ? attr('data-url', openUrl) : '',
    attr('data-value', jsonOf(value)),
    attr('data-name', stringOf(e.name) || undefined),
    confirm ? attr('data-confirm-title', textOf(confirm.title)) + attr('data-confirm-text', textOf(confirm.text)) : '',
    e.disabled === true ? ' disabled' : '',
    `>${escapeHtml(textOf(e.text))}</button>`,
  ].join('');
}

function urlOf(b: Element): string | undefined {
  return [b.default_url, b.pc_url, b.android_url, b.ios_url].map(httpUrl).find((u) => u !== undefined);
}

/** The form components this renderer knows, with the kind the page script collects them as. */
const fieldKinds: Record<string, string> = {
  input: 'input',
  date_picker: 'date',
  select_static: 'select',
  multi_select_static: 'multi_select',
  select_person: 'person',
  multi_select_person: 'multi_person',
};

export function isFieldTag(tag: string): boolean {
  return Object.hasOwn(fieldKinds, tag);
}

export function renderFieldHtml(e: Element, tag: string, ctx: CardRenderContext): string {
  const kind = fieldKinds[tag] ?? 'input';
  const name = stringOf(e.name) ?? '';
  const open = `<div class="lk-field"${attr('data-field', name)}${attr('data-kind', kind)}${attr('data-required', String(e.required === true))}>`;
  return `${open}${controlOf(e, kind, name, ctx)}<div class="lk-field-error" hidden></div></div>`;
}

function controlOf(e: Element, kind: string, name: string, ctx: CardRenderContext): string {
  const placeholder = textOf(e.placeholder);
  const disabled = e.disabled === true ? ' disabled' : '';
  switch (kind) {
    case 'date': {
      const value = /^\d{4}-\d{2}-\d{2}$/.test(stringOf(e.initial_date) ?? '') ? stringOf(e.initial_date) : undefined;
      return `<input type="date" class="lk-input"${attr('name', name)}${attr('title', placeholder || undefined)}${attr('value', value)}${disabled}>`;
    }
    case 'select':
    case 'person': {
      const chosen = initialOption(e);
      const options = optionsOf(e, kind, ctx).map((o, i) =>
        optionHtml(o, o.value === chosen || (chosen === undefined && i === initialIndex(e))),
      );
      return `<select class="lk-input"${attr('name', name)}${disabled}><option value="">${escapeHtml(placeholder)}</option>${options.join('')}</select>`;
    }
    case 'multi_select':
    case 'multi_person': {
      const chosen = new Set(listOf(e.selected_values).map(stringOf));
      const options = optionsOf(e, kind, ctx).map((o) => optionHtml(o, chosen.has(o.value)));
      return `<select multiple class="lk-input"${attr('name', name)}${disabled}>${options.join('')}</select>`;
    }
    default:
      return inputHtml(e, name, placeholder, disabled);
  }
}

function inputHtml(e: Element, name: string, placeholder: string, disabled: string): string {
  const label = textOf(e.label);
  const labelHtml = label ? `<label class="lk-label">${escapeHtml(label)}</label>` : '';
  const max = typeof e.max_length === 'number' && Number.isInteger(e.max_length) && e.max_length > 0 ? e.max_length : undefined;
  const common = `${attr('name', name)}${attr('placeholder', placeholder || undefined)}${attr('maxlength', max)}${disabled}`;
  const value = stringOf(e.default_value) ?? '';
  if (e.input_type === 'multiline_text') {
    const rows = typeof e.rows === 'number' && Number.isInteger(e.rows) ? Math.min(Math.max(e.rows, 1), 20) : 5;
    return `${labelHtml}<textarea class="lk-input" rows="${rows}"${common}>${escapeHtml(value)}</textarea>`;
  }
  const type = e.input_type === 'password' ? ' type="password"' : '';
  return `${labelHtml}<input${type} class="lk-input"${common}${attr('value', value || undefined)}>`;
}

interface Option {
  value: string;
  text: string;
}

function optionsOf(e: Element, kind: string, ctx: CardRenderContext): Option[] {
  const people = kind === 'person' || kind === 'multi_person';
  if (people && listOf(e.options).length === 0) return ctx.chatMembers.map((m) => ({ value: m.openId, text: m.name }));
  return listOf(e.options)
    .filter(isRecord)
    .flatMap((o) => {
      const value = stringOf(o.value);
      if (value === undefined) return [];
      return [{ value, text: people ? (ctx.nameOf(value) ?? value) : textOf(o.text) || value }];
    });
}

function optionHtml(o: Option, selected: boolean): string {
  return `<option${attr('value', o.value)}${selected ? ' selected' : ''}>${escapeHtml(o.text)}</option>`;
}

function initialOption(e: Element): string | undefined {
  return stringOf(e.initial_option);
}

/** Lark's initial_index counts from 1. */
function initialIndex(e: Element): number {
  return typeof e.initial_index === 'number' && Number.isInteger(e.initial_index) ? e.initial_index - 1 : -1;
}
