// What the Lark client does with the bot's answer to a card callback (lark-platform.md §2.2):
// a toast is shown, `card: {type:"raw", data}` replaces the card, `{}` changes nothing. A late
// answer (> 3 s) is 200341, a non-200 is 200671, a malformed body 200672, a bad card 200673.
import type { SimulatorCore } from './simulator-core.ts';
import type { SimCallbackOutcome } from './simulator-state.ts';
import { validateCard } from './validate-card.ts';

export const CALLBACK_DEADLINE_MS = 3000;
const TOAST_TYPES = new Set(['info', 'success', 'error', 'warning']);

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

export interface CallbackDelivery {
  status: number;
  durationMs: number;
  operatorOpenId?: string;
}

/** Applies a callback answer to the message; returns (and records) the client-side outcome. */
export function applyCallbackResponse(
  core: SimulatorCore,
  messageId: string,
  responseBody: unknown,
  delivery: CallbackDelivery = { status: 200, durationMs: 0 },
): SimCallbackOutcome {
  const at = core.now().getTime();
  const outcome = (code: number, detail: string): SimCallbackOutcome => {
    const result = { at, messageId, status: delivery.status, durationMs: delivery.durationMs, code, detail };
    core.state.callbacks.push(result);
    return result;
  };
  if (delivery.durationMs > CALLBACK_DEADLINE_MS)
    return outcome(200341, `the bot answered after ${Math.round(delivery.durationMs)} ms (limit 3 s)`);
  if (delivery.status !== 200) return outcome(200671, `the bot answered with HTTP ${delivery.status}`);
  const body = typeof responseBody === 'string' ? tryParse(responseBody) : responseBody;
  if (!isObject(body)) return outcome(200672, 'the answer is not a JSON object');
  const toast = body.toast;
  if (toast !== undefined && (!isObject(toast) || !TOAST_TYPES.has(String(toast.type)) || typeof toast.content !== 'string'))
    return outcome(200672, 'toast must be {type: info|success|error|warning, content}');
  let newContent: string | undefined;
  if (body.card !== undefined) {
    const card = body.card;
    if (!isObject(card) || card.type !== 'raw')
      return outcome(200673, 'card must be {type:"raw", data:<card JSON 2.0>} (templates are not simulated)');
    const problem = validateCard(card.data);
    if (problem) return outcome(200673, `the card in the answer is invalid: ${problem}`);
    newContent = JSON.stringify(card.data);
  }
  const message = core.state.messages.get(messageId);
  if (isObject(toast))
    core.state.toasts.push({
      at,
      messageId,
      operatorOpenId: delivery.operatorOpenId,
      type: String(toast.type),
      content: String(toast.content),
    });
  if (newContent !== undefined && message) {
    message.content = newContent;
    message.updateTime = at;
    message.edits.push({ at, content: newContent, via: 'callback' });
    core.state.counters.edits += 1;
  }
  return outcome(0, newContent !== undefined ? 'card replaced' : isObject(toast) ? 'toast shown' : 'no change');
}

function tryParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
