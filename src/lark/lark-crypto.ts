// Lark's event security, both directions (the bot verifies and decrypts; the simulator signs and
// encrypts): AES-256-CBC with key = SHA-256(encrypt key), a random 16-byte IV prepended, base64;
// signature = hex SHA-256(timestamp + nonce + encrypt key + raw body bytes) — a plain hash, not an HMAC.
// See lark-platform.md §1.3–1.4. Uses Web Crypto-free node:crypto; the Workers build gets nodejs_compat.
import { createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from 'node:crypto';

function aesKey(encryptKey: string): Buffer {
  return createHash('sha256').update(encryptKey, 'utf8').digest();
}

/** Decrypts an `encrypt` value; throws on bad base64, bad length or bad PKCS7 padding. */
export function decryptLarkPayload(encrypted: string, encryptKey: string): string {
  const bytes = Buffer.from(encrypted, 'base64');
  if (bytes.length < 32 || bytes.length % 16 !== 0) throw new Error('encrypted payload has an invalid length');
  const decipher = createDecipheriv('aes-256-cbc', aesKey(encryptKey), bytes.subarray(0, 16));
  return Buffer.concat([decipher.update(bytes.subarray(16)), decipher.final()]).toString('utf8');
}

/** Encrypts as Lark does; `iv` is random unless given (tests use fixed vectors). */
export function encryptLarkPayload(plaintext: string, encryptKey: string, iv: Buffer = randomBytes(16)): string {
  const cipher = createCipheriv('aes-256-cbc', aesKey(encryptKey), iv);
  return Buffer.concat([iv, cipher.update(plaintext, 'utf8'), cipher.final()]).toString('base64');
}

/** X-Lark-Signature over the raw body bytes exactly as received. */
export function signLarkRequest(timestamp: string, nonce: string, encryptKey: string, rawBody: Uint8Array | string): string {
  return createHash('sha256')
    .update(Buffer.from(timestamp + nonce + encryptKey, 'utf8'))
    .update(typeof rawBody === 'string' ? Buffer.from(rawBody, 'utf8') : rawBody)
    .digest('hex');
}

/** Constant-time comparison of two hex signatures (or tokens). */
export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}
