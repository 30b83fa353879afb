// The body limit on both paths: Node's IncomingMessage (what the server passes as c.env.incoming)
// and the web stream (Workers, app.fetch), over a real 127.0.0.1 socket: declared and undeclared
// (chunked) lengths, at and over the limit, split into many chunks.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Readable } from 'node:stream';
import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readLimitedBody } from '../../src/http/routes/read-limited-body.ts';

const limit = 64 * 1024;
let server: ServerType;
let port = 0;

beforeAll(async () => {
  const app = new Hono();
  app.post('/read', async (c) => {
    const incoming = c.req.header('x-path') === 'web' ? undefined : (c.env as { incoming?: Readable }).incoming;
    const body = await readLimitedBody(c.req.raw, limit, incoming);
    return c.json(
      body.ok ? { ok: true, length: body.bytes.byteLength, text: Buffer.from(body.bytes).toString('utf8').slice(0, 20) } : body,
    );
  });
  server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
});

/** POSTs `chunks` (chunked unless `declare`), returns the parsed answer. */
function post(chunks: Buffer[], options: { declare?: number; path?: 'web' | 'node' }): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/read',
        headers: {
          'x-path': options.path ?? 'node',
          ...(options.declare === undefined ? { 'transfer-encoding': 'chunked' } : { 'content-length': String(options.declare) }),
        },
      },
      (res) => {
        let text = '';
        res.on('data', (d: Buffer) => (text += d.toString()));
        res.on('end', () => resolve(JSON.parse(text) as Record<string, unknown>));
      },
    );
    req.on('error', reject);
    let i = 0;
    const next = () => {
      if (i === chunks.length) return void req.end();
      req.write(chunks[i++], () => setImmediate(next));
    };
    next();
  });
}

const bytes = (n: number, fill = 'a') => Buffer.alloc(n, fill);

describe.each(['node', 'web'] as const)('readLimitedBody (%s path)', (path) => {
  it('reads a body split into many chunks whole, multi-byte characters included', async () => {
    const text = Buffer.from('户户清'.repeat(2000), 'utf8');
    const chunks = Array.from({ length: Math.ceil(text.length / 777) }, (_, k) => text.subarray(k * 777, (k + 1) * 777));
    expect(await post(chunks, { path })).toEqual({ ok: true, length: text.length, text: '户户清'.repeat(7).slice(0, 20) });
    expect(await post([text], { path, declare: text.length })).toMatchObject({ ok: true, length: text.length });
  });

  it('takes a body of exactly the limit and refuses one byte more, declared or not', async () => {
    expect(await post([bytes(limit)], { path, declare: limit })).toMatchObject({ ok: true, length: limit });
    expect(await post([bytes(limit / 2), bytes(limit / 2)], { path })).toMatchObject({ ok: true, length: limit });
    expect(await post([bytes(limit + 1)], { path, declare: limit + 1 })).toEqual({ ok: false, reason: 'too_large' });
    expect(await post([bytes(limit), bytes(1)], { path })).toEqual({ ok: false, reason: 'too_large' });
    // Far over the limit, undeclared: refused without waiting to read it all.
    expect(
      await post(
        Array.from({ length: 40 }, () => bytes(16 * 1024)),
        { path },
      ),
    ).toEqual({ ok: false, reason: 'too_large' });
  });

  it('reads an empty body', async () => {
    expect(await post([], { path, declare: 0 })).toEqual({ ok: true, length: 0, text: '' });
  });
});
