// Lark card markdown → safe HTML with markdown-it (html off: raw HTML shows as text). Lark's own tags
// are swapped for placeholders first and put back into text tokens after: <at …></at> mentions and
// <font color=…>…</font> runs. Links open in a new tab and only http(s) ones become links; images
// never load (the page makes no network requests for a card).
import MarkdownIt from 'markdown-it';
import type { Env, RendererRule } from 'markdown-it';
import type { CardRenderContext } from './card-render-context.ts';
import { escapeHtml } from './escape-card-html.ts';
import { mentionPattern, renderMentionMatchHtml } from './render-mention-html.ts';

/** What a placeholder stands for: HTML for text, plain text where markup cannot go (code). */
interface Slot {
  html: string;
  text: string;
}

interface SlotEnv extends Env {
  slots: Slot[];
}

const OPEN = '\uE000';
const CLOSE = '\uE001';
const placeholderPattern = /\uE000(\d+)\uE001/g;
const fontPattern = /<font\s+color\s*=\s*(?:"([^"<>]*)"|'([^'<>]*)'|([^\s"'<>]+))\s*>((?:(?!<font[\s>])[\s\S])*?)<\/font>/gi;
const MAX_FONT_DEPTH = 8;

const md = new MarkdownIt({ html: false, linkify: false, breaks: true });
md.validateLink = (url) => /^https?:\/\//i.test(url.trim());

md.renderer.rules.text = (tokens, idx, _options, env) => restore(escapeHtml(tokens[idx]?.content ?? ''), env, 'html');
for (const name of ['code_inline', 'code_block', 'fence'] as const) {
  const original = md.renderer.rules[name];
  const rule: RendererRule = (tokens, idx, options, env, self) =>
    restore(original ? original(tokens, idx, options, env, self) : escapeHtml(tokens[idx]?.content ?? ''), env, 'text');
  md.renderer.rules[name] = rule;
}
md.renderer.rules.image = (tokens, idx, _options, env) => {
  const alt = restore(escapeHtml(tokens[idx]?.content ?? ''), env, 'text');
  return `<span class="lk-md-img">[图片]${alt ? ` ${alt}` : ''}</span>`;
};
md.renderer.rules.link_open = (tokens, idx, options, _env, self) => {
  const token = tokens[idx];
  if (token) {
    token.attrSet('target', '_blank');
    token.attrSet('rel', 'noopener noreferrer');
  }
  return self.renderToken(tokens, idx, options);
};

export function renderMarkdownHtml(content: string, ctx: CardRenderContext): string {
  const env: SlotEnv = { slots: [] };
  let source = String(content).replace(/[\uE000\uE001]/g, '');
  source = replaceMatches(source, mentionPattern, (m) => slot(env, renderMentionMatchHtml(m, ctx)));
  for (let depth = 0; depth < MAX_FONT_DEPTH; depth++) {
    const next = replaceMatches(source, fontPattern, (m) => slot(env, fontHtml(m[1] ?? m[2] ?? m[3] ?? '', m[4] ?? '', env)));
    if (next === source) break;
    source = next;
  }
  return md.render(source, env).trim();
}

function replaceMatches(source: string, pattern: RegExp, replace: (m: RegExpMatchArray) => string): string {
  let out = '';
  let last = 0;
  for (const m of source.matchAll(pattern)) {
    out += source.slice(last, m.index) + replace(m);
    last = m.index + m[0].length;
  }
  return out + source.slice(last);
}

function fontHtml(color: string, inner: string, env: SlotEnv): string {
  const html = md.renderInline(inner, env);
  const word = color.trim().toLowerCase();
  return /^[a-z-]{1,32}$/.test(word) ? `<span class="font-${word}">${html}</span>` : html;
}

function slot(env: SlotEnv, html: string): string {
  env.slots.push({ html, text: htmlToText(html) });
  return `${OPEN}${env.slots.length - 1}${CLOSE}`;
}

function restore(html: string, env: unknown, as: keyof Slot): string {
  const slots = isSlotEnv(env) ? env.slots : [];
  return html.replace(placeholderPattern, (_m, i: string) => {
    const s = slots[Number(i)];
    return s === undefined ? '' : as === 'html' ? s.html : escapeHtml(s.text);
  });
}

function isSlotEnv(env: unknown): env is SlotEnv {
  return typeof env === 'object' && env !== null && Array.isArray((env as { slots?: unknown }).slots);
}

const decoded: Record<string, string> = { '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&amp;': '&' };

/** The text of our own rendered HTML (tags dropped, the escapes we write undone). */
function htmlToText(html: string): string {
  return html.replace(/<[^>]*>/g, '').replace(/&(?:lt|gt|quot|#39|amp);/g, (e) => decoded[e] ?? e);
}
