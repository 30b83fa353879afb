import { describe, expect, it } from 'vitest';
import { signLarkRequest } from '../../src/lark/lark-crypto.ts';
import { verifyLarkRequest, type LarkRequestInput } from '../../src/lark/inbound/verify-lark-request.ts';
import { ENCRYPT_KEY, NOW, VERIFICATION_TOKEN, encryptedSigned, messageEvent } from './lark-event-fixtures.ts';

const bytes = (text: string) => new TextEncoder().encode(text);
const verify = (body: string, headers: Record<string, string | undefined>, rest: Partial<LarkRequestInput> = {}) =>
  verifyLarkRequest({ rawBody: bytes(body), headers, now: NOW, ...rest });

// The JSON vector of lark-platform.md §1.3: key "test key", fixed IV, a url_verification inside.
const VECTOR_BODY =
  '{"encrypt":"AAECAwQFBgcICQoLDA0OD9f9wT+9irvSOo90S3ts0qZEtdpF6/9dZrOgpbbyPwlfqa4dzMjkSBuBrj9uHeKcZl13aGXeaPCaVgKIBl/yUjXp7DVVqMT+hCVvVjsnzUBh"}';

describe('verifyLarkRequest', () => {
  it('answers the documented encrypted challenge vector without any signature header', () => {
    const result = verify(VECTOR_BODY, {}, { encryptKey: ENCRYPT_KEY, verificationToken: VERIFICATION_TOKEN });
    expect(result).toEqual({ ok: true, kind: 'challenge', payload: { challenge: 'ch-1', token: 'vtoken123', type: 'url_verification' } });
  });

  it('refuses the encrypted challenge when its token is not ours (403 token_invalid)', () => {
    const result = verify(VECTOR_BODY, {}, { encryptKey: ENCRYPT_KEY, verificationToken: 'another-token' });
    expect(result).toMatchObject({ ok: false, status: 403, code: 'token_invalid' });
  });

  it('answers a plain challenge, and checks its token when one is configured', () => {
    const body = JSON.stringify({ challenge: 'c-9', token: VERIFICATION_TOKEN, type: 'url_verification' });
    expect(verify(body, {}, { verificationToken: VERIFICATION_TOKEN })).toMatchObject({ ok: true, kind: 'challenge' });
    expect(verify(body, {}, {})).toMatchObject({ ok: true, kind: 'challenge' });
    expect(verify(body, {}, { verificationToken: 'nope' })).toMatchObject({ ok: false, status: 403, code: 'token_invalid' });
  });

  it('accepts an event encrypted and signed over the raw bytes, and returns it decrypted', () => {
    const request = encryptedSigned(messageEvent());
    const result = verify(request.body, request.headers, { encryptKey: ENCRYPT_KEY });
    expect(result).toEqual({ ok: true, kind: 'event', payload: messageEvent() });
  });

  it('checks the signature on the raw bytes, not a re-serialised body (extra whitespace still verifies)', () => {
    const body = '{ "encrypt" : ' + JSON.stringify(JSON.parse(encryptedSigned(messageEvent()).body).encrypt) + ' }';
    const headers = {
      'X-Lark-Request-Timestamp': '1772416800',
      'X-Lark-Request-Nonce': 'n',
      'X-Lark-Signature': signLarkRequest('1772416800', 'n', ENCRYPT_KEY, body),
    };
    expect(verify(body, headers, { encryptKey: ENCRYPT_KEY })).toMatchObject({ ok: true, kind: 'event' });
  });

  it('refuses a forged signature (401) and missing headers (401)', () => {
    const request = encryptedSigned(messageEvent());
    const forged = { ...request.headers, 'x-lark-signature': 'f'.repeat(64) };
    expect(verify(request.body, forged, { encryptKey: ENCRYPT_KEY })).toMatchObject({ status: 401, code: 'signature_invalid' });
    const signedByOther = encryptedSigned(messageEvent(), { key: 'other key' });
    expect(verify(request.body, signedByOther.headers, { encryptKey: ENCRYPT_KEY })).toMatchObject({
      status: 401,
      code: 'signature_invalid',
    });
    for (const drop of ['x-lark-request-timestamp', 'x-lark-request-nonce', 'x-lark-signature']) {
      const headers: Record<string, string | undefined> = { ...request.headers, [drop]: undefined };
      const result = verify(request.body, headers, { encryptKey: ENCRYPT_KEY });
      expect(result).toMatchObject({ ok: false, status: 401, code: 'signature_missing' });
    }
  });

  it('refuses timestamps more than 5 minutes from now in either direction (403), accepts the edge', () => {
    const at = (offsetSeconds: number) => encryptedSigned(messageEvent(), { timestamp: String(NOW.getTime() / 1000 + offsetSeconds) });
    for (const offset of [-301, 301, -86_400]) {
      const request = at(offset);
      expect(verify(request.body, request.headers, { encryptKey: ENCRYPT_KEY })).toMatchObject({ status: 403, code: 'timestamp_stale' });
    }
    for (const offset of [-300, 0, 300]) {
      const request = at(offset);
      expect(verify(request.body, request.headers, { encryptKey: ENCRYPT_KEY })).toMatchObject({ ok: true });
    }
    const garbage = encryptedSigned(messageEvent(), { timestamp: '17e8' });
    expect(verify(garbage.body, garbage.headers, { encryptKey: ENCRYPT_KEY })).toMatchObject({ status: 403, code: 'timestamp_stale' });
  });

  it('without an encrypt key compares header.token (v2) and token (v1) with the verification token', () => {
    const good = JSON.stringify(messageEvent());
    expect(verify(good, {}, { verificationToken: VERIFICATION_TOKEN })).toMatchObject({ ok: true, kind: 'event' });
    const forged = JSON.stringify({ ...messageEvent(), header: { event_id: 'e', event_type: 'im.message.receive_v1', token: 'guess' } });
    const result = verify(forged, {}, { verificationToken: VERIFICATION_TOKEN });
    expect(result).toMatchObject({ ok: false, status: 403, code: 'token_invalid' });
    expect(result.ok ? '' : result.message).toContain('LARK_VERIFICATION_TOKEN');
    expect(
      verify(JSON.stringify({ uuid: 'u', token: VERIFICATION_TOKEN, event: {} }), {}, { verificationToken: VERIFICATION_TOKEN }),
    ).toMatchObject({ ok: true });
    expect(verify(JSON.stringify({ uuid: 'u', event: {} }), {}, { verificationToken: VERIFICATION_TOKEN })).toMatchObject({ status: 403 });
  });

  it('accepts anything well-formed when neither secret is configured (the keyless sandbox)', () => {
    expect(verify(JSON.stringify(messageEvent()), {})).toMatchObject({ ok: true, kind: 'event' });
  });

  it('answers malformed, non-object and undecryptable bodies with 400 and says what to check', () => {
    expect(verify('{"schema":', {})).toMatchObject({ status: 400, code: 'malformed_json' });
    expect(verify('', {})).toMatchObject({ status: 400, code: 'malformed_json' });
    expect(verifyLarkRequest({ rawBody: new Uint8Array([0x7b, 0xff, 0x7d]), headers: {}, now: NOW })).toMatchObject({
      code: 'malformed_json',
    });
    for (const body of ['[]', '"x"', '42', 'null', 'true']) expect(verify(body, {})).toMatchObject({ status: 400, code: 'not_an_object' });
    const wrongKey = verify(VECTOR_BODY, {}, { encryptKey: 'wrong key' });
    expect(wrongKey).toMatchObject({ status: 400, code: 'undecryptable' });
    expect(wrongKey.ok ? '' : wrongKey.message).toContain('LARK_ENCRYPT_KEY');
    expect(verify('{"encrypt":"P37w+VZImNgPEO1RBhJ6RtKl7n6zymIbEG1pReEzghk="}', {}, { encryptKey: ENCRYPT_KEY })).toMatchObject({
      code: 'undecryptable', // decrypts to "hello world": not JSON
    });
    expect(verify(VECTOR_BODY, {})).toMatchObject({ status: 400, code: 'undecryptable' }); // no key configured
    for (const encrypt of [42, null, ['a'], { a: 1 }]) {
      expect(verify(JSON.stringify({ encrypt }), {}, { encryptKey: ENCRYPT_KEY })).toMatchObject({ status: 400, code: 'undecryptable' });
    }
  });
});
