// pino on Node, with secrets redacted by key wherever they appear in log fields.
import pino from 'pino';
import type { Logger } from '../core/logger.ts';

export const redactedKeys = [
  'appSecret',
  'app_secret',
  'encryptKey',
  'encrypt_key',
  'verificationToken',
  'tenant_access_token',
  'token',
  'authorization',
  'adminToken',
  'idNumber',
  'phone',
  'mobile',
];

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  const paths = redactedKeys.flatMap((k) => [k, `*.${k}`]);
  return pino({ level, base: undefined, redact: { paths, censor: '[已隐藏]' } }, destination ?? pino.destination(2));
}
