// Lark mentions as the page shows them: `<at id=ou_x></at>`, `<at ids=a,b></at>`, `<at email=x></at>`
// and `<at id=all></at>` in card markdown (lark-platform.md §3.4), `<at user_id="ou_x">Name</at>` in
// text messages. Each person becomes `<span class="mention">@Name</span>`.
import type { CardRenderContext } from './card-render-context.ts';
import { escapeHtml, isRecord, textHtml } from './escape-card-html.ts';

/** One `<at …>…</at>`: the attribute (quoted or not) and the name written between the tags, if any. */
export const mentionPattern = /<at\s+(id|ids|email|user_id|open_id)\s*=\s*(?:"([^"<>]*)"|'([^'<>]*)'|([^\s"'<>]+))\s*>([^<]*)<\/at>/gi;

/** The spans of a match of mentionPattern. */
export function renderMentionMatchHtml(m: RegExpMatchArray, ctx: CardRenderContext): string {
  return renderMentionMatch(m[1] ?? '', m[2] ?? m[3] ?? m[4] ?? '', m[5] ?? '', ctx);
}

export function renderMentionHtml(id: string, ctx: CardRenderContext, writtenName = ''): string {
  const name = id === 'all' ? '所有人' : (ctx.nameOf(id) ?? (writtenName.trim() || id));
  return `<span class="mention">@${escapeHtml(name)}</span>`;
}

/** The spans of one `<at>` (several for `ids=a,b`). */
function renderMentionMatch(kind: string, value: string, writtenName: string, ctx: CardRenderContext): string {
  const ids = kind.toLowerCase() === 'ids' ? value.split(',') : [value];
  return ids
    .map((id) => id.trim())
    .filter((id) => id !== '')
    .map((id) => renderMentionHtml(id, ctx, ids.length === 1 ? writtenName : ''))
    .join(' ');
}

/** A text message (`{"text": "…"}`, or the bare text): mentions as spans, the rest escaped, line breaks kept. */
export function renderTextMessageHtml(content: string, ctx: CardRenderContext): string {
  const text = textOfMessage(content);
  let html = '';
  let last = 0;
  for (const m of text.matchAll(mentionPattern)) {
    html += textHtml(text.slice(last, m.index));
    html += renderMentionMatchHtml(m, ctx);
    last = m.index + m[0].length;
  }
  return html + textHtml(text.slice(last));
}

function textOfMessage(content: string): string {
  try {
    const parsed: unknown = JSON.parse(content);
    if (isRecord(parsed) && typeof parsed.text === 'string') return parsed.text;
  } catch {
    // not JSON: the text itself
  }
  return typeof content === 'string' ? content : '';
}
