// The callback values our card buttons carry (action.value of card.action.trigger), kept short
// because every card repeats them: `a` says what the click means.

/** A flow event for a case, from a plain button or a form's submit button (`form_value` then holds the fields). */
export interface EventCallback {
  a: 'event';
  caseId: number;
  event: string;
  /** The state the card was rendered in: a click on a card of an older state is stale. */
  state: string;
  /** The case's optimistic-lock version when the card was rendered. */
  v: number;
}

/** 「办理」 in a digest: send (or answer with) the household's case card. */
export interface OpenCallback {
  a: 'open';
  caseId: number;
}

/** 「督办」 on an escalation card: acknowledge the case's open escalation. */
export interface AckCallback {
  a: 'ack';
  caseId: number;
}

export type CardCallbackValue = EventCallback | OpenCallback | AckCallback;

/** The callback value of a click, or null when it is not one of ours (old card, forged click). */
export function parseCallbackValue(value: unknown): CardCallbackValue | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const v = value as Record<string, unknown>;
  if (!isId(v.caseId)) return null;
  if (v.a === 'open' || v.a === 'ack') return { a: v.a, caseId: v.caseId };
  if (v.a !== 'event') return null;
  if (typeof v.event !== 'string' || v.event === '' || typeof v.state !== 'string' || v.state === '') return null;
  if (typeof v.v !== 'number' || !Number.isInteger(v.v) || v.v < 0) return null;
  return { a: 'event', caseId: v.caseId, event: v.event, state: v.state, v: v.v };
}

function isId(x: unknown): x is number {
  return typeof x === 'number' && Number.isSafeInteger(x) && x > 0;
}
