// Keeps bench/RESULTS.md up to date: each benchmark replaces its own "## <name>" section.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

const file = 'bench/RESULTS.md';

export function writeResultsSection(name: string, body: string): void {
  const text = existsSync(file)
    ? readFileSync(file, 'utf8')
    : '# Benchmark results\n\nWritten by the scripts in `bench/`; ratios are against a baseline run in the same script.\n';
  const heading = `## ${name}`;
  const section = `${heading}\n\n${body.trim()}\n`;
  const start = text.indexOf(`${heading}\n`);
  if (start === -1) {
    writeFileSync(file, `${text.trimEnd()}\n\n${section}`);
    return;
  }
  const next = text.indexOf('\n## ', start + heading.length);
  writeFileSync(file, `${text.slice(0, start)}${section}${next === -1 ? '' : text.slice(next)}`);
}
