// The two sizes Lark limits (lark-platform.md §3.5): components in the body (nested ones counted:
// form, column_set, column, collapsible_panel … and every component inside them) and the bytes of
// the card JSON as sent.

export const MAX_CARD_ELEMENTS = 200;
export const MAX_CARD_BYTES = 30 * 1024;

export interface CardSize {
  elements: number;
  bytes: number;
}

export function measureCard(card: unknown): CardSize {
  const body = isRecord(card) && isRecord(card.body) ? card.body : undefined;
  return { elements: countElements(body?.elements), bytes: new TextEncoder().encode(JSON.stringify(card)).length };
}

export function fitsLimits(size: CardSize): boolean {
  return size.elements <= MAX_CARD_ELEMENTS && size.bytes <= MAX_CARD_BYTES;
}

/** Children of a component: containers keep them in `elements`, a column_set in `columns`. */
export function childrenOf(element: Record<string, unknown>): unknown[] {
  return [...(Array.isArray(element.elements) ? element.elements : []), ...(Array.isArray(element.columns) ? element.columns : [])];
}

function countElements(list: unknown): number {
  if (!Array.isArray(list)) return 0;
  let n = 0;
  for (const e of list) {
    if (!isRecord(e)) continue;
    n += 1 + countElements(childrenOf(e));
  }
  return n;
}

export function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}
