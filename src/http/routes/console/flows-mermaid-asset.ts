// The Mermaid library (the UMD build, ~5 MB) served by the console itself at /assets/mermaid.min.js
// for the Workflows pages: no CDN, so diagrams render on intranets too. The file comes from
// node_modules; the page links it with ?v=<version>, so it is cached for a year and never stale.
// Read and gzipped once, on the first request.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { Context } from 'hono';

const require = createRequire(import.meta.url);

export const mermaidPath = '/assets/mermaid.min.js';
export const mermaidVersion = (require('mermaid/package.json') as { version: string }).version;
/** The address pages link: the version in the query makes the long cache safe across upgrades. */
export const mermaidUrl = `${mermaidPath}?v=${mermaidVersion}`;

interface MermaidAsset {
  plain: Uint8Array;
  gzipped: Uint8Array;
  etag: string;
}

let asset: Promise<MermaidAsset> | null = null;

function loadAsset(): Promise<MermaidAsset> {
  asset ??= (async () => {
    const plain = new Uint8Array(await readFile(require.resolve('mermaid/dist/mermaid.min.js')));
    const gzipped = new Uint8Array(await promisify(gzip)(plain));
    return { plain, gzipped, etag: `"mermaid-${mermaidVersion}-${plain.byteLength}"` };
  })();
  asset.catch(() => {
    asset = null;
  });
  return asset;
}

export async function sendMermaid(c: Context): Promise<Response> {
  const a = await loadAsset();
  const headers: Record<string, string> = {
    'content-type': 'text/javascript; charset=utf-8',
    'cache-control': 'public, max-age=31536000, immutable',
    'x-content-type-options': 'nosniff',
    etag: a.etag,
    vary: 'accept-encoding',
  };
  if (c.req.header('if-none-match') === a.etag) return c.body(null, 304, headers);
  if (/\bgzip\b/.test(c.req.header('accept-encoding') ?? '')) {
    return c.body(a.gzipped as Uint8Array<ArrayBuffer>, 200, { ...headers, 'content-encoding': 'gzip' });
  }
  return c.body(a.plain as Uint8Array<ArrayBuffer>, 200, headers);
}
