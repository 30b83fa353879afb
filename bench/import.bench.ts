// Import benchmark: rows/s and peak RSS of `huhuqing import` for CSV and XLSX against raw
// better-sqlite3 inserts of the same generated rows, measured in the same run on the same machine.
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

function worker(heapMB: number | undefined, ...args: string[]): { rows: number; seconds: number; maxRssMB: number } {
  const heap = heapMB ? [`--max-old-space-size=${heapMB}`] : [];
  const text = execFileSync(process.execPath, [...heap, '--import', 'tsx', 'bench/import-worker.ts', ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 24,
  });
  return JSON.parse(text.trim().split('\n').pop() ?? '{}');
}

console.log(`生成 ${rows.toLocaleString('zh-CN')} 行演示档案……`);
const files: Record<string, { households: string; roster: string }> = {};
for (const format of formats) {
  const f = await writeDemoFiles({ dir: path.join(out, format), households: rows, seed: 1, today: '2026-11-22', format });
  files[format] = { households: f.households.path, roster: f.roster.path };
}

const baseline = worker(undefined, 'raw', String(rows), path.join(out, 'raw.db'));
const lines = [`| measurement | rows | seconds | rows/s | peak RSS | ratio to raw inserts |`, `|---|---:|---:|---:|---:|---:|`];
const rate = (r: { rows: number; seconds: number }) => r.rows / r.seconds;
lines.push(
  `| raw better-sqlite3 inserts (baseline) | ${baseline.rows.toLocaleString('en')} | ${baseline.seconds.toFixed(1)} | ${Math.round(rate(baseline)).toLocaleString('en')} | ${baseline.maxRssMB} MB (rows held in memory) | 1.00 |`,
);
// Each format twice: with V8's default heap (its RSS is mostly garbage not yet collected), and with
// the old-space heap capped at 160 MB, which shows the import's memory is bounded by design.
for (const format of formats) {
  const { households, roster } = files[format] ?? { households: '', roster: '' };
  for (const heapMB of [undefined, 160]) {
    const r = worker(heapMB, 'import', households, roster, path.join(out, `${format}-${heapMB ?? 'default'}.db`));
    const label = `huhuqing import, ${format}${heapMB ? `, heap capped at ${heapMB} MB` : ''}`;
    lines.push(
      `| ${label} | ${r.rows.toLocaleString('en')} | ${r.seconds.toFixed(1)} | ${Math.round(rate(r)).toLocaleString('en')} | ${r.maxRssMB} MB | ${(rate(r) / rate(baseline)).toFixed(2)} |`,
    );
  }
}
const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
const body = [
  `Measured ${new Date().toISOString().slice(0, 10)} on ${machine}; \`npm run bench:import -- --rows ${rows}\`.`,
  '',
  ...lines,
].join('\n');
console.log(body);
writeResultsSection('Import', body);
rmSync(out, { recursive: true, force: true });
