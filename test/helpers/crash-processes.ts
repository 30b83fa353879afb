// Real `huhuqing` processes for crash tests: the server (`serve`) and the scheduler (`tick`), each
// one child process (the bin runs the CLI in-process: nothing below it), killed with SIGKILL as a
// power cut would, or stopped with SIGTERM. They stay in the test's process group, so a Ctrl-C
// reaches them too. Every process started here is remembered until it exits, so `killAllChildren()`
// in afterAll leaves nothing running even when a test fails half-way.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const bin = path.resolve('bin/huhuqing.mjs');
const live = new Set<HuhuqingProcess>();
// Should the test process end without its afterAll (killed, crashed), its children go with it.
process.once('exit', () => {
  for (const p of live) if (p.child.pid !== undefined) tryKill(p.child.pid, 'SIGKILL');
});

function tryKill(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    // already gone
  }
}

export interface HuhuqingProcess {
  name: string;
  child: ChildProcess;
  /** stdout and stderr so far (the last 256 KB). */
  output(): string;
  /** Resolves with the exit code (null after a signal). */
  exited: Promise<number | null>;
  alive(): boolean;
  /** CPU seconds used so far (Linux /proc; 0 elsewhere or once it has exited). */
  cpuSeconds(): number;
  /** SIGKILL; resolves once it is gone. */
  kill(): Promise<void>;
  /** SIGTERM (a graceful stop); resolves with the exit code. */
  stop(): Promise<number | null>;
}

export function spawnHuhuqing(
  name: string,
  args: string[],
  env: Record<string, string>,
  cwd: string,
  nodeArgs: string[] = [],
): HuhuqingProcess {
  const child = spawn(process.execPath, [...nodeArgs, bin, ...args], {
    cwd,
    env: { PATH: process.env.PATH ?? '', HOME: cwd, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const append = (d: Buffer) => {
    out += d.toString();
    if (out.length > 256 * 1024) out = out.slice(-256 * 1024);
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  let running = true;
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => {
      running = false;
      live.delete(proc);
      resolve(code);
    }),
  );
  const signal = (sig: NodeJS.Signals) => {
    if (running && child.pid !== undefined) tryKill(child.pid, sig);
  };
  const proc: HuhuqingProcess = {
    name,
    child,
    output: () => out,
    exited,
    alive: () => running,
    cpuSeconds: () => (running && child.pid !== undefined ? cpuSecondsOf(child.pid) : 0),
    kill: async () => {
      signal('SIGKILL');
      await exited;
    },
    stop: async () => {
      signal('SIGTERM');
      return exited;
    },
  };
  live.add(proc);
  return proc;
}

function cpuSecondsOf(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, in clock ticks (USER_HZ 100)
  } catch {
    return 0;
  }
}

/** Starts `huhuqing serve` and waits for its address (PORT=0: a free port each time). */
export async function startServer(
  name: string,
  env: Record<string, string>,
  cwd: string,
  options: { timeoutMs?: number; nodeArgs?: string[] } = {},
): Promise<{ proc: HuhuqingProcess; url: string }> {
  const proc = spawnHuhuqing(name, ['serve'], env, cwd, options.nodeArgs);
  const timeoutMs = options.timeoutMs ?? 120_000;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const url = /户户清已启动：(http:\/\/\S+)/.exec(proc.output())?.[1];
    if (url) return { proc, url };
    if (!proc.alive() || Date.now() > deadline) {
      await proc.kill();
      throw new Error(`${name} did not start:\n${proc.output().slice(-4000)}`);
    }
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** For afterAll: SIGKILL to every process started here that is still running. */
export async function killAllChildren(): Promise<void> {
  await Promise.all([...live].map((p) => p.kill()));
}
