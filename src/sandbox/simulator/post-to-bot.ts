// The platform → bot direction: POSTs an event or card callback to the bot's URL as Lark does —
// encrypted to {"encrypt":"…"} with a random IV, signed over the raw bytes (X-Lark-Request-Timestamp
// in seconds, X-Lark-Request-Nonce, X-Lark-Signature), url_verification without signature headers
// (lark-platform.md §1.2–1.4) — and, for card callbacks, applies the bot's answer as the client does.
import { encryptLarkPayload, signLarkRequest } from '../../lark/lark-crypto.ts';
import type { SimulatorCore } from './simulator-core.ts';
import type { SimCallbackOutcome } from './simulator-state.ts';
import { applyCallbackResponse } from './apply-callback-response.ts';
import {
  buildBotAddedEvent,
  buildCardActionEvent,
  buildMessageEvent,
  buildP2pChatCreateEvent,
  buildUrlVerification,
  type BotAddedInput,
  type BuiltEvent,
  type CardActionInput,
  type MessageEventInput,
} from './build-events.ts';
import { newNonce } from './lark-ids.ts';

export { applyCallbackResponse } from './apply-callback-response.ts';
export type { BuiltEvent } from './build-events.ts';

export type SimEvent =
  | ({ type: 'im.message.receive_v1' } & MessageEventInput)
  | ({ type: 'card.action.trigger' } & CardActionInput)
  | ({ type: 'im.chat.member.bot.added_v1' } & BotAddedInput)
  | { type: 'p2p_chat_create'; userOpenId: string }
  | { type: 'url_verification'; challenge?: string };

export interface PostOptions {
  /** Default: true when the simulator has an encrypt key. */
  encrypt?: boolean;
  /** Default: true (needs an encrypt key: it is the signature's secret). Never for url_verification. */
  sign?: boolean;
  /** signature: a wrong X-Lark-Signature; timestamp: correctly signed but 10 min old; token: a wrong verification token. */
  tamper?: 'signature' | 'timestamp' | 'token';
  /** Card callbacks: apply the answer (toast, card) as the Lark client does. Default true. */
  applyResponse?: boolean;
}

export interface PostResult {
  status: number;
  /** The answer parsed as JSON, or its text when it is not JSON. */
  body: unknown;
  durationMs: number;
  event: BuiltEvent;
  /** Card callbacks: how the client treated the answer (0 = accepted, else 200341/200671/200672/200673). */
  callback?: SimCallbackOutcome;
}

export function buildEvent(sim: SimulatorCore, event: SimEvent): BuiltEvent {
  switch (event.type) {
    case 'im.message.receive_v1':
      return buildMessageEvent(sim, event);
    case 'card.action.trigger':
      return buildCardActionEvent(sim, event);
    case 'im.chat.member.bot.added_v1':
      return buildBotAddedEvent(sim, event);
    case 'p2p_chat_create':
      return buildP2pChatCreateEvent(sim, event);
    case 'url_verification':
      return buildUrlVerification(sim, event);
  }
}

/** The request Lark would send for an event: its raw (encrypted) body and headers (signed). */
export function prepareEventForBot(
  sim: SimulatorCore,
  event: SimEvent | BuiltEvent,
  options: PostOptions = {},
): { built: BuiltEvent; raw: string; headers: Record<string, string> } {
  const built = 'body' in event ? event : buildEvent(sim, event);
  const encrypt = options.encrypt ?? sim.encryptKey !== '';
  if ((encrypt || options.tamper === 'signature' || options.tamper === 'timestamp') && !sim.encryptKey)
    throw new Error('postEventToBot: encryption and signatures need the simulator to have an encryptKey');
  const plain = JSON.stringify(options.tamper === 'token' ? withWrongToken(built.body) : built.body);
  const raw = encrypt ? JSON.stringify({ encrypt: encryptLarkPayload(plain, sim.encryptKey) }) : plain;
  const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
  const sign = (options.sign ?? true) && built.eventType !== 'url_verification' && sim.encryptKey !== '';
  if (sign) {
    const seconds = Math.floor(sim.now().getTime() / 1000) - (options.tamper === 'timestamp' ? 600 : 0);
    const timestamp = String(seconds);
    const nonce = newNonce();
    const signature = signLarkRequest(timestamp, nonce, sim.encryptKey, raw);
    headers['x-lark-request-timestamp'] = timestamp;
    headers['x-lark-request-nonce'] = nonce;
    headers['x-lark-signature'] = options.tamper === 'signature' ? signLarkRequest(timestamp, nonce, sim.encryptKey, `${raw} `) : signature;
  }
  return { built, raw, headers };
}

export async function postEventToBot(
  sim: SimulatorCore,
  botUrl: string,
  event: SimEvent | BuiltEvent,
  options: PostOptions = {},
): Promise<PostResult> {
  const { built, raw, headers } = prepareEventForBot(sim, event, options);
  const started = performance.now();
  const response = await fetch(botUrl, { method: 'POST', headers, body: raw });
  const text = await response.text();
  const durationMs = performance.now() - started;
  sim.state.pushes.push({
    at: sim.now().getTime(),
    eventId: built.eventId,
    eventType: built.eventType,
    status: response.status,
    durationMs,
  });
  const result: PostResult = { status: response.status, body: parseOrText(text), durationMs, event: built };
  if (built.eventType === 'card.action.trigger' && built.messageId && options.applyResponse !== false) {
    const token = built.cardToken ? sim.state.cardTokens.get(built.cardToken) : undefined;
    if (token) token.answered = true;
    result.callback = applyCallbackResponse(sim, built.messageId, text, {
      status: response.status,
      durationMs,
      operatorOpenId: built.operatorOpenId,
    });
  }
  return result;
}

/** Lark's re-push of the same event (same event_id), freshly encrypted and signed — for dedupe tests. */
export function repostSameEvent(
  sim: SimulatorCore,
  botUrl: string,
  previous: BuiltEvent | PostResult,
  options: PostOptions = {},
): Promise<PostResult> {
  const built = 'event' in previous ? previous.event : previous;
  return postEventToBot(sim, botUrl, built, options);
}

function withWrongToken(body: Record<string, unknown>): Record<string, unknown> {
  const copy = structuredClone(body);
  const header = copy.header as Record<string, unknown> | undefined;
  if (header) header.token = 'wrong-verification-token';
  else copy.token = 'wrong-verification-token';
  return copy;
}

function parseOrText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
