// Node only: bundles the page script (TypeScript under ./client) for the browser with esbuild,
// once per process, so the project needs no build step.
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

let bundled: Promise<string> | undefined;

export function bundleClient(): Promise<string> {
  bundled ??= build({
    entryPoints: [fileURLToPath(new URL('./client/sandbox-client.ts', import.meta.url))],
    bundle: true,
    write: false,
    format: 'esm',
    target: 'es2020',
    charset: 'utf8',
    legalComments: 'none',
  }).then((r) => r.outputFiles[0]!.text);
  return bundled;
}
