// Reads a request body as raw bytes with a hard size limit, enforced on the declared
// Content-Length and again while streaming (a missing or lying header changes nothing). On Node
// (@hono/node-server) the body is read from the IncomingMessage itself when the server passes it
// (`c.env.incoming`): the web ReadableStream the server would build over it costs ~10% of a card
// click's CPU. Workers read the web stream.
import type { Readable } from 'node:stream';

export type LimitedBody = { ok: true; bytes: Uint8Array } | { ok: false; reason: 'too_large' | 'unreadable' };

export async function readLimitedBody(request: Request, maxBytes: number, incoming?: Readable): Promise<LimitedBody> {
  const declared = request.headers.get('content-length');
  if (declared !== null && /^\d+$/.test(declared.trim()) && Number(declared.trim()) > maxBytes) {
    return { ok: false, reason: 'too_large' };
  }
  if (incoming && typeof incoming.on === 'function' && !incoming.readableDidRead) return readIncoming(incoming, maxBytes);
  if (!request.body) return { ok: true, bytes: new Uint8Array(0) };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        await reader.cancel().catch(() => {});
        return { ok: false, reason: 'too_large' };
      }
      chunks.push(value);
    }
  } catch {
    return { ok: false, reason: 'unreadable' };
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return { ok: true, bytes };
}

/** The same limits on a Node stream not read yet. */
function readIncoming(incoming: Readable, maxBytes: number): Promise<LimitedBody> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let total = 0;
    const done = (result: LimitedBody) => {
      incoming.off('data', onData).off('end', onEnd).off('error', onError).off('aborted', onError);
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      total += chunk.byteLength;
      if (total > maxBytes) {
        // Stop reading; the rest is drained and discarded so the answer can still be sent.
        done({ ok: false, reason: 'too_large' });
        incoming.resume();
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => done({ ok: true, bytes: new Uint8Array(Buffer.concat(chunks, total)) });
    const onError = () => done({ ok: false, reason: 'unreadable' });
    incoming.on('data', onData).on('end', onEnd).on('error', onError).on('aborted', onError);
  });
}
