// `#lark-sdk` (package.json imports): Node loads the SDK's CommonJS build with require(), Workers
// import it as an ES module (lark-sdk.workerd.ts). What is checked here: the Node entry is the
// required SDK itself (so createLarkClient's timeout reaches the axios instance the SDK's Client
// uses), both entries export the same names, and the point of it all: loading the SDK through the
// Node entry costs a server process far less memory than an ES import of the package under tsx.
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import type * as Sdk from '@larksuiteoapi/node-sdk';
import * as lark from '#lark-sdk';
import { createLarkClient } from '../../src/lark/outbox/create-lark-client.ts';

const required = createRequire(import.meta.url)('@larksuiteoapi/node-sdk') as typeof Sdk;

/** RSS (MB) of a fresh `node --import tsx` process after it ran `code` and collected its garbage. */
function rssAfter(code: string): number {
  const script = `${code}; globalThis.gc(); globalThis.gc(); console.log(process.memoryUsage().rss);`;
  const out = execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: process.cwd(),
    encoding: 'utf8',
  });
  return Number(out.trim().split('\n').pop()) / 2 ** 20;
}

describe('#lark-sdk on Node', () => {
  it('is the SDK loaded by require(): the same Client, EventDispatcher, WSClient, adaptDefault and axios instance', () => {
    expect(lark.Client).toBe(required.Client);
    expect(lark.EventDispatcher).toBe(required.EventDispatcher);
    expect(lark.WSClient).toBe(required.WSClient);
    expect(lark.adaptDefault).toBe(required.adaptDefault);
    expect(lark.defaultHttpInstance).toBe(required.defaultHttpInstance);
    expect(lark.Domain).toBe(required.Domain);
    expect(lark.LoggerLevel).toBe(required.LoggerLevel);
  });

  it('gives createLarkClient a working client whose request timeout is set on the SDK’s own axios instance', () => {
    const { client } = createLarkClient({ appId: 'cli_a', appSecret: 's', domain: 'feishu', now: () => new Date(), timeoutMs: 4321 });
    expect(client).toBeInstanceOf(required.Client);
    expect(required.defaultHttpInstance.defaults.timeout).toBe(4321);
  });

  it('exports the same names as the Workers entry', async () => {
    const workerd = await import('../../src/lark/sdk/lark-sdk.workerd.ts');
    expect(Object.keys(lark).sort()).toEqual(Object.keys(workerd).sort());
  });

  it('costs a process at least 30 MB less RSS than an ES import of the package', () => {
    const viaEntry = rssAfter(`await import('#lark-sdk')`);
    const viaEsImport = rssAfter(`await import('@larksuiteoapi/node-sdk')`);
    // Measured: ~110 MB against ~160 MB (bench/RESULTS.md, "Server memory").
    expect(viaEsImport - viaEntry).toBeGreaterThan(30);
  }, 60_000);
});
