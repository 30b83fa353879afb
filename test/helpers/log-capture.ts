// Every log line of a run, kept in memory: the product's own pino logger (createLogger, with its
// redaction) writing to a memory stream at the most verbose level, and whatever reaches the console.
import { format } from 'node:util';
import { vi } from 'vitest';
import type { Logger } from '../../src/core/logger.ts';
import { createLogger } from '../../src/runtime/create-logger.ts';

export interface LogCapture {
  logger: Logger;
  /** pino's JSON lines, in order. */
  lines: string[];
  /** console.* calls while capturing, formatted as Node prints them. */
  consoleLines: string[];
  /** Stops capturing the console (the pino stream keeps collecting). */
  restore(): void;
}

export function captureLogs(level = 'trace'): LogCapture {
  const lines: string[] = [];
  const consoleLines: string[] = [];
  let partial = '';
  const logger = createLogger(level, {
    write(chunk: string) {
      const text = partial + chunk;
      const parts = text.split('\n');
      partial = parts.pop() ?? '';
      lines.push(...parts.filter((l) => l !== ''));
    },
  });
  const spies = (['log', 'info', 'warn', 'error', 'debug', 'trace'] as const).map((method) =>
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => void consoleLines.push(`console.${method} ${format(...args)}`)),
  );
  return { logger, lines, consoleLines, restore: () => spies.forEach((s) => s.mockRestore()) };
}
