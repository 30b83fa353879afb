// pino on Node, with secrets redacted by key wherever they appear in log fields.
import pino from 'pino';
import type { Logger } from '../core/logger.ts';
import { redactedKeys } from './redacted-keys.ts';

export { redactedKeys };

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  const paths = redactedKeys.flatMap((k) => [k, `*.${k}`]);
  return pino({ level, base: undefined, redact: { paths, censor: '[已隐藏]' } }, destination ?? pino.destination(2));
}
