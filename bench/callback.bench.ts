// Card-callback benchmark: signed, encrypted card.action.trigger callbacks (authorised, transitioned,
// persisted, answered with a card) against a bare Hono route and the SDK's adaptDefault dispatcher
// decrypting the same payloads — each server in its own process, the load from this one (autocannon).
// Usage: npm run bench:callback -- [--seconds 10] [--rate 500]
import { mkdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { load, startServer, type LoadResult, type SignedRequest } from './load-server.ts';
import { writeResultsSection } from './write-results.ts';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return Number(i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback);
};
const seconds = arg('seconds', '10');
const rate = arg('rate', '500');
mkdirSync('bench/out', { recursive: true });
const bodiesFile = path.resolve('bench/out/callbacks.json');
type Result = LoadResult;
/** Unique callbacks reserved for the maximum run: more than the product answers in `seconds`, so none repeats. */
const maxRunEvents = 3000 * seconds;

/** CPU seconds (user + system) the server process has used so far, from /proc (Linux). */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

const results: Record<string, { fixed: Result; max: Result; cpuMsPerRequest: number }> = {};
for (const mode of ['product', 'bare', 'sdk']) {
  const { url, child } = await startServer([mode, bodiesFile, String(Math.ceil(rate * seconds * 1.2) + maxRunEvents), 'card']);
  const requests = JSON.parse(readFileSync(bodiesFile, 'utf8')) as SignedRequest[];
  // Fixed rate first, then the maximum, each with event ids never sent before (a repeated id is
  // answered as a duplicate without work, which would flatter the figures).
  const half = Math.ceil(rate * seconds * 1.2);
  const fixed = await load(url, requests.slice(0, half), { seconds, overallRate: rate });
  const cpuBefore = cpuSeconds(child.pid!);
  const max = await load(url, requests.slice(half), { seconds });
  // The server's own CPU per answered request at the maximum: steadier than rates on a shared machine.
  const cpuMsPerRequest = ((cpuSeconds(child.pid!) - cpuBefore) * 1000) / Math.max(1, max.acked + max.non2xx);
  // A repeated event id is a duplicate (answered without work): the product must never see one.
  if (mode === 'product' && max.acked + max.non2xx + max.errors > requests.length - half)
    throw new Error(`max run sent ${max.acked + max.non2xx} callbacks but only ${requests.length - half} are unique: raise maxRunEvents`);
  results[mode] = { fixed, max, cpuMsPerRequest };
  child.kill();
  console.log(mode, JSON.stringify(results[mode]));
}

const p = results.product!;
const b = results.bare!;
const s = results.sdk!;
const row = (name: string, r: { fixed: Result; max: Result; cpuMsPerRequest: number }) =>
  `| ${name} | ${Math.round(r.fixed.rps)} | ${r.fixed.p50} | ${r.fixed.p99} | ${r.fixed.non2xx + r.fixed.errors} | ${Math.round(r.max.rps)} | ${r.max.p99} | ${r.cpuMsPerRequest.toFixed(2)} |`;
const body = [
  `Measured ${new Date().toISOString().slice(0, 10)} on ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}; \`npm run bench:callback\` (autocannon: fixed rate with one connection per 50 req/s, maximum with 20 connections; ${seconds} s per run; each server in its own process).`,
  '',
  `| target | at ${rate}/s: achieved req/s | p50 ms | p99 ms | non-2xx + errors | max req/s | p99 ms at max | server CPU ms per request at max |`,
  '|---|---:|---:|---:|---:|---:|---:|---:|',
  row('huhuqing /lark/events: verify, decrypt, dedupe row, authorise, XState transition, persist, audit, card', p),
  row('bare Hono route (baseline)', b),
  row('SDK adaptDefault + EventDispatcher, same payloads (decrypt, re-serialised hash, toast only)', s),
  '',
  `Throughput ratio to the bare route: **${(p.max.rps / b.max.rps).toFixed(2)}** (goal ≥ 0.25: ${p.max.rps / b.max.rps >= 0.25 ? 'met' : '**not met**'}); to the SDK dispatcher: ${(p.max.rps / s.max.rps).toFixed(2)}; the SDK dispatcher's own ratio to the bare route: ${(s.max.rps / b.max.rps).toFixed(2)}. p99 at ${rate}/s: **${p.fixed.p99} ms** (goal < 50 ms: ${p.fixed.p99 < 50 && p.fixed.rps >= rate * 0.95 ? 'met' : '**not met**'}; Lark's deadline is 3 s).`,
].join('\n');
console.log(body);
writeResultsSection(rate === 500 ? 'Card callbacks' : `Card callbacks at ${rate}/s`, body);
