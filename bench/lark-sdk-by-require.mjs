// Experiment for bench/server-memory.bench.ts (--sdk-by-require), not a product change: the server
// started with `node --import ./bench/lark-sdk-by-require.mjs` gets the Lark SDK loaded with require()
// where src/ writes `import * as lark from '@larksuiteoapi/node-sdk'`. The SDK is one 6 MB CommonJS
// file; imported as an ES module (under tsx) it costs ~80 MB more RSS than required, for good.
import { register } from 'node:module';
import path from 'node:path';

const packageJson = JSON.stringify(path.resolve(import.meta.dirname, '../package.json'));
const shim = `import { createRequire } from 'node:module';
const sdk = createRequire(${packageJson})('@larksuiteoapi/node-sdk');
export const { Client, Domain, LoggerLevel, defaultHttpInstance, WSClient, EventDispatcher, adaptDefault } = sdk;
export default sdk;`;
const loader = `export async function resolve(specifier, context, next) {
  if (specifier === '@larksuiteoapi/node-sdk') return { url: ${JSON.stringify(`data:text/javascript,${encodeURIComponent(shim)}`)}, shortCircuit: true };
  return next(specifier, context);
}`;
register(`data:text/javascript,${encodeURIComponent(loader)}`);
