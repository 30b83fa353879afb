// The browser libraries the console serves itself, from node_modules, so pages work on intranets
// without a CDN: Mermaid (the Workflows pages' diagrams) and VChart (the charts, from the same specs
// a Lark card's chart component takes). Each is a UMD build found with createRequire, read and
// gzipped once on the first request, and linked as `<path>?v=<version>`, so it is cached for a year
// (immutable) and an upgrade changes the address.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { Hono, type Context } from 'hono';
import type { ConsoleEnv } from './guard.ts';

// Resolved on first use, not at import: a Worker bundle imports this module for the pages' script
// addresses, and there `import.meta.url` is undefined (the files themselves are Node-only routes).
let requireHere: NodeRequire | undefined;
const require = (): NodeRequire => (requireHere ??= createRequire(import.meta.url));

/** The installed version, or "0" where node_modules cannot be read (a Worker). */
function installedVersion(packageName: string): string {
  try {
    return (require()(`${packageName}/package.json`) as { version: string }).version;
  } catch {
    return '0';
  }
}

export interface LibraryAsset {
  /** Where it is served: `/assets/<name>.min.js`. */
  path: string;
  /** The installed package's version. */
  version: string;
  /** The address pages link: the version in the query makes the long cache safe across upgrades. */
  url: string;
  send(c: Context): Promise<Response>;
}

interface Loaded {
  plain: Uint8Array;
  gzipped: Uint8Array;
  etag: string;
}

/** `name` names the address and ETag; `file` is resolved from node_modules (`<package>/<path>`). */
function libraryAsset(name: string, packageName: string, file: string): LibraryAsset {
  const version = installedVersion(packageName);
  const path = `/assets/${name}.min.js`;
  let loaded: Promise<Loaded> | null = null;
  const load = (): Promise<Loaded> => {
    loaded ??= (async () => {
      const plain = new Uint8Array(await readFile(require().resolve(file)));
      const gzipped = new Uint8Array(await promisify(gzip)(plain));
      return { plain, gzipped, etag: `"${name}-${version}-${plain.byteLength}"` };
    })();
    loaded.catch(() => {
      loaded = null;
    });
    return loaded;
  };
  const send = async (c: Context): Promise<Response> => {
    const a = await load();
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
  };
  return { path, version, url: `${path}?v=${version}`, send };
}

/** Mermaid's UMD build (~5.5 MB; global `mermaid`). */
export const mermaidAsset = libraryAsset('mermaid', 'mermaid', 'mermaid/dist/mermaid.min.js');
/** VChart's UMD build (~2.4 MB; global `VChart`, the class as `VChart.default`). */
export const vchartAsset = libraryAsset('vchart', '@visactor/vchart', '@visactor/vchart/build/index.min.js');

/** GET for every library, open to anyone (they are public packages). */
export function libraryAssetRoutes(): Hono<ConsoleEnv> {
  const route = new Hono<ConsoleEnv>();
  for (const asset of [mermaidAsset, vchartAsset]) route.get(asset.path, (c) => asset.send(c));
  return route;
}
