#!/usr/bin/env node
// The package's `bin`: runs the TypeScript CLI through tsx (no build step). `npm start` runs it too.
import v8 from 'node:v8';
import { register } from 'tsx/esm/api';

// `serve` runs for months, so its garbage is collected early. On a machine with lots of memory V8's
// heap limit is ~4 GB, and under such a limit V8 lets the heap grow up to 4× what survived the last
// full GC before the next one: the server held ~120–170 MB of garbage at its peak (bench/RESULTS.md,
// "Server memory"). 20 %: the next full GC once the heap is 1.2× its live size, with no hard cap
// (--max-old-space-size) that could stop the server on a large report. V8 reads this flag at every
// GC, so the process can set it itself (no second process, which the crash tests' SIGKILL would
// orphan); a flag given to node first (NODE_OPTIONS=--heap-growing-percent=N) wins. Other commands
// (an import of a million rows) keep V8's defaults.
const ownFlag = [...process.execArgv, process.env.NODE_OPTIONS ?? ''].some((a) => a.includes('--heap-growing-percent'));
if (process.argv[2] === 'serve' && !ownFlag) v8.setFlagsFromString('--heap-growing-percent=20');

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv);
