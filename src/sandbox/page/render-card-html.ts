// A Lark card JSON 2.0 (as the bot sends it) as an HTML fragment for the sandbox page, in the markup
// the page script relies on: `.lk-card[data-card]`, a coloured header, the body's components in order
// (containers nested), buttons and form fields as in render-card-controls-html.ts. Never throws: odd
// components render as far as they make sense, unknown ones as a visible 「不支持的组件」 line.
import { headerTemplates } from '../../lark/cards/card-json.ts';
import type { CardRenderContext } from './card-render-context.ts';
import { escapeHtml, isRecord, listOf, stringOf, textHtml, textOf } from './escape-card-html.ts';
import { isFieldTag, renderButtonHtml, renderFieldHtml } from './render-card-controls-html.ts';
import { renderChartHtml } from './render-chart-html.ts';
import { renderMarkdownHtml } from './render-markdown-html.ts';

export type { CardRenderContext } from './card-render-context.ts';
export { renderTextMessageHtml } from './render-mention-html.ts';

const INVALID = '<div class="lk-card lk-card-invalid">无法显示的卡片</div>';
/** Deeper nesting than Lark would ever accept is cut off rather than recursed into. */
const MAX_DEPTH = 24;

const tagColors = new Set([
  'neutral',
  'blue',
  'turquoise',
  'lime',
  'orange',
  'violet',
  'indigo',
  'wathet',
  'green',
  'yellow',
  'red',
  'purple',
  'carmine',
  'grey',
]);

interface Where {
  ctx: CardRenderContext;
  inForm: boolean;
  depth: number;
}

export function renderCardHtml(card: unknown, ctx: CardRenderContext): string {
  if (!isRecord(card)) return INVALID;
  try {
    const body = isRecord(card.body) ? card.body : {};
    const where: Where = { ctx, inForm: false, depth: 0 };
    const header = isRecord(card.header) ? headerHtml(card.header) : '';
    return `<div class="lk-card" data-card>${header}<div class="lk-card-body">${elementsHtml(body.elements, where)}</div></div>`;
  } catch {
    return INVALID;
  }
}

function headerHtml(h: Record<string, unknown>): string {
  const template = (headerTemplates as readonly unknown[]).includes(h.template) ? String(h.template) : 'default';
  const subtitle = textOf(h.subtitle);
  const tags = listOf(h.text_tag_list).filter(isRecord).map(tagHtml).join('');
  return [
    `<div class="lk-card-header lk-tpl-${template}">`,
    `<div class="lk-card-title-row"><div class="lk-card-title">${escapeHtml(textOf(h.title))}</div>${tags}</div>`,
    subtitle ? `<div class="lk-card-subtitle">${escapeHtml(subtitle)}</div>` : '',
    '</div>',
  ].join('');
}

function tagHtml(e: Record<string, unknown>): string {
  const color = typeof e.color === 'string' && tagColors.has(e.color) ? e.color : 'neutral';
  return `<span class="lk-tag lk-tag-${color}">${escapeHtml(textOf(e.text))}</span>`;
}

function elementsHtml(list: unknown, where: Where): string {
  return listOf(list)
    .map((e) => elementHtml(e, where))
    .join('');
}

function elementHtml(e: unknown, where: Where): string {
  if (!isRecord(e)) return unknownHtml('?');
  const tag = stringOf(e.tag) ?? '?';
  if (where.depth >= MAX_DEPTH) return unknownHtml(tag);
  const inner: Where = { ...where, depth: where.depth + 1 };
  switch (tag) {
    case 'markdown':
      return `<div class="lk-md">${renderMarkdownHtml(stringOf(e.content) ?? textOf(e.text), where.ctx)}</div>`;
    case 'div':
      return divHtml(e, where.ctx);
    case 'plain_text':
      return `<div class="lk-text">${textHtml(textOf(e))}</div>`;
    case 'hr':
      return '<hr class="lk-hr">';
    case 'text_tag':
      return tagHtml(e);
    case 'img':
      return imgHtml(e);
    case 'button':
      return renderButtonHtml(e, where.inForm);
    case 'column_set':
      return `<div class="lk-columns">${listOf(e.columns)
        .map((c) => columnHtml(c, inner))
        .join('')}</div>`;
    case 'column':
      return columnHtml(e, inner);
    case 'form':
      return where.inForm ? unknownHtml(tag) : formHtml(e, { ...inner, inForm: true });
    case 'collapsible_panel':
      return panelHtml(e, inner);
    case 'chart':
      return renderChartHtml(e);
    default:
      return isFieldTag(tag) ? renderFieldHtml(e, tag, where.ctx) : unknownHtml(tag);
  }
}

function divHtml(e: Record<string, unknown>, ctx: CardRenderContext): string {
  const text = isRecord(e.text) ? e.text : undefined;
  if (text?.tag === 'lark_md') return `<div class="lk-text">${renderMarkdownHtml(textOf(text), ctx)}</div>`;
  return `<div class="lk-text">${textHtml(textOf(e.text))}</div>`;
}

function imgHtml(e: Record<string, unknown>): string {
  const alt = textOf(e.alt) || textOf(e.title) || '图片';
  return `<div class="lk-img" role="img" aria-label="${escapeHtml(alt)}">${escapeHtml(alt)}</div>`;
}

const valigns = new Set(['top', 'center', 'bottom']);

function columnHtml(c: unknown, where: Where): string {
  if (!isRecord(c)) return unknownHtml('?');
  const width = stringOf(c.width);
  const weight = typeof c.weight === 'number' && Number.isFinite(c.weight) ? Math.min(Math.max(Math.round(c.weight), 1), 5) : 1;
  const px = /^(\d{1,4})px$/.exec(width ?? '')?.[1];
  const flex = width === 'weighted' ? `${weight} 1 0` : px ? `0 0 ${px}px` : '0 0 auto';
  const valign = typeof c.vertical_align === 'string' && valigns.has(c.vertical_align) ? ` lk-valign-${c.vertical_align}` : '';
  return `<div class="lk-column${valign}" style="flex: ${flex}">${elementsHtml(c.elements, { ...where, depth: where.depth + 1 })}</div>`;
}

function formHtml(e: Record<string, unknown>, where: Where): string {
  const name = escapeHtml(stringOf(e.name) ?? '');
  return `<form class="lk-form" data-form-name="${name}" novalidate>${elementsHtml(e.elements, where)}</form>`;
}

function panelHtml(e: Record<string, unknown>, where: Where): string {
  const header = isRecord(e.header) ? e.header : {};
  const title = textOf(header.title) || '详情';
  const open = e.expanded === true ? ' open' : '';
  return `<details class="lk-panel"${open}><summary class="lk-panel-title">${escapeHtml(title)}</summary><div class="lk-panel-body">${elementsHtml(e.elements, where)}</div></details>`;
}

function unknownHtml(tag: string): string {
  return `<div class="lk-unknown">不支持的组件：${escapeHtml(tag)}</div>`;
}
