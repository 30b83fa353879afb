// fast-check arbitraries of requests to POST /lark/events. An arbitrary yields a plan (what to send,
// how to encode, sign and head it); `materialize` turns it into bytes and headers at send time, when
// the cases' current states are known, so a pristine click is one the engine would really accept.
// Signatures are only ever computed in the branches named 'valid…': the property decides what was
// validly signed from the bytes, independently of this file.
import fc from 'fast-check';
import { encryptLarkPayload, signLarkRequest } from '../../src/lark/lark-crypto.ts';
import { sometimes } from './property-options.ts';

export interface LarkWorld {
  caseIds: number[];
  /** The case's current state and version (read from the database at send time). */
  caseState(caseId: number): Promise<{ state: string; version: number } | null>;
  now(): Date;
  encryptKey: string;
  verificationToken: string;
}

/** The card buttons of each state of the default flow, with a form that satisfies it and who may press it. */
export const pristineClicks: Record<string, Array<{ event: string; operator: string; form?: Record<string, string | string[]> }>> = {
  verifying: [
    { event: 'VERIFIED', operator: 'ou_officer', form: { persons: '3', causes: ['收入低'], visit_date: '2025-10-13 +0800' } },
    { event: 'REQUEST_EXTENSION', operator: 'ou_officer', form: { workdays: '3', reason: '需要补充材料' } },
    { event: 'REASSIGN', operator: 'ou_county', form: { officer: 'ou_delegate' } },
  ],
  classifying: [
    { event: 'CLASSIFIED', operator: 'ou_officer', form: { causes: ['收入低'], tier: '相对困难' } },
    { event: 'SEND_BACK', operator: 'ou_county', form: { reason: '材料不全' } },
  ],
  planning: [
    { event: 'PLANNED', operator: 'ou_officer', form: { measures: ['就业帮扶'], responsible: '市总工会' } },
    { event: 'SEND_BACK', operator: 'ou_county', form: { reason: '材料不全' } },
  ],
  implementing: [
    { event: 'PROGRESS', operator: 'ou_officer', form: { progress: '已落实就业帮扶' } },
    { event: 'IMPLEMENTED', operator: 'ou_officer', form: { summary: '已稳定就业' } },
    { event: 'SEND_BACK', operator: 'ou_county', form: { reason: '材料不全' } },
  ],
  extension_review: [
    { event: 'GRANT_EXTENSION', operator: 'ou_county', form: { workdays: '2' } },
    { event: 'REFUSE_EXTENSION', operator: 'ou_county', form: { reason: '理由不足' } },
  ],
  acceptance: [
    { event: 'CONFIRM_RELIEF', operator: 'ou_county', form: { accepted_on: '2025-12-01' } },
    { event: 'SEND_BACK', operator: 'ou_county', form: { reason: '材料不全' } },
  ],
  public_notice: [{ event: 'SEND_BACK', operator: 'ou_county', form: { reason: '有异议' } }],
};

export type PayloadPlan =
  | { kind: 'card'; caseIndex: number; click: 'event' | 'open' | 'ack'; pick: number; operator: string | null; staleState: boolean }
  | { kind: 'message'; text: string; chatId: string; sender: string; chatType: 'group' | 'p2p' }
  | { kind: 'bot_added'; chatId: string; operator: string }
  | { kind: 'p2p_created'; chatId: string; operator: string }
  | { kind: 'challenge'; rightToken: boolean }
  | { kind: 'unknown_type'; eventType: string }
  | { kind: 'json'; value: unknown };

export interface Mutation {
  /** Indices into the keys met on the way down (each taken modulo the number of keys there). */
  path: number[];
  value: unknown;
}

export type Encoding =
  | { kind: 'plain' }
  | { kind: 'encrypted'; key: 'right' | 'wrong' }
  | { kind: 'encrypt_value'; value: unknown }
  | { kind: 'encrypted_tampered'; at: number }
  | { kind: 'bom' }
  | { kind: 'utf16' }
  | { kind: 'bad_utf8'; at: number; byte: number }
  | { kind: 'truncated'; at: number }
  | { kind: 'padded'; bytes: number }
  | { kind: 'empty' }
  | { kind: 'random_bytes'; bytes: Uint8Array }
  | { kind: 'deep'; levels: number };

export type Signing =
  | { kind: 'valid' }
  | { kind: 'valid_uppercase' }
  | { kind: 'valid_other_body' }
  | { kind: 'valid_other_nonce' }
  | { kind: 'valid_wrong_key' }
  | { kind: 'truncated' }
  | { kind: 'garbage'; value: string }
  | { kind: 'missing' }
  | { kind: 'duplicated' };

export type Timestamp =
  { kind: 'fresh'; skew: number } | { kind: 'stale'; skew: number } | { kind: 'text'; value: string } | { kind: 'missing' };

export interface RequestPlan {
  payload: PayloadPlan;
  eventId: string;
  mutation: Mutation | null;
  encoding: Encoding;
  timestamp: Timestamp;
  nonce: string | null;
  signing: Signing;
  contentType: string | null;
  extraHeaders: Array<[string, string]>;
}

// Header values must be ByteStrings without CR/LF/NUL (or the Request cannot be built at all).
const headerText = (maxLength: number) =>
  fc.string({ unit: fc.constantFrom(...'abcdefXYZ0189 -_+=/.:;,\'"!@#$%^&*()[]{}<>?`~|\\'.split('')), maxLength });

const oddValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, 0, -1, 1e308, '', true, false, [], {}, '__proto__', '\ud800', '\u0000', 'x'.repeat(5000), [[[[]]]]),
  fc.constantFrom(JSON.parse('{"__proto__":{"polluted":true}}') as unknown, { open_id: 42 }, 'card.action.trigger', 'ou_admin'),
  fc.jsonValue({ maxDepth: 3 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.integer(),
  fc.double(),
);

const openIds = fc.constantFrom('ou_officer', 'ou_delegate', 'ou_county', 'ou_city', 'ou_stranger', 'ou_admin', 'ou_nobody', 'ou_bot');

const payloadPlan: fc.Arbitrary<PayloadPlan> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('card' as const),
      caseIndex: fc.nat(20),
      click: fc.constantFrom('event', 'event', 'event', 'open', 'ack') as fc.Arbitrary<'event' | 'open' | 'ack'>,
      pick: fc.nat(10),
      operator: sometimes(openIds, 50),
      staleState: fc.boolean(),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('message' as const),
      text: fc.oneof(fc.constantFrom('我的', '帮助', '进度', '查 QJ-00001', '绑定 督查组 麒麟区'), fc.string({ maxLength: 30 })),
      chatId: fc.constantFrom('oc_work', 'oc_inspection', 'oc_p2p_prop'),
      sender: openIds,
      chatType: fc.constantFrom('group', 'p2p') as fc.Arbitrary<'group' | 'p2p'>,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('bot_added' as const), chatId: fc.constantFrom('oc_new', 'oc_work'), operator: openIds }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('p2p_created' as const), chatId: fc.constantFrom('oc_p2p_prop'), operator: openIds }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('challenge' as const), rightToken: fc.boolean() }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('unknown_type' as const),
      eventType: fc.oneof(fc.constantFrom('im.message.reaction.created_v1', 'contact.user.deleted_v3'), fc.string({ maxLength: 200 })),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('json' as const), value: fc.jsonValue({ maxDepth: 4 }) }) },
);

const encoding: fc.Arbitrary<Encoding> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('encrypted' as const),
      key: fc.constantFrom('right', 'right', 'right', 'wrong') as fc.Arbitrary<'right' | 'wrong'>,
    }),
  },
  { weight: 2, arbitrary: fc.constant({ kind: 'plain' as const }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('encrypt_value' as const),
      value: fc.oneof(
        fc.base64String({ maxLength: 200 }),
        fc.constantFrom('', '!!!', '====', 'A'.repeat(31), 'A'.repeat(48), 'QUJD'),
        fc.jsonValue({ maxDepth: 2 }),
      ),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('encrypted_tampered' as const), at: fc.nat() }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'bom' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'utf16' as const }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('bad_utf8' as const),
      at: fc.nat(),
      byte: fc.constantFrom(0x80, 0xc0, 0xc3, 0xe4, 0xed, 0xf8, 0xfe, 0xff),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('truncated' as const), at: fc.nat() }) },
  {
    weight: 1,
    // Around the 1 MiB limit: just under, at, and over it.
    arbitrary: fc.record({
      kind: fc.constant('padded' as const),
      bytes: fc.oneof(fc.nat(2000), fc.constantFrom(1024 * 1024 - 700, 1024 * 1024, 1024 * 1024 + 1, 3 * 1024 * 1024)),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'empty' as const }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('random_bytes' as const), bytes: fc.uint8Array({ maxLength: 300 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('deep' as const), levels: fc.constantFrom(31, 33, 100, 10_000, 200_000) }) },
);

const signing: fc.Arbitrary<Signing> = fc.oneof(
  { weight: 8, arbitrary: fc.constant({ kind: 'valid' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'valid_uppercase' as const }) },
  { weight: 2, arbitrary: fc.constant({ kind: 'valid_other_body' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'valid_other_nonce' as const }) },
  { weight: 2, arbitrary: fc.constant({ kind: 'valid_wrong_key' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'truncated' as const }) },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('garbage' as const), value: fc.oneof(headerText(80), fc.stringMatching(/^[0-9a-f]{64}$/)) }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'missing' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'duplicated' as const }) },
);

const timestamp: fc.Arbitrary<Timestamp> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('fresh' as const), skew: fc.integer({ min: -299, max: 299 }) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('stale' as const),
      skew: fc.oneof(fc.integer({ min: 301, max: 10_000_000 }), fc.integer({ min: -10_000_000, max: -301 })),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('text' as const),
      value: fc.oneof(headerText(20), fc.constantFrom('0', '-5', '1.7e9', '99999999999999999999', 'NaN', ' ')),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'missing' as const }) },
);

export const requestPlan: fc.Arbitrary<RequestPlan> = fc.record({
  payload: payloadPlan,
  eventId: fc.uuid(),
  mutation: sometimes(fc.record({ path: fc.array(fc.nat(), { minLength: 1, maxLength: 6 }), value: oddValue }), 50),
  encoding,
  timestamp,
  nonce: sometimes(fc.oneof(headerText(20), fc.constantFrom('n'.repeat(10_000))), 90),
  signing,
  contentType: sometimes(
    fc.constantFrom(
      'application/json',
      'application/json; charset=utf-8',
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/json; charset=gbk',
    ),
    85,
  ),
  extraHeaders: fc.array(
    fc.oneof(
      fc.constant(['content-encoding', 'gzip'] as [string, string]),
      fc.tuple(
        fc.constantFrom('x-request-id', 'x-lark-request-timestamp', 'x-lark-signature', 'x-lark-request-nonce', 'x-forwarded-for'),
        headerText(30),
      ),
    ),
    { maxLength: 2 },
  ),
});

/**
 * Whether the plan is an untouched click or message sent as the bot's configuration expects it
 * (encrypted and validly signed with an Encrypt Key; plain with the token otherwise): the bot must take it (200).
 */
export function isPristine(plan: RequestPlan, secrets: 'encrypt key' | 'token only' | 'none'): boolean {
  if ((plan.payload.kind !== 'card' && plan.payload.kind !== 'message') || plan.mutation !== null) return false;
  if (secrets !== 'encrypt key') return plan.encoding.kind === 'plain' || plan.encoding.kind === 'bom';
  return (
    plan.encoding.kind === 'encrypted' &&
    plan.encoding.key === 'right' &&
    plan.timestamp.kind === 'fresh' &&
    plan.nonce !== null &&
    plan.nonce.trim() !== '' &&
    (plan.signing.kind === 'valid' || plan.signing.kind === 'valid_uppercase') &&
    !plan.extraHeaders.some(([name]) => name.startsWith('x-lark'))
  );
}

function v2(eventType: string, eventId: string, event: Record<string, unknown>, token: string): Record<string, unknown> {
  return {
    schema: '2.0',
    header: { event_id: eventId, token, create_time: '1772416800000', event_type: eventType, tenant_key: 'tk_1', app_id: 'cli_property' },
    event,
  };
}

async function buildPayload(plan: RequestPlan, world: LarkWorld): Promise<unknown> {
  const p = plan.payload;
  const token = world.verificationToken;
  switch (p.kind) {
    case 'card': {
      const caseId = world.caseIds[p.caseIndex % (world.caseIds.length + 1)] ?? 999_999;
      const current = await world.caseState(caseId);
      const state = current?.state ?? 'verifying';
      const buttons = pristineClicks[state] ?? [{ event: 'VERIFIED', operator: 'ou_officer' }];
      const button = buttons[p.pick % buttons.length]!;
      const value =
        p.click === 'event'
          ? { a: 'event', caseId, event: button.event, state: p.staleState ? 'planning' : state, v: current?.version ?? 0 }
          : { a: p.click, caseId };
      const form = Object.fromEntries(Object.entries(button.form ?? {}).map(([k, v]) => [`f_${button.event}__${k}`, v]));
      return v2(
        'card.action.trigger',
        plan.eventId,
        {
          operator: { tenant_key: 'tk_1', open_id: p.operator ?? button.operator, union_id: 'on_1' },
          token: 'c-update-token',
          action: { value, tag: 'button', name: `s_${button.event}`, form_value: form },
          host: 'im_message',
          context: { open_message_id: `om_${plan.eventId}`, open_chat_id: 'oc_work' },
        },
        token,
      );
    }
    case 'message':
      return v2(
        'im.message.receive_v1',
        plan.eventId,
        {
          sender: { sender_id: { open_id: p.sender, user_id: 'u1', union_id: 'on_1' }, sender_type: 'user', tenant_key: 'tk_1' },
          message: {
            message_id: `om_${plan.eventId}`,
            create_time: '1772416800000',
            chat_id: p.chatId,
            chat_type: p.chatType,
            message_type: 'text',
            content: JSON.stringify({ text: p.chatType === 'group' ? `@_user_1 ${p.text}` : p.text }),
            mentions: [{ key: '@_user_1', id: { open_id: 'ou_bot' }, name: '户户清', tenant_key: 'tk_1' }],
          },
        },
        token,
      );
    case 'bot_added':
      return v2(
        'im.chat.member.bot.added_v1',
        plan.eventId,
        { chat_id: p.chatId, operator_id: { open_id: p.operator, user_id: 'u9', union_id: 'on_9' }, external: false, name: '麒麟区督查组' },
        token,
      );
    case 'p2p_created':
      return {
        uuid: plan.eventId,
        ts: '1772416800.0',
        token,
        type: 'event_callback',
        event: {
          app_id: 'cli_property',
          chat_id: p.chatId,
          operator: { open_id: p.operator },
          tenant_key: 'tk_1',
          type: 'p2p_chat_create',
        },
      };
    case 'challenge':
      return { challenge: `c-${plan.eventId}`, token: p.rightToken ? token : 'wrong-token', type: 'url_verification' };
    case 'unknown_type':
      return v2(p.eventType, plan.eventId, { anything: true }, token);
    case 'json':
      return p.value;
  }
}

/** Replaces one value on a path of own keys (defineProperty, so "__proto__" stays a plain key). */
export function applyMutation(value: unknown, mutation: Mutation | null): unknown {
  if (mutation === null) return value;
  const copy = JSON.parse(JSON.stringify(value) ?? 'null') as unknown;
  if (typeof copy !== 'object' || copy === null) return mutation.value;
  let node = copy as Record<string, unknown>;
  for (let i = 0; i < mutation.path.length; i++) {
    const keys = Object.keys(node);
    if (keys.length === 0) break;
    const key = keys[(mutation.path[i] as number) % keys.length] as string;
    const child = node[key];
    if (i === mutation.path.length - 1 || typeof child !== 'object' || child === null) {
      Object.defineProperty(node, key, { value: mutation.value, enumerable: true, writable: true, configurable: true });
      break;
    }
    node = child as Record<string, unknown>;
  }
  return copy;
}

const utf8 = (text: string) => new TextEncoder().encode(text);

function encode(payload: unknown, e: Encoding, world: LarkWorld): Uint8Array {
  const json = JSON.stringify(payload) ?? 'null';
  switch (e.kind) {
    case 'plain':
      return utf8(json);
    case 'encrypted':
      return utf8(JSON.stringify({ encrypt: encryptLarkPayload(json, e.key === 'right' ? world.encryptKey : 'another key') }));
    case 'encrypt_value':
      return utf8(JSON.stringify({ encrypt: e.value }));
    case 'encrypted_tampered': {
      const sealed = encryptLarkPayload(json, world.encryptKey);
      const i = e.at % sealed.length;
      const swapped = sealed[i] === 'A' ? 'B' : 'A';
      return utf8(JSON.stringify({ encrypt: sealed.slice(0, i) + swapped + sealed.slice(i + 1) }));
    }
    case 'bom':
      return new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(json)]);
    case 'utf16':
      return new Uint8Array(Buffer.from(json, 'utf16le'));
    case 'bad_utf8': {
      const bytes = utf8(json);
      const i = e.at % (bytes.length + 1);
      return new Uint8Array([...bytes.subarray(0, i), e.byte, ...bytes.subarray(i)]);
    }
    case 'truncated': {
      const bytes = utf8(json);
      return bytes.subarray(0, e.at % Math.max(1, bytes.length));
    }
    case 'padded': {
      // Valid JSON: the payload inside an array padded with spaces to the size asked for.
      const body = utf8(`[${json}]`);
      const out = new Uint8Array(Math.max(body.length, e.bytes)).fill(0x20);
      out.set(body.subarray(0, body.length - 1), 0);
      out[out.length - 1] = 0x5d;
      return out;
    }
    case 'empty':
      return new Uint8Array(0);
    case 'random_bytes':
      return e.bytes;
    case 'deep':
      return utf8(
        `{"schema":"2.0","header":{"event_id":"deep","event_type":"card.action.trigger"},"event":${'['.repeat(e.levels)}${']'.repeat(e.levels)}}`,
      );
  }
}

export interface MaterializedRequest {
  body: Uint8Array;
  headers: Headers;
}

/** Bytes and headers of a plan, signed as the plan says (with the key only in the 'valid…' branches). */
export async function materialize(plan: RequestPlan, world: LarkWorld): Promise<MaterializedRequest> {
  const body = encode(applyMutation(await buildPayload(plan, world), plan.mutation), plan.encoding, world);
  const nowSeconds = Math.floor(world.now().getTime() / 1000);
  const t = plan.timestamp;
  const ts = t.kind === 'fresh' || t.kind === 'stale' ? String(nowSeconds + t.skew) : t.kind === 'text' ? t.value : '';
  const nonce = plan.nonce ?? '';
  const headers = new Headers();
  if (plan.contentType !== null) headers.set('content-type', plan.contentType);
  if (t.kind !== 'missing') headers.set('x-lark-request-timestamp', ts);
  if (plan.nonce !== null) headers.set('x-lark-request-nonce', nonce);
  // Signed over what the server will read: header values are trimmed by Headers.
  const tsSent = headers.get('x-lark-request-timestamp') ?? '';
  const nonceSent = headers.get('x-lark-request-nonce') ?? '';
  const valid = () => signLarkRequest(tsSent, nonceSent, world.encryptKey, body);
  const s = plan.signing;
  let signature: string | null;
  switch (s.kind) {
    case 'valid':
      signature = valid();
      break;
    case 'valid_uppercase':
      signature = valid().toUpperCase();
      break;
    case 'valid_other_body':
      signature = signLarkRequest(tsSent, nonceSent, world.encryptKey, utf8(`{"encrypt":"${encryptLarkPayload('{}', world.encryptKey)}"}`));
      break;
    case 'valid_other_nonce':
      signature = signLarkRequest(tsSent, `${nonceSent}x`, world.encryptKey, body);
      break;
    case 'valid_wrong_key':
      signature = signLarkRequest(tsSent, nonceSent, `${world.encryptKey} `, body);
      break;
    case 'truncated':
      signature = valid().slice(1);
      break;
    case 'garbage':
      signature = s.value;
      break;
    case 'missing':
      signature = null;
      break;
    case 'duplicated':
      signature = valid();
      break;
  }
  if (signature !== null) headers.set('x-lark-signature', signature);
  if (s.kind === 'duplicated') headers.append('x-lark-signature', signature ?? '');
  for (const [name, value] of plan.extraHeaders) headers.append(name, value);
  return { body, headers };
}
