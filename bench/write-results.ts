// Keeps bench/RESULTS.md up to date: each benchmark replaces its own "## <name>" section.
// BENCH_RESULTS_FILE redirects the writes (`npm run bench -- --quick` writes bench/out/RESULTS.quick.md).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

export function resultsFile(): string {
  return process.env.BENCH_RESULTS_FILE ?? 'bench/RESULTS.md';
}

/** `first`: a new section goes right after the file's introduction instead of at the end. */
export function writeResultsSection(name: string, body: string, options: { first?: boolean } = {}): void {
  const file = resultsFile();
  const text = existsSync(file)
    ? readFileSync(file, 'utf8')
    : '# Benchmark results\n\nWritten by the scripts in `bench/`; ratios are against a baseline run in the same script.\n';
  const heading = `## ${name}`;
  const section = `${heading}\n\n${body.trim()}\n`;
  const start = text.indexOf(`${heading}\n`);
  if (start === -1) {
    const firstSection = text.indexOf('\n## ');
    if (options.first && firstSection !== -1) {
      writeFileSync(file, `${text.slice(0, firstSection + 1)}${section}\n${text.slice(firstSection + 1)}`);
      return;
    }
    writeFileSync(file, `${text.trimEnd()}\n\n${section}`);
    return;
  }
  const next = text.indexOf('\n## ', start + heading.length);
  writeFileSync(file, `${text.slice(0, start)}${section}${next === -1 ? '' : text.slice(next)}`);
}
