// The result of parsing one cell: the value, or a reason in Chinese that says what to fix.
export type ParseResult<T> = { ok: true; value: T } | { ok: false; reason: string };

/** 「value」 for messages, cut at 30 characters so a stray paragraph does not flood the report. */
export function quoteValue(text: string, max = 30): string {
  const chars = Array.from(text);
  return `「${chars.length > max ? `${chars.slice(0, max).join('')}…` : text}」`;
}
