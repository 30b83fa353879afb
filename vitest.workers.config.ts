// The workers suite: test/workers/** run inside workerd (@cloudflare/vitest-pool-workers) against
// the real Worker entry (src/runtime/worker.ts), a local D1 with migrations/ applied, and the Lark
// simulator running on Node (started by test/workers/lark-simulator-setup.ts; reached over fetch).
// Two traps (stack-notes.md): the Lark SDK's single 6 MB file is pre-bundled and minified here, or
// the pool dies with "1009 Message is too large"; Prisma's `import("./query_compiler_bg.wasm?module")`
// is resolved to the file itself and left to workerd, which loads it as a Wasm module.
import { builtinModules, createRequire } from 'node:module';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-pool-workers';
import { buildSync } from 'esbuild';
import type { Plugin } from 'vitest/config';
import { defineProject } from 'vitest/config';

const root = path.dirname(fileURLToPath(import.meta.url));

function prebundledLarkSdk(): string {
  const require = createRequire(import.meta.url);
  const pkg = require('@larksuiteoapi/node-sdk/package.json') as { version: string };
  const dir = path.join(root, 'node_modules', '.cache', 'huhuqing-workers');
  const out = path.join(dir, `lark-node-sdk-${pkg.version}.mjs`);
  if (!existsSync(out)) {
    mkdirSync(dir, { recursive: true });
    // As wrangler bundles it: the ESM build, browser/worker conditions (axios's fetch adapter, ws's
    // stub), Node built-ins left to nodejs_compat. (Bundled for `platform: 'node'` it crashes workerd.)
    buildSync({
      entryPoints: [path.join(path.dirname(require.resolve('@larksuiteoapi/node-sdk/package.json')), 'es', 'index.js')],
      bundle: true,
      minify: true,
      format: 'esm',
      platform: 'browser',
      conditions: ['workerd', 'worker', 'browser'],
      mainFields: ['browser', 'module', 'main'],
      external: [...builtinModules, ...builtinModules.map((m) => `node:${m}`)],
      target: 'es2022',
      define: { __dirname: '"/"' },
      outfile: out,
      logLevel: 'error',
    });
  }
  return out;
}

const prismaWasmModule: Plugin = {
  name: 'huhuqing:prisma-wasm-module',
  enforce: 'pre',
  resolveId(id, importer) {
    if (!id.endsWith('.wasm?module') || !importer) return null;
    return { id: path.resolve(path.dirname(importer), id.slice(0, -'?module'.length)), external: true };
  },
};

export default defineProject({
  plugins: [
    prismaWasmModule,
    cloudflareTest(async () => ({
      main: './src/runtime/worker.ts',
      wrangler: { configPath: './wrangler.toml' },
      miniflare: {
        bindings: { TEST_MIGRATIONS: await readD1Migrations(path.join(root, 'migrations')) },
      },
    })),
  ],
  resolve: { alias: { '@larksuiteoapi/node-sdk': prebundledLarkSdk() } },
  test: {
    name: 'workers',
    include: ['test/workers/**/*.test.ts'],
    globalSetup: ['test/workers/lark-simulator-setup.ts'],
    setupFiles: ['test/workers/apply-migrations.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
