// Shared by the HTTP benchmarks: start bench/callback-server.ts in its own process, and drive it with
// autocannon, at a fixed rate or at the maximum, from this one.
import { spawn, type ChildProcess } from 'node:child_process';
import autocannon from 'autocannon';

export interface SignedRequest {
  body: string;
  headers: Record<string, string>;
}

export interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  /** 2xx answers. */
  acked: number;
}

export interface StartedServer {
  url: string;
  child: ChildProcess;
  /** The product's SQLite file (product mode). */
  dbFile?: string;
}

/** `args`: bench/callback-server.ts's arguments (mode, bodies file, count, kind). */
export function startServer(args: string[]): Promise<StartedServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/callback-server.ts', ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += d;
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line) resolve({ ...(JSON.parse(line) as { url: string; dbFile?: string }), child });
    });
    child.on('exit', (code) => reject(new Error(`${args[0]} server exited with ${code}`)));
  });
}

/**
 * `requests` in turn, each once at most per run. `onAck(i)`: request i was answered 2xx (each
 * connection has one request in flight, so the connection's context knows which one it was).
 */
export async function load(
  url: string,
  requests: SignedRequest[],
  options: {
    seconds: number;
    overallRate?: number;
    /** Stop after this many requests (before `seconds` if the server is fast): each request sent once at most. */
    amount?: number;
    onAck?: (index: number) => void;
  },
): Promise<LoadResult> {
  let i = 0;
  const { overallRate } = options;
  // At a fixed rate, few connections: autocannon starts every connection's timer together, so 20
  // connections at 40/s would arrive as bursts of 20 (measuring the burst, not the rate).
  const connections = overallRate ? Math.max(1, Math.ceil(overallRate / 50)) : 20;
  const r = await autocannon({
    url,
    method: 'POST',
    connections,
    duration: options.seconds,
    ...(overallRate ? { overallRate } : {}),
    ...(options.amount ? { amount: options.amount } : {}),
    requests: [
      {
        setupRequest: (req, context) => {
          const index = i++;
          (context as { index?: number }).index = index;
          const next = requests[index % requests.length]!;
          return { ...req, method: 'POST', body: next.body, headers: next.headers };
        },
        onResponse: (status, _body, context) => {
          if (status >= 200 && status < 300) options.onAck?.((context as { index: number }).index);
        },
      },
    ],
  });
  return {
    // Requests over the run's own length (a run stopped by `amount` ends early; a per-second
    // average would count its last, partial second as a slow one).
    rps: r.duration > 0 ? r.requests.total / r.duration : r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    errors: r.errors + r.timeouts,
    non2xx: r.non2xx,
    acked: r['2xx'],
  };
}
