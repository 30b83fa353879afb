// Scheduler benchmark: one tick with N due timers among a small and a large file (by default 10,000
// due reminders among 3,500,000 households, the national file count of 2015, against the same tick
// among 10,000), each tick in its own process on the same machine in the same run; the ratio shows
// the tick's cost grows with the due timers, not with the households. The databases are generated
// by bench/tick-db.ts in a process of their own and cached in bench/out/tick-db/.
// Usage: npm run bench:tick -- [--due 10000] [--small 10000] [--large 3500000] [--reps 5]
import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import os from 'node:os';
import { ensureTickDb } from './tick-db.ts';
import { writeResultsSection } from './write-results.ts';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return Number(i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback);
};
const due = arg('due', '10000');
const reps = arg('reps', '5');
const sizes = [arg('small', '10000'), arg('large', '3500000')];
const goal = 1.3;

interface Run {
  households: number;
  timers: number;
  due: number;
  fired: number;
  medianMs: number;
  timingsMs: number[];
  maxRssMB: number;
  phases: Record<string, { rssMB: number; heapMB: number }>;
  generatedSeconds: number | null;
  fileGB: number;
}

const dbs = sizes.map((households) => {
  console.log(`准备 ${households.toLocaleString('zh-CN')} 户、${due.toLocaleString('zh-CN')} 个到期提醒的数据库……`);
  return ensureTickDb(households, due);
});
// Both sizes after both files exist, in the order small, large, large, small (half the ticks each
// time), so a machine whose load drifts during the run weighs on both sizes alike.
const worker = (k: number, n: number): Omit<Run, 'generatedSeconds' | 'fileGB'> => {
  console.log(`运行定时任务：${sizes[k]!.toLocaleString('zh-CN')} 户，${n} 次……`);
  const text = execFileSync(process.execPath, ['--import', 'tsx', 'bench/tick-worker.ts', dbs[k]!.file, String(n)], {
    encoding: 'utf8',
    maxBuffer: 1 << 24,
  });
  return JSON.parse(text.trim().split('\n').pop() ?? '{}') as Omit<Run, 'generatedSeconds' | 'fileGB'>;
};
const halves = [Math.ceil(reps / 2), Math.floor(reps / 2)];
const parts: Omit<Run, 'generatedSeconds' | 'fileGB'>[][] = [[], []];
for (const [k, half] of [
  [0, 0],
  [1, 0],
  [1, 1],
  [0, 1],
] as const)
  if (halves[half]! > 0) parts[k]!.push(worker(k, halves[half]!));
const runs: Run[] = parts.map((ps, k) => {
  const all = ps.flatMap((p) => p.timingsMs);
  const sorted = [...all].sort((a, b) => a - b);
  const last = ps[ps.length - 1]!;
  return {
    ...last,
    medianMs:
      sorted.length % 2 === 1 ? sorted[(sorted.length - 1) / 2]! : (sorted[sorted.length / 2 - 1]! + sorted[sorted.length / 2]!) / 2,
    timingsMs: all,
    maxRssMB: Math.max(...ps.map((p) => p.maxRssMB)),
    generatedSeconds: dbs[k]!.generatedSeconds,
    fileGB: statSync(dbs[k]!.file).size / 2 ** 30,
  };
});
const [small, large] = runs as [Run, Run];
const ratio = large.medianMs / small.medianMs;
const en = (n: number) => n.toLocaleString('en');
const lines = [
  '| households | cases | timers | due timers | fired | tick median (ms) | all runs (ms) | RSS before ticks | RSS after ticks | peak RSS | file |',
  '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ...runs.map((r) => {
    const last = Object.entries(r.phases).findLast(([name]) => name.startsWith('tick'))?.[1];
    return `| ${en(r.households)} | ${en(r.households)} | ${en(r.timers)} | ${en(r.due)} | ${en(r.fired)} | ${Math.round(r.medianMs)} | ${r.timingsMs.join(', ')} | ${r.phases.warm?.rssMB ?? '—'} MB | ${last?.rssMB ?? '—'} MB | ${r.maxRssMB} MB | ${r.fileGB.toFixed(1)} GB |`;
  }),
  '',
  `Ratio (large / small): **${ratio.toFixed(2)}** (goal ≤ ${goal}: ${ratio <= goal ? 'met' : '**not met**'}) — the tick's cost follows the due timers, not the size of the file.`,
];
const generated = runs.filter((r) => r.generatedSeconds !== null);
const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`;
const body = [
  `Measured ${new Date().toISOString().slice(0, 10)} on ${machine}; \`npm run bench:tick -- --small ${sizes[0]} --large ${sizes[1]} --due ${due}\`. Each tick fires ${en(due)} reminders (one digest per officer, 500 officers); ${reps} ticks per size (in two processes per size, run small, large, large, small), the due set restored before each; RSS columns from the last process of each size. The tick runs in its own process; the database was generated in another (bench/tick-db.ts: raw prepared inserts in one transaction, indexes rebuilt after${generated.length > 0 ? `; this run generated ${generated.map((r) => `${en(r.households)} households in ${Math.round(r.generatedSeconds!)} s`).join(', ')}` : '; cached from an earlier run'}).`,
  '',
  ...lines,
].join('\n');
console.log(body);
writeResultsSection('Scheduler tick', body);
