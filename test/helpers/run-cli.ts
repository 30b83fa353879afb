// Runs the huhuqing CLI in process and captures what it prints (stdout and stderr lines).
import { vi } from 'vitest';
import { main } from '../../src/cli/main.ts';

export function cliRunner(): { run: (...args: string[]) => Promise<number>; output: () => string[] } {
  let out: string[] = [];
  const run = async (...args: string[]) => {
    out = [];
    const log = vi.spyOn(console, 'log').mockImplementation((...a) => void out.push(a.join(' ')));
    const err = vi.spyOn(console, 'error').mockImplementation((...a) => void out.push(a.join(' ')));
    try {
      return await main(['node', 'huhuqing', ...args]);
    } finally {
      log.mockRestore();
      err.mockRestore();
    }
  };
  return { run, output: () => out };
}
