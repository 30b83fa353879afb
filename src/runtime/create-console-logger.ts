// Workers: one JSON line per log call on the console (Workers Logs / `wrangler tail` pick it up),
// with the same redaction by key as pino on Node. pino itself is Node-only.
import type { Logger } from '../core/logger.ts';
import { redactedKeys } from './redacted-keys.ts';

const levels = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;
const hidden = new Set(redactedKeys);

export function createConsoleLogger(level: string, write: (line: string) => void = (line) => console.log(line)): Logger {
  const min = Math.max(0, levels.indexOf(level as (typeof levels)[number]));
  const log = (name: 'debug' | 'info' | 'warn' | 'error') => (fields: Record<string, unknown>, message: string) => {
    if (levels.indexOf(name) < min) return;
    write(JSON.stringify({ level: name, msg: message, ...redact(fields) }));
  };
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}

function redact(value: Record<string, unknown>, depth = 0): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (hidden.has(k)) out[k] = '[已隐藏]';
    else if (depth === 0 && v !== null && typeof v === 'object' && !Array.isArray(v)) out[k] = redact(v as Record<string, unknown>, 1);
    else out[k] = v;
  }
  return out;
}
