// One flow form field as card components (lark-platform.md §3.5): text → input, textarea → multi-line
// input, number → input (checked on the server by checkFormValues), date → date_picker, select →
// select_static, multi_select → multi_select_static, person → select_person. Inputs carry their own
// label; the other components get a markdown label above them.
import type { FormField } from '../../core/flows/flow-types.ts';
import { resolveOptions } from '../../core/flows/option-lists.ts';
import type { CardElement } from './card-json.ts';
import { plainText } from './card-json.ts';
import { escapeMarkdown, markdown } from './card-elements.ts';
import { fieldName } from './form-names.ts';

export interface FieldRenderOptions {
  /** open_ids a person field offers; without them Lark offers the members of the chat. */
  personOptions?: readonly string[];
}

export function renderFormField(event: string, field: FormField, options: FieldRenderOptions = {}): CardElement[] {
  const name = fieldName(event, field.name);
  const required = field.required === true;
  const label = `${field.label}${required ? '（必填）' : ''}`;
  const base = { name, required, width: 'fill' };
  switch (field.type) {
    case 'text':
      return [input(base, label, `请输入${field.label}`, field.maxLength)];
    case 'textarea':
      return [{ ...input(base, label, `请输入${field.label}`, field.maxLength), input_type: 'multiline_text', rows: 3, auto_resize: true }];
    case 'number':
      return [input(base, label, numberHint(field), 12)];
    case 'date':
      return [labelOf(label), { tag: 'date_picker', ...base, placeholder: plainText('请选择日期') }];
    case 'select':
    case 'multi_select':
      return [
        labelOf(label),
        {
          tag: field.type === 'select' ? 'select_static' : 'multi_select_static',
          ...base,
          placeholder: plainText(field.type === 'select' ? '请选择' : '可多选'),
          options: resolveOptions(field.options).map((o) => ({ text: plainText(o), value: o })),
        },
      ];
    case 'person':
      return [
        labelOf(label),
        {
          tag: 'select_person',
          ...base,
          placeholder: plainText('请选择人员'),
          ...(options.personOptions?.length ? { options: options.personOptions.map((id) => ({ value: id })) } : {}),
        },
      ];
  }
}

function input(base: object, label: string, placeholder: string, maxLength: number | undefined): CardElement {
  return {
    tag: 'input',
    ...base,
    label: plainText(label),
    label_position: 'top',
    placeholder: plainText(placeholder),
    ...(maxLength !== undefined ? { max_length: maxLength } : {}),
  };
}

function labelOf(label: string): CardElement {
  return markdown(`**${escapeMarkdown(label)}**`);
}

function numberHint(field: FormField): string {
  if (field.min !== undefined && field.max !== undefined) return `请输入数字（${field.min}–${field.max}）`;
  if (field.min !== undefined) return `请输入数字（不小于 ${field.min}）`;
  if (field.max !== undefined) return `请输入数字（不大于 ${field.max}）`;
  return '请输入数字';
}
