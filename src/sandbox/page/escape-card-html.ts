// HTML escaping for the sandbox page's card fragments: text, attribute values, JSON in attributes,
// and the card fields (plain_text objects, strings) read defensively from cards of any shape.
import { isRecord } from '../../lark/cards/measure-card.ts';

const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => entities[c] ?? c);
}

/** ` name="value"` with the value escaped; nothing when the value is undefined. */
export function attr(name: string, value: string | number | undefined): string {
  return value === undefined ? '' : ` ${name}="${escapeHtml(String(value))}"`;
}

/** JSON for a data attribute; `{}` for values JSON cannot hold (cycles, BigInt, undefined). */
export function jsonOf(value: unknown): string {
  try {
    return JSON.stringify(value) ?? '{}';
  } catch {
    return '{}';
  }
}

/** Escaped text with its line breaks kept. */
export function textHtml(text: string): string {
  return escapeHtml(text).replace(/\r?\n/g, '<br>');
}

/** An absolute http(s) URL, or undefined for anything else (javascript:, relative, malformed). */
export function httpUrl(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const url = value.trim();
  return /^https?:\/\/[^\s]+$/i.test(url) ? url : undefined;
}

/** A string field, or undefined when absent or of another type. */
export function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
}

/** The text of a `{tag: 'plain_text' | 'lark_md', content}` object (or a bare string); '' otherwise. */
export function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  return isRecord(value) ? (stringOf(value.content) ?? '') : '';
}

export function listOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export { isRecord };
