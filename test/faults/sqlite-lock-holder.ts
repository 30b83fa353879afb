// Another process holding SQLite's write lock, as a second huhuqing process (a long import, a stuck
// command) or any other program would: better-sqlite3 in a child `node`, told over stdin when to
// BEGIN IMMEDIATE / EXCLUSIVE and when to let go. A separate process because better-sqlite3 waits
// for a lock synchronously: a holder in this process could never release while we wait on it.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

const script = `
const Database = require('better-sqlite3');
const db = new Database(process.argv[1], { fileMustExist: true });
const rl = require('node:readline').createInterface({ input: process.stdin });
rl.on('line', (line) => {
  try {
    if (line === 'lock immediate') db.exec('BEGIN IMMEDIATE');
    else if (line === 'lock exclusive') db.exec('BEGIN EXCLUSIVE');
    else if (line === 'unlock') db.exec('ROLLBACK');
    else if (line === 'quit') { db.close(); process.exit(0); }
    console.log('ok ' + line);
  } catch (e) {
    console.log('error ' + line + ': ' + e.code);
  }
});
console.log('ready');
`;

export interface LockHolder {
  /** Takes the write lock (another process may still read, in WAL mode); resolves once it is held. */
  lock(mode?: 'immediate' | 'exclusive'): Promise<void>;
  unlock(): Promise<void>;
  close(): Promise<void>;
}

export async function startLockHolder(file: string): Promise<LockHolder> {
  const child: ChildProcess = spawn(process.execPath, ['-e', script, file], {
    cwd: process.cwd(),
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout! });
  const waiting: ((line: string) => void)[] = [];
  lines.on('line', (line) => waiting.shift()?.(line));
  const next = () => new Promise<string>((resolve) => waiting.push(resolve));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const send = async (command: string) => {
    const answer = next();
    child.stdin!.write(`${command}\n`);
    const line = await answer;
    if (line !== `ok ${command}`) throw new Error(`lock holder: ${line}`);
  };
  if ((await next()) !== 'ready') throw new Error('lock holder did not start');
  return {
    lock: (mode = 'immediate') => send(`lock ${mode}`),
    unlock: () => send('unlock'),
    close: async () => {
      if (child.exitCode === null) child.stdin!.write('quit\n');
      await exited;
    },
  };
}
