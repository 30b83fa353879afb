// Verifies one inbound Lark request (event or callback) from its raw bytes: parse, decrypt, answer
// the url_verification challenge, then check the signature (with an encrypt key) or the
// verification token (without). Pure: the clock is a parameter, nothing is thrown or logged.
// Order and rules: lark-platform.md §1.2 (challenge first), §1.3 (AES), §1.4 (signature), §7.
import { decryptLarkPayload, sameSecret, signLarkRequest } from '../lark-crypto.ts';
import { isRecord, own, type JsonRecord } from './json-guards.ts';

export type LarkRefusalCode =
  'malformed_json' | 'undecryptable' | 'signature_missing' | 'signature_invalid' | 'timestamp_stale' | 'token_invalid' | 'not_an_object';

export type LarkVerification =
  | { ok: true; payload: unknown; kind: 'challenge' | 'event' }
  | { ok: false; status: 400 | 401 | 403; code: LarkRefusalCode; message: string };

export interface LarkRequestInput {
  rawBody: Uint8Array;
  headers: Record<string, string | undefined>;
  encryptKey?: string | undefined;
  verificationToken?: string | undefined;
  now: Date;
  toleranceSeconds?: number;
}

type Refusal = Extract<LarkVerification, { ok: false }>;

const refuse = (status: Refusal['status'], code: LarkRefusalCode, message: string): Refusal => ({ ok: false, status, code, message });

const messages = {
  malformed: '请求体不是合法的 JSON：请确认请求来自飞书开放平台（Content-Type: application/json）',
  notObject: '请求体须为 JSON 对象：请确认请求来自飞书开放平台',
  encryptNotString: '请求体的 encrypt 字段须为字符串：请确认请求来自飞书开放平台',
  noKey: '收到加密事件，但未设置 LARK_ENCRYPT_KEY：请从开发者后台「事件与回调」→「加密策略」复制 Encrypt Key',
  undecryptable: '无法解密事件：请检查 LARK_ENCRYPT_KEY 是否与开发者后台「加密策略」中的 Encrypt Key 一致',
  challengeToken: 'URL 校验的 Verification Token 不符：请检查 LARK_VERIFICATION_TOKEN 是否与开发者后台「加密策略」一致',
  challengeMissing: 'URL 校验请求缺少 challenge 字符串：请确认请求来自飞书开放平台',
  signatureMissing:
    '缺少签名请求头（X-Lark-Request-Timestamp / X-Lark-Request-Nonce / X-Lark-Signature）：已设置 LARK_ENCRYPT_KEY 时只接受飞书签名的请求',
  stale: (tolerance: number) => `请求时间戳不在当前时间前后 ${tolerance} 秒内：可能是重放的旧请求，或本机时钟不准（请校准服务器时间）`,
  signatureInvalid: '签名不符：请检查 LARK_ENCRYPT_KEY 是否与开发者后台「加密策略」一致',
  tokenInvalid: 'Verification Token 不符：请检查 LARK_VERIFICATION_TOKEN 是否与开发者后台「加密策略」一致',
};

export function verifyLarkRequest(input: LarkRequestInput): LarkVerification {
  const { rawBody, headers, encryptKey, verificationToken, now, toleranceSeconds = 300 } = input;
  const outer = parseJson(rawBody);
  if (outer === undefined) return refuse(400, 'malformed_json', messages.malformed);
  if (!isRecord(outer)) return refuse(400, 'not_an_object', messages.notObject);

  let payload: JsonRecord = outer;
  if (Object.prototype.hasOwnProperty.call(outer, 'encrypt')) {
    const opened = openEncrypted(outer.encrypt, encryptKey);
    if (!opened.ok) return opened;
    payload = opened.payload;
  }

  // Encrypted challenges arrive without signature headers (§1.2): answer them first, token permitting.
  if (own(payload, 'type') === 'url_verification') {
    const token = own(payload, 'token');
    if (verificationToken && !(typeof token === 'string' && sameSecret(token, verificationToken))) {
      return refuse(403, 'token_invalid', messages.challengeToken);
    }
    if (typeof own(payload, 'challenge') !== 'string') return refuse(400, 'malformed_json', messages.challengeMissing);
    return { ok: true, payload, kind: 'challenge' };
  }

  if (encryptKey) {
    const refusal = checkSignature(rawBody, headers, encryptKey, now, toleranceSeconds);
    if (refusal) return refusal;
  } else if (verificationToken) {
    const token = own(own(payload, 'header'), 'token') ?? own(payload, 'token');
    if (!(typeof token === 'string' && sameSecret(token, verificationToken))) return refuse(403, 'token_invalid', messages.tokenInvalid);
  }
  return { ok: true, payload, kind: 'event' };
}

function parseJson(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) as unknown;
  } catch {
    return undefined;
  }
}

function openEncrypted(encrypted: unknown, encryptKey: string | undefined): { ok: true; payload: JsonRecord } | Refusal {
  if (typeof encrypted !== 'string') return refuse(400, 'undecryptable', messages.encryptNotString);
  if (!encryptKey) return refuse(400, 'undecryptable', messages.noKey);
  let plaintext: string;
  try {
    plaintext = decryptLarkPayload(encrypted, encryptKey);
  } catch {
    return refuse(400, 'undecryptable', messages.undecryptable);
  }
  const inner = parseJson(new TextEncoder().encode(plaintext));
  if (inner === undefined) return refuse(400, 'undecryptable', messages.undecryptable);
  if (!isRecord(inner)) return refuse(400, 'not_an_object', messages.notObject);
  return { ok: true, payload: inner };
}

function header(headers: Record<string, string | undefined>, name: string): string | undefined {
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === name && typeof value === 'string' && value.length > 0) return value;
  }
  return undefined;
}

function checkSignature(
  rawBody: Uint8Array,
  headers: Record<string, string | undefined>,
  encryptKey: string,
  now: Date,
  toleranceSeconds: number,
): Refusal | undefined {
  const timestamp = header(headers, 'x-lark-request-timestamp');
  const nonce = header(headers, 'x-lark-request-nonce');
  const signature = header(headers, 'x-lark-signature');
  if (!timestamp || !nonce || !signature) return refuse(401, 'signature_missing', messages.signatureMissing);
  // Seconds since the epoch (lark-platform.md §8: the unit is presumed, not documented).
  const seconds = /^\d{1,12}$/.test(timestamp) ? Number(timestamp) : Number.NaN;
  if (!(Math.abs(now.getTime() / 1000 - seconds) <= toleranceSeconds))
    return refuse(403, 'timestamp_stale', messages.stale(toleranceSeconds));
  const expected = signLarkRequest(timestamp, nonce, encryptKey, rawBody);
  if (!sameSecret(expected, signature.toLowerCase())) return refuse(401, 'signature_invalid', messages.signatureInvalid);
  return undefined;
}
