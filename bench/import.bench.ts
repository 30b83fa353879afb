// Import benchmark: rows/s and peak RSS of `huhuqing import` for CSV and XLSX against raw
// better-sqlite3 inserts of the same rows, measured in the same run on the same machine.
// Usage: npm run bench:import -- [--rows 1000000] [--formats csv,xlsx]
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeDemoFiles } from '../src/demo/write-demo-files.ts';
import { writeResultsSection } from './write-results.ts';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};
const rows = Number(arg('rows', '1000000'));
const formats = arg('formats', 'csv,xlsx').split(',') as ('csv' | 'xlsx')[];
const out = path.resolve('bench/out/import');
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

interface Result {
  rows: number;
  seconds: number;
  cpuSeconds: number;
  mainCpuSeconds?: number;
  maxRssMB: number;
  digest?: string;
}

function worker(heapMB: number | undefined, ...args: string[]): Result {
  const heap = heapMB ? [`--max-old-space-size=${heapMB}`] : [];
  const text = execFileSync(process.execPath, [...heap, '--import', 'tsx', 'bench/import-worker.ts', ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 24,
    stdio: ['ignore', 'pipe', 'ignore'], // the CLI's progress lines
  });
  return JSON.parse(text.trim().split('\n').pop() ?? '{}') as Result;
}

console.log(`生成 ${rows.toLocaleString('zh-CN')} 行演示档案……`);
const files: Record<string, { households: string; roster: string }> = {};
for (const format of formats) {
  const f = await writeDemoFiles({ dir: path.join(out, format), households: rows, seed: 1, today: '2026-11-22', format });
  files[format] = { households: f.households.path, roster: f.roster.path };
}
const roster = Object.values(files)[0]?.roster ?? '';

const rate = (r: Result) => r.rows / r.seconds;
const n = (x: number) => Math.round(x).toLocaleString('en');
const cpu = (r: Result) => `${r.cpuSeconds.toFixed(1)}${r.mainCpuSeconds === undefined ? '' : ` (main ${r.mainCpuSeconds.toFixed(1)})`}`;
const lines = [
  '| measurement | rows | seconds | rows/s | CPU s (main thread) | peak RSS | ratio to raw inserts |',
  '|---|---:|---:|---:|---:|---:|---:|',
];
const row = (label: string, r: Result, baseline: Result, rss = `${r.maxRssMB} MB`) =>
  lines.push(
    `| ${label} | ${r.rows.toLocaleString('en')} | ${r.seconds.toFixed(1)} | ${n(rate(r))} | ${cpu(r)} | ${rss} | ${(rate(r) / rate(baseline)).toFixed(2)} |`,
  );

// The baseline: exactly the rows the import stores, inserted by prepared statements in one transaction.
const baseline = worker(undefined, 'raw', String(rows), roster, path.join(out, 'raw.db'), 'single');
rmSync(path.join(out, 'raw.db'), { force: true });
row('raw better-sqlite3 INSERTs, one transaction (**baseline**)', baseline, baseline, `${baseline.maxRssMB} MB (rows held in memory)`);
const batched = worker(undefined, 'raw', String(rows), roster, path.join(out, 'raw-batched.db'), 'batch');
row(
  'raw INSERTs, one transaction per 10,000 rows (as the import commits)',
  batched,
  baseline,
  `${batched.maxRssMB} MB (rows held in memory)`,
);
rmSync(path.join(out, 'raw-batched.db'), { force: true });

for (const format of formats) {
  const { households } = files[format] ?? { households: '' };
  row(
    `reading the ${format} only (the import's reader: csv-parse / exceljs, no validation or writes)`,
    worker(undefined, 'parse', households),
    baseline,
  );
}

// Each format twice: with V8's default heap (its RSS is mostly garbage not yet collected), and with
// the old-space heap capped at 160 MB, which shows the import's memory is bounded by design.
const digests = new Set([baseline.digest]);
for (const format of formats) {
  const { households, roster: formatRoster } = files[format] ?? { households: '', roster: '' };
  for (const heapMB of [undefined, 160]) {
    const db = path.join(out, `${format}-${heapMB ?? 'default'}.db`);
    const r = worker(heapMB, 'import', households, formatRoster, db);
    digests.add(r.digest);
    row(`\`huhuqing import\`, ${format}${heapMB ? `, heap capped at ${heapMB} MB` : ''}`, r, baseline);
    rmSync(db, { force: true });
  }
}
// The comparison is only fair if the import stored exactly the rows the baseline inserted.
if (digests.size !== 1) throw new Error(`the imports stored other rows than the baseline: digests ${[...digests].join(', ')}`);

const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
const body = [
  `Measured ${new Date().toISOString().slice(0, 10)} on ${machine}, load average ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' / ')} at the end; \`npm run bench:import -- --rows ${rows}\`.`,
  '',
  ...lines,
  '',
  'Every import stored exactly the rows of the baseline (same digest of all written columns). Ratios are of rows/s (wall time);',
  'the import reads and validates on the main thread while a writer thread commits, so on a machine whose cores are busy',
  'with other work its wall time suffers more than the single-threaded baseline’s: the CPU seconds show the work itself.',
].join('\n');
console.log(body);
writeResultsSection('Import', body);
rmSync(out, { recursive: true, force: true });
