import * as lark from '@larksuiteoapi/node-sdk';
import { describe, expect, it } from 'vitest';
import { decryptLarkPayload, encryptLarkPayload, sameSecret, signLarkRequest } from '../../src/lark/lark-crypto.ts';

describe('Lark event crypto (lark-platform.md §1.3–1.4 vectors)', () => {
  it('decrypts the official vector: "test key" → hello world', () => {
    expect(decryptLarkPayload('P37w+VZImNgPEO1RBhJ6RtKl7n6zymIbEG1pReEzghk=', 'test key')).toBe('hello world');
  });

  it('encrypts the JSON vector byte for byte with its fixed IV', () => {
    const iv = Buffer.from('000102030405060708090a0b0c0d0e0f', 'hex');
    const plaintext = '{"challenge":"ch-1","token":"vtoken123","type":"url_verification"}';
    expect(encryptLarkPayload(plaintext, 'test key', iv)).toBe(
      'AAECAwQFBgcICQoLDA0OD9f9wT+9irvSOo90S3ts0qZEtdpF6/9dZrOgpbbyPwlfqa4dzMjkSBuBrj9uHeKcZl13aGXeaPCaVgKIBl/yUjXp7DVVqMT+hCVvVjsnzUBh',
    );
  });

  it('agrees with the SDK’s own AESCipher in both directions', () => {
    const cipher = new lark.AESCipher('another key');
    const ours = encryptLarkPayload('{"中文":"户户清"}', 'another key');
    expect(cipher.decrypt(ours)).toBe('{"中文":"户户清"}');
    const theirs = encryptLarkPayload('round trip', 'another key');
    expect(decryptLarkPayload(theirs, 'another key')).toBe(cipher.decrypt(theirs));
  });

  it('signs the raw body as documented (SHA-256 of timestamp + nonce + key + body)', () => {
    expect(signLarkRequest('1700000000', 'abc', 'test key', '{"encrypt":"P37w+VZImNgPEO1RBhJ6RtKl7n6zymIbEG1pReEzghk="}')).toBe(
      '0c09d96c2aef2ad08179b3967ea410bbc91dab24ce3aec05af962cf1935844af',
    );
    const body =
      '{"encrypt":"AAECAwQFBgcICQoLDA0OD9f9wT+9irvSOo90S3ts0qZEtdpF6/9dZrOgpbbyPwlfqa4dzMjkSBuBrj9uHeKcZl13aGXeaPCaVgKIBl/yUjXp7DVVqMT+hCVvVjsnzUBh"}';
    expect(signLarkRequest('1700000000', 'abc', 'test key', Buffer.from(body))).toBe(
      'cd4550305cbcec67cf27d8b522abcd7dec63dbcbf43fa4caf125973a8aecae7a',
    );
  });

  it('refuses a wrong key, a truncated payload and garbage', () => {
    expect(() => decryptLarkPayload('P37w+VZImNgPEO1RBhJ6RtKl7n6zymIbEG1pReEzghk=', 'wrong key')).toThrow();
    expect(() => decryptLarkPayload('P37w+VZImNgPEO1RBhJ6', 'test key')).toThrow();
    expect(() => decryptLarkPayload('!!!not base64!!!', 'test key')).toThrow();
    expect(sameSecret('abc', 'abc')).toBe(true);
    expect(sameSecret('abc', 'abd')).toBe(false);
    expect(sameSecret('abc', 'abcd')).toBe(false);
  });
});
