// Files the console hands out (the 督查台账 workbook, the rejected-rows CSV): never cached, and a
// Content-Disposition with the Chinese file name for every browser: `filename*` (RFC 5987/6266,
// UTF-8, percent-encoded) for those that read it, an ASCII `filename` for the rest.
import type { Context } from 'hono';
import { pageHeaders } from './respond.ts';

export function contentDisposition(fileName: string, asciiFallback: string): string {
  const ascii = asciiFallback.replace(/[^\x20-\x7e]|["\\%;]/g, '_');
  // encodeURIComponent leaves !'()* alone; RFC 5987's attr-char does not allow ' ( ) *.
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

export function sendDownload(c: Context, body: Uint8Array | ArrayBuffer, file: { name: string; ascii: string; type: string }): Response {
  for (const [k, v] of Object.entries(pageHeaders)) c.header(k, v);
  c.header('content-type', file.type);
  c.header('content-disposition', contentDisposition(file.name, file.ascii));
  return c.body(body instanceof Uint8Array ? (body as Uint8Array<ArrayBuffer>) : new Uint8Array(body), 200);
}
