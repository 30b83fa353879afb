// Event-ingest benchmark: im.message.receive_v1 events (officers' commands to the bot, @bot in their
// work group), signed and encrypted as Lark sends them, acknowledged by /lark/events once persisted
// (then answered after the ack), against the callback bench's baselines: a bare Hono route and the
// SDK's adaptDefault + EventDispatcher decrypting the same payloads. Each server in its own process,
// the load from this one (autocannon); fixed rates, then the maximum. Afterwards every acknowledged
// event is looked up in the product's database.
// Usage: npm run bench:ingest -- [--seconds 10] [--rates 40,500]
import { mkdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { load, startServer, type LoadResult, type SignedRequest } from './load-server.ts';
import { writeResultsSection } from './write-results.ts';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};
const seconds = Number(arg('seconds', '10'));
const rates = arg('rates', '40,500').split(',').map(Number);
/** Unique events reserved for the maximum run (the product's; the baselines reuse them freely). */
const maxRunEvents = 4000 * seconds;
mkdirSync('bench/out', { recursive: true });
const bodiesFile = path.resolve('bench/out/messages.json');

interface Persisted {
  acked: number;
  persisted: number;
  missing: number;
  processed: number;
  failed: number;
  replies: number;
  drainSeconds: number;
}

/** After the runs: wait for the after-ack processing to finish, then look every acknowledged event up. */
async function checkPersisted(dbFile: string, ackedIds: Set<number>, drain: boolean): Promise<Persisted> {
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  const started = performance.now();
  const waiting = db.prepare(`SELECT count(*) AS n FROM inbound_events WHERE status IN ('received', 'processing')`);
  while (drain && (waiting.get() as { n: number }).n > 0 && performance.now() - started < 120_000)
    await new Promise((r) => setTimeout(r, 250));
  const drainSeconds = (performance.now() - started) / 1000;
  const keys = new Set(
    (db.prepare(`SELECT "dedupeKey" AS k FROM inbound_events WHERE "eventType" = 'im.message.receive_v1'`).all() as { k: string }[]).map(
      (r) => r.k,
    ),
  );
  const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
  const result = {
    acked: ackedIds.size,
    persisted: keys.size,
    missing: [...ackedIds].filter((i) => !keys.has(`message:om_bench_${i}`)).length,
    processed: count(`SELECT count(*) AS n FROM inbound_events WHERE status = 'processed'`),
    failed: count(`SELECT count(*) AS n FROM inbound_events WHERE status IN ('failed', 'abandoned')`),
    replies: count(`SELECT count(*) AS n FROM outbox WHERE "idempotencyKey" LIKE 'reply:om_bench_%'`),
    drainSeconds,
  };
  db.close();
  return result;
}

interface ModeResult {
  fixed: LoadResult[];
  max: LoadResult;
  persisted?: Persisted;
}
const results: Record<string, ModeResult> = {};
const fixedSizes = rates.map((r) => Math.ceil(r * seconds * 1.2));
const total = fixedSizes.reduce((a, b) => a + b, 0) + maxRunEvents;
for (const mode of ['product', 'ack-only', 'bare', 'sdk']) {
  const server = await startServer([mode, bodiesFile, String(total), 'message']);
  const requests = JSON.parse(readFileSync(bodiesFile, 'utf8')) as SignedRequest[];
  // Each run gets events never sent before: a re-pushed message_id is answered as a duplicate
  // without a write, which would flatter the figures.
  const ackedIds = new Set<number>();
  let offset = 0;
  const run = async (size: number, overallRate?: number) => {
    const from = offset;
    offset += size;
    return load(server.url, requests.slice(from, from + size), {
      seconds,
      ...(overallRate ? { overallRate } : {}),
      // The product's maximum run stops when its unique events are used up (a fast server finishes
      // early); the baselines keep no state, so they run the whole time on repeated bodies.
      ...(overallRate || mode === 'bare' || mode === 'sdk' ? {} : { amount: size }),
      onAck: (i) => ackedIds.add(from + (i % size)),
    });
  };
  const fixed: LoadResult[] = [];
  for (const [k, rate] of rates.entries()) fixed.push(await run(fixedSizes[k]!, rate));
  const max = await run(maxRunEvents);
  // More requests than unique events: the rest were re-pushes (answered without a write), which would flatter the figure.
  if (mode !== 'bare' && mode !== 'sdk' && max.acked + max.non2xx + max.errors > maxRunEvents)
    throw new Error(`max run sent ${max.acked + max.non2xx} events but only ${maxRunEvents} are unique: raise maxRunEvents`);
  results[mode] = {
    fixed,
    max,
    ...(server.dbFile ? { persisted: await checkPersisted(server.dbFile, ackedIds, mode === 'product') } : {}),
  };
  server.child.kill();
  console.log(mode, JSON.stringify(results[mode]));
}

const p = results.product!;
const a = results['ack-only']!;
const b = results.bare!;
const s = results.sdk!;
const cells = (r: ModeResult) =>
  [
    ...r.fixed.map((f) => `${Math.round(f.rps)} | ${f.p50} | ${f.p99} | ${f.non2xx + f.errors}`),
    `${Math.round(r.max.rps)} | ${r.max.p99}`,
  ].join(' | ');
const persisted = p.persisted!;
const ackOnly = a.persisted!;
const body = [
  `Measured ${new Date().toISOString().slice(0, 10)} on ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}; \`npm run bench:ingest -- --seconds ${seconds} --rates ${rates.join(',')}\` (autocannon: fixed rate with one connection per 50 req/s, maximum with 20 connections; ${seconds} s per run; each server in its own process). Events: \`im.message.receive_v1\`, signed and encrypted, officers' @bot commands in turn 进度 / 我的 / 帮助 / 查 <档案编号>, each message_id sent once.`,
  '',
  `| target | ${rates.map((r) => `at ${r}/s: req/s | p50 ms | p99 ms | non-2xx + errors`).join(' | ')} | max req/s | p99 ms at max |`,
  `|---|${rates.map(() => '---:|---:|---:|---:|').join('')}---:|---:|`,
  `| huhuqing /lark/events: verify, decrypt, parse, dedupe insert, 200 (the command is answered after the ack) | ${cells(p)} |`,
  `| the same, processing after the ack switched off (acknowledge + persist only) | ${cells(a)} |`,
  `| bare Hono route (baseline) | ${cells(b)} |`,
  `| SDK adaptDefault + EventDispatcher, same payloads (decrypt, no-op handler) | ${cells(s)} |`,
  '',
  `Throughput at max, ratio to the bare route: **${(p.max.rps / b.max.rps).toFixed(2)}** (goal ≥ 0.25, the callback bench's; acknowledge + persist only: ${(a.max.rps / b.max.rps).toFixed(2)}); to the SDK dispatcher: ${(p.max.rps / s.max.rps).toFixed(2)} (acknowledge + persist only: ${(a.max.rps / s.max.rps).toFixed(2)}). p99 at ${rates.map((r, k) => `${r}/s: **${p.fixed[k]!.p99} ms**`).join(', ')} (goal < 50 ms; Lark re-pushes an event not answered within 3 s).`,
  '',
  `Persistence: ${persisted.acked.toLocaleString('en')} events acknowledged (2xx), ${persisted.persisted.toLocaleString('en')} rows in inbound_events, **${persisted.missing} acknowledged but missing** (goal 0); after the load, processing drained in ${persisted.drainSeconds.toFixed(1)} s: ${persisted.processed.toLocaleString('en')} processed, ${persisted.failed} failed, ${persisted.replies.toLocaleString('en')} reply cards queued. Acknowledge + persist only: ${ackOnly.acked.toLocaleString('en')} acknowledged, ${ackOnly.persisted.toLocaleString('en')} rows, **${ackOnly.missing} missing**.`,
].join('\n');
console.log(body);
writeResultsSection('Event ingest', body);
