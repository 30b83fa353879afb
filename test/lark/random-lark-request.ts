// A tiny seeded generator of hostile and half-valid Lark requests for property-style loops
// (fast-check is not installed): random bytes, random JSON, and real events with one field
// replaced by a random value, sometimes encrypted and correctly signed so they pass the guards.
import { encryptLarkPayload, signLarkRequest } from '../../src/lark/lark-crypto.ts';
import {
  NOW_SECONDS,
  VERIFICATION_TOKEN,
  botAddedEvent,
  cardActionEvent,
  messageEvent,
  p2pCreatedEvent,
  seededRandom,
} from './lark-event-fixtures.ts';

export interface RandomRequest {
  body: string | Uint8Array;
  headers: Record<string, string>;
}

type Random = () => number;

const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

const oddValues: readonly unknown[] = [
  null,
  0,
  -1,
  1e308,
  '',
  true,
  [],
  {},
  [[[[]]]],
  '__proto__',
  '\ud800',
  '\u0000',
  'x'.repeat(5000),
  { __proto__: { polluted: true } },
  JSON.parse('{"__proto__":{"polluted":true}}'),
  { open_id: 42 },
  'card.action.trigger',
  'im.message.receive_v1',
];

function randomJson(random: Random, depth = 0): unknown {
  const r = random();
  if (depth > 4 || r < 0.3) return pick(random, oddValues);
  if (r < 0.5) return Math.floor(random() * 1e6).toString(36);
  if (r < 0.75) return Array.from({ length: Math.floor(random() * 4) }, () => randomJson(random, depth + 1));
  const keys = ['schema', 'header', 'event', 'encrypt', 'type', 'token', 'challenge', 'uuid', '__proto__', 'event_id', 'event_type'];
  return Object.fromEntries(Array.from({ length: Math.floor(random() * 5) }, () => [pick(random, keys), randomJson(random, depth + 1)]));
}

/** Replaces one value at a random path of a real event (objects only, own keys). */
function mutate(random: Random, value: unknown): unknown {
  const copy = JSON.parse(JSON.stringify(value)) as unknown;
  let node = copy;
  for (let step = 0; step < 6; step++) {
    if (typeof node !== 'object' || node === null) break;
    const keys = Object.keys(node);
    if (keys.length === 0) break;
    const key = pick(random, keys);
    const record = node as Record<string, unknown>;
    if (random() < 0.35 || typeof record[key] !== 'object' || record[key] === null) {
      Object.defineProperty(record, key, { value: pick(random, oddValues), enumerable: true, writable: true, configurable: true });
      break;
    }
    node = record[key];
  }
  return copy;
}

function randomBytes(random: Random): Uint8Array {
  return Uint8Array.from({ length: Math.floor(random() * 300) }, () => Math.floor(random() * 256));
}

export function randomRequest(seed: number, encryptKey: string | undefined): RandomRequest {
  const random = seededRandom(seed);
  const events = [messageEvent(), cardActionEvent(`ev_${seed}`), botAddedEvent(`ev_${seed}`), p2pCreatedEvent(`uuid_${seed}`)];
  const r = random();
  let payload: unknown;
  if (r < 0.15) payload = randomBytes(random);
  else if (r < 0.35) payload = randomJson(random);
  else if (r < 0.45) payload = pick(random, events);
  else if (r < 0.5) payload = { challenge: 'c', token: random() < 0.5 ? VERIFICATION_TOKEN : 'x', type: 'url_verification' };
  else payload = mutate(random, pick(random, events));

  let body: string | Uint8Array = payload instanceof Uint8Array ? payload : (JSON.stringify(payload) ?? 'undefined');
  if (encryptKey && typeof body === 'string' && random() < 0.6) body = JSON.stringify({ encrypt: encryptLarkPayload(body, encryptKey) });
  if (random() < 0.1 && typeof body === 'string') body = body.slice(0, Math.floor(random() * body.length));

  const timestamp = random() < 0.8 ? NOW_SECONDS : pick(random, ['0', '-5', 'abc', String(Number(NOW_SECONDS) + 400), '']);
  const nonce = random() < 0.9 ? `n${seed}` : '';
  const signature =
    encryptKey && random() < 0.7
      ? signLarkRequest(timestamp, nonce, encryptKey, body)
      : pick(random, ['', 'deadbeef', 'not-hex!', 'f'.repeat(64)]);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (random() < 0.9) headers['x-lark-request-timestamp'] = timestamp;
  if (random() < 0.9) headers['x-lark-request-nonce'] = nonce;
  if (random() < 0.9) headers['x-lark-signature'] = signature;
  return { body, headers };
}
