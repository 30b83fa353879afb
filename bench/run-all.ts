// `npm run bench`: every benchmark in turn, each in its own process with the defaults of the issue's
// figures; each writes its own section of bench/RESULTS.md, and this one a summary of the run.
// `--quick`: small sizes and short runs, a smoke test of the scripts in a few minutes; its figures go
// to bench/out/RESULTS.quick.md, never over the real ones. `--only tick,ingest` runs a subset.
// Every script also runs on its own: npm run bench:<name> -- [options].
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { resultsFile, writeResultsSection } from './write-results.ts';

const quick = process.argv.includes('--quick');
const onlyAt = process.argv.indexOf('--only');
const only = onlyAt >= 0 ? new Set((process.argv[onlyAt + 1] ?? '').split(',')) : undefined;

interface Bench {
  name: string;
  script: string;
  args: string[];
  /** null: skipped by --quick (a variant of another entry). */
  quickArgs: string[] | null;
}
const benches: Bench[] = [
  { name: 'import', script: 'import.bench.ts', args: ['--rows', '1000000'], quickArgs: ['--rows', '20000', '--formats', 'csv'] },
  {
    name: 'tick',
    script: 'tick.bench.ts',
    args: ['--small', '10000', '--large', '3500000', '--due', '10000'],
    quickArgs: ['--small', '2000', '--large', '20000', '--due', '1000', '--reps', '2'],
  },
  {
    name: 'server-memory',
    script: 'server-memory.bench.ts',
    args: ['--small', '10000', '--large', '3500000', '--due', '10000'],
    quickArgs: ['--small', '2000', '--large', '20000', '--due', '1000'],
  },
  { name: 'callback', script: 'callback.bench.ts', args: ['--rate', '500'], quickArgs: ['--rate', '40', '--seconds', '2'] },
  { name: 'callback-40', script: 'callback.bench.ts', args: ['--rate', '40'], quickArgs: null },
  { name: 'ingest', script: 'ingest.bench.ts', args: ['--rates', '40,500'], quickArgs: ['--rates', '40', '--seconds', '2'] },
  { name: 'outbox', script: 'outbox.bench.ts', args: [], quickArgs: ['--messages', '120', '--chats', '12'] },
];

if (quick) process.env.BENCH_RESULTS_FILE = path.resolve('bench/out/RESULTS.quick.md');
const env = { ...process.env };
const ran: { name: string; command: string; seconds: number; ok: boolean }[] = [];
for (const b of benches) {
  if (only && !only.has(b.name)) continue;
  if (quick && b.quickArgs === null) continue;
  const args = quick ? (b.quickArgs ?? []) : b.args;
  const command = `npm run bench:${b.script.replace('.bench.ts', '')}${args.length > 0 ? ` -- ${args.join(' ')}` : ''}`;
  console.log(`\n=== ${b.name}：${command}`);
  const started = performance.now();
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join('bench', b.script), ...args], { stdio: 'inherit', env });
  const seconds = (performance.now() - started) / 1000;
  ran.push({ name: b.name, command, seconds, ok: r.status === 0 });
  if (r.status !== 0) console.error(`${b.name} 失败（退出码 ${r.status ?? r.signal}）：其余基准继续运行`);
}

const body = [
  `${quick ? 'Quick smoke run' : 'Full run'} ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}; \`npm run bench${quick ? ' -- --quick' : ''}\`. Each section below names its own command; each ratio is against a baseline measured in the same script.`,
  '',
  '| benchmark | command | minutes | finished |',
  '|---|---|---:|---|',
  ...ran.map((r) => `| ${r.name} | \`${r.command}\` | ${(r.seconds / 60).toFixed(1)} | ${r.ok ? 'yes' : '**failed**'} |`),
].join('\n');
writeResultsSection('Last run of all benchmarks', body, { first: true });
console.log(`\n${body}\n\n结果已写入 ${resultsFile()}`);
process.exitCode = ran.every((r) => r.ok) ? 0 : 1;
