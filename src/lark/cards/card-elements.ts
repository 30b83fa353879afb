// Builders for the few card components the project uses: markdown, divider, buttons, mentions,
// and the card itself. Text from users (names, regions, archive numbers) goes through escapeMarkdown.
import type { Card, CardElement, HeaderTemplate } from './card-json.ts';
import { plainText } from './card-json.ts';

/** Lark limits button text to 100 characters (lark-platform.md §3.5). */
export const MAX_BUTTON_TEXT = 100;

export type ButtonType = 'default' | 'primary' | 'danger' | 'text' | 'primary_text' | 'danger_text' | 'primary_filled' | 'danger_filled';

export interface ButtonSpec {
  text: string;
  value: object;
  type?: ButtonType;
  size?: 'tiny' | 'small' | 'medium' | 'large';
  confirm?: string;
}

// Lark markdown reads these characters as syntax; HTML entities show them literally (杨*华 must
// not open an italic run).
const markdownSpecials = /[&<>*_~`[\]#\\|]/g;

export function escapeMarkdown(text: string): string {
  return text.replace(markdownSpecials, (c) => `&#${c.charCodeAt(0)};`);
}

/** Only well-formed open ids become mentions; anything else could inject markup. */
export function mention(openId: string | null | undefined, fallbackName: string): string {
  return openId && /^[A-Za-z0-9_-]{1,64}$/.test(openId) ? `<at id=${openId}></at>` : escapeMarkdown(fallbackName);
}

export function clip(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

export function markdown(content: string): CardElement {
  return { tag: 'markdown', content };
}

export function grey(text: string): string {
  return `<font color='grey'>${text}</font>`;
}

export function hr(): CardElement {
  return { tag: 'hr' };
}

export function button(spec: ButtonSpec): CardElement {
  return {
    tag: 'button',
    text: plainText(clip(spec.text, MAX_BUTTON_TEXT)),
    type: spec.type ?? 'default',
    ...(spec.size ? { size: spec.size } : {}),
    ...(spec.confirm ? { confirm: confirmOf(spec.confirm) } : {}),
    behaviors: [{ type: 'callback', value: spec.value }],
  };
}

/** A form's submit button: the callback value arrives with `form_value` (lark-platform.md §3.5). */
export function submitButton(spec: ButtonSpec & { name: string }): CardElement {
  return { ...button(spec), name: spec.name, form_action_type: 'submit' };
}

/** A row: the text on the left, a compact button on the right. */
export function rowWithButton(content: string, action: CardElement | null): CardElement {
  const text = { tag: 'column', width: 'weighted', weight: 4, vertical_align: 'center', elements: [markdown(content)] };
  if (!action) return { tag: 'column_set', flex_mode: 'none', columns: [text] };
  const side = { tag: 'column', width: 'auto', vertical_align: 'center', elements: [action] };
  return { tag: 'column_set', flex_mode: 'none', columns: [text, side] };
}

export interface CardSpec {
  title: string;
  subtitle?: string;
  template: HeaderTemplate;
  summary: string;
  elements: CardElement[];
  tags?: { text: string; color: string }[];
}

export function buildCard(spec: CardSpec): Card {
  return {
    schema: '2.0',
    config: { update_multi: true, summary: { content: clip(spec.summary, 100) } },
    header: {
      title: plainText(spec.title),
      ...(spec.subtitle ? { subtitle: plainText(spec.subtitle) } : {}),
      template: spec.template,
      ...(spec.tags?.length ? { text_tag_list: spec.tags.map((t) => ({ tag: 'text_tag', text: plainText(t.text), color: t.color })) } : {}),
    },
    body: { elements: spec.elements },
  };
}

function confirmOf(text: string) {
  return { title: plainText('请确认'), text: plainText(text) };
}
