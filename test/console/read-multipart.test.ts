// The streaming multipart reader of the console's upload: fields and the file come out the same
// whatever the chunking of the body (a boundary split across chunks, one byte at a time), the file
// goes only to the sink, the size limit cuts it off, and a truncated body is refused.
import { describe, expect, it } from 'vitest';
import type { FileSink } from '../../src/files/temp-upload.ts';
import { MalformedUpload, UploadTooLarge, multipartBoundary, readMultipart } from '../../src/http/routes/console/read-multipart.ts';

async function encode(form: FormData): Promise<{ bytes: Uint8Array; boundary: string }> {
  const request = new Request('http://localhost/', { method: 'POST', body: form });
  const boundary = multipartBoundary(request.headers.get('content-type') ?? undefined)!;
  return { bytes: new Uint8Array(await request.arrayBuffer()), boundary };
}

function chunked(bytes: Uint8Array, sizes: () => number): ReadableStream<Uint8Array> {
  let at = 0;
  return new ReadableStream({
    pull(controller) {
      if (at >= bytes.length) return controller.close();
      const n = Math.max(1, sizes());
      controller.enqueue(bytes.slice(at, at + n));
      at += n;
    },
  });
}

function memorySink() {
  const chunks: Uint8Array[] = [];
  const state = { closed: false, aborted: false };
  const sink: FileSink = {
    write: async (c) => void chunks.push(Uint8Array.from(c)),
    close: async () => void (state.closed = true),
    abort: async () => void (state.aborted = true),
  };
  return { sink, state, text: () => Buffer.concat(chunks).toString('utf8') };
}

const content = '档案编号,户主姓名\r\n--not-a-boundary\r\nQJ-1,杨小华\r\n'.repeat(200);

describe('readMultipart', () => {
  for (const [name, sizes] of [
    ['one chunk', () => 1 << 30],
    ['one byte at a time', () => 1],
    ['7 bytes at a time', () => 7],
    ['random chunks', () => 1 + Math.floor(Math.random() * 300)],
  ] as const) {
    it(`reads the fields and the file the same way: ${name}`, async () => {
      const form = new FormData();
      form.append('csrf', 'token-123');
      form.append('dryRun', '1');
      form.append('file', new File([content], '十一月 "户档".csv', { type: 'text/csv' }));
      form.append('after', '后面的字段');
      const { bytes, boundary } = await encode(form);
      const m = memorySink();
      let seen: Record<string, string> | undefined;
      const r = await readMultipart(chunked(bytes, sizes), boundary, {
        maxFileBytes: 1 << 20,
        openFile: async (fields, file) => {
          seen = { ...fields };
          expect(file).toEqual({ field: 'file', fileName: '十一月 "户档".csv' });
          return m.sink;
        },
      });
      expect(seen).toEqual({ csrf: 'token-123', dryRun: '1' });
      expect(r.fields).toEqual({ csrf: 'token-123', dryRun: '1', after: '后面的字段' });
      expect(r.file).toEqual({ field: 'file', fileName: '十一月 "户档".csv', bytes: Buffer.byteLength(content) });
      expect(m.text()).toBe(content);
      expect(m.state.closed).toBe(true);
    });
  }

  it('stops a file over the limit and aborts its sink', async () => {
    const form = new FormData();
    form.append('file', new File(['x'.repeat(5000)], 'big.csv'));
    const { bytes, boundary } = await encode(form);
    const m = memorySink();
    await expect(
      readMultipart(
        chunked(bytes, () => 512),
        boundary,
        { maxFileBytes: 1000, openFile: async () => m.sink },
      ),
    ).rejects.toBeInstanceOf(UploadTooLarge);
    expect(m.state.aborted).toBe(true);
  });

  it('refuses a body cut off before the closing boundary', async () => {
    const form = new FormData();
    form.append('file', new File([content], 'a.csv'));
    const { bytes, boundary } = await encode(form);
    const m = memorySink();
    await expect(
      readMultipart(
        chunked(bytes.slice(0, bytes.length - 30), () => 100),
        boundary,
        { maxFileBytes: 1 << 20, openFile: async () => m.sink },
      ),
    ).rejects.toBeInstanceOf(MalformedUpload);
    expect(m.state.aborted).toBe(true);
  });

  it('reads the boundary from the Content-Type, quoted or not', () => {
    expect(multipartBoundary('multipart/form-data; boundary=----abc')).toBe('----abc');
    expect(multipartBoundary('multipart/form-data; boundary="a b"')).toBe('a b');
    expect(multipartBoundary('application/x-www-form-urlencoded')).toBeNull();
    expect(multipartBoundary(undefined)).toBeNull();
  });
});
