// A streaming reader of multipart/form-data bodies (RFC 7578) for the console's file upload: small
// text fields are collected, the one file part is handed chunk by chunk to a sink (a temporary file)
// as it arrives, so a 50 MB spreadsheet never sits in memory. Fields placed before the file in the
// form (the CSRF token) are known when the file starts: `openFile` may refuse before a byte is written.
import type { FileSink } from '../../../files/temp-upload.ts';

export class UploadTooLarge extends Error {
  constructor(readonly limit: number) {
    super(`upload larger than ${limit} bytes`);
  }
}

export class MalformedUpload extends Error {}

export interface MultipartFile {
  field: string;
  fileName: string;
  bytes: number;
}

export interface MultipartOptions {
  maxFileBytes: number;
  /** All text fields together; default 64 KiB. */
  maxFieldBytes?: number;
  /** A file part begins: where its bytes go. Throw to refuse (nothing has been written yet). */
  openFile: (fields: Readonly<Record<string, string>>, file: { field: string; fileName: string }) => Promise<FileSink>;
}

export function multipartBoundary(contentType: string | undefined): string | null {
  if (!contentType || !/^multipart\/form-data\s*;/i.test(contentType)) return null;
  const m = /;\s*boundary=(?:"([^"]{1,70})"|([^\s;]{1,70}))/i.exec(contentType);
  return m ? (m[1] ?? m[2] ?? null) : null;
}

type Part = { field: string; fileName: string | null; sink: FileSink | null; text: Buffer[]; bytes: number };

export async function readMultipart(
  body: ReadableStream<Uint8Array>,
  boundary: string,
  options: MultipartOptions,
): Promise<{ fields: Record<string, string>; file: MultipartFile | null }> {
  const maxFieldBytes = options.maxFieldBytes ?? 64 * 1024;
  const delimiter = Buffer.from(`\r\n--${boundary}`);
  const fields: Record<string, string> = {};
  let file: MultipartFile | null = null;
  let fieldBytes = 0;
  let part: Part | null = null;
  let state: 'preamble' | 'boundary' | 'headers' | 'body' | 'end' = 'preamble';
  // A CRLF in front so that the first boundary (at the very start) matches the delimiter too.
  let buf: Buffer = Buffer.from('\r\n');

  const feed = async (chunk: Buffer) => {
    if (!part || chunk.length === 0) return;
    part.bytes += chunk.length;
    if (part.sink) {
      if (part.bytes > options.maxFileBytes) throw new UploadTooLarge(options.maxFileBytes);
      await part.sink.write(chunk);
    } else {
      fieldBytes += chunk.length;
      if (fieldBytes > maxFieldBytes) throw new MalformedUpload('form fields too large');
      part.text.push(chunk);
    }
  };

  const startPart = async (head: string): Promise<Part> => {
    const disposition = /^content-disposition:\s*form-data(.*)$/im.exec(head)?.[1] ?? null;
    if (disposition === null) throw new MalformedUpload('part without Content-Disposition: form-data');
    const field = param(disposition, 'name');
    if (field === null) throw new MalformedUpload('part without a name');
    const fileName = param(disposition, 'filename');
    if (fileName === null) return { field, fileName: null, sink: null, text: [], bytes: 0 };
    if (file !== null) throw new MalformedUpload('more than one file');
    const sink = await options.openFile(fields, { field, fileName: baseName(fileName) });
    return { field, fileName: baseName(fileName), sink, text: [], bytes: 0 };
  };

  const endPart = async () => {
    if (!part) return;
    if (part.sink) {
      await part.sink.close();
      file = { field: part.field, fileName: part.fileName ?? '', bytes: part.bytes };
    } else {
      fields[part.field] = Buffer.concat(part.text).toString('utf8');
    }
    part = null;
  };

  const drain = async () => {
    for (;;) {
      if (state === 'preamble') {
        const i = buf.indexOf(delimiter);
        if (i < 0) {
          buf = buf.subarray(Math.max(0, buf.length - delimiter.length + 1));
          return;
        }
        buf = buf.subarray(i + delimiter.length);
        state = 'boundary';
      } else if (state === 'boundary') {
        if (buf.length < 2) return;
        if (buf[0] === 0x2d && buf[1] === 0x2d) {
          state = 'end';
          buf = Buffer.alloc(0);
          return;
        }
        if (buf[0] !== 0x0d || buf[1] !== 0x0a) throw new MalformedUpload('bad boundary line');
        buf = buf.subarray(2);
        state = 'headers';
      } else if (state === 'headers') {
        const i = buf.indexOf('\r\n\r\n');
        if (i < 0) {
          if (buf.length > 16 * 1024) throw new MalformedUpload('part headers too long');
          return;
        }
        part = await startPart(buf.subarray(0, i).toString('utf8'));
        buf = buf.subarray(i + 4);
        state = 'body';
      } else if (state === 'body') {
        const i = buf.indexOf(delimiter);
        if (i >= 0) {
          await feed(buf.subarray(0, i));
          await endPart();
          buf = buf.subarray(i + delimiter.length);
          state = 'boundary';
          continue;
        }
        // Keep what could be the start of a delimiter split across chunks.
        const keep = delimiter.length - 1;
        if (buf.length > keep) {
          await feed(buf.subarray(0, buf.length - keep));
          buf = buf.subarray(buf.length - keep);
        }
        return;
      } else {
        buf = Buffer.alloc(0);
        return;
      }
    }
  };

  const finished = () => state === 'end';
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      buf = buf.length === 0 ? Buffer.from(value) : Buffer.concat([buf, value]);
      await drain();
    }
    if (!finished()) throw new MalformedUpload('the body ended before the closing boundary');
  } catch (error) {
    await (part as Part | null)?.sink?.abort();
    await reader.cancel().catch(() => undefined);
    throw error;
  }
  return { fields, file };
}

/** A parameter of a Content-Disposition header: filename*=UTF-8''… wins over filename="…". */
function param(disposition: string, name: string): string | null {
  const extended = new RegExp(`;\\s*${name}\\*=(?:UTF-8|utf-8)''([^;\\s]*)`, 'i').exec(disposition);
  if (extended?.[1] !== undefined) {
    try {
      return decodeURIComponent(extended[1]);
    } catch {
      throw new MalformedUpload(`bad ${name}*`);
    }
  }
  const quoted = new RegExp(`;\\s*${name}="((?:[^"\\\\]|\\\\.)*)"`, 'i').exec(disposition);
  if (quoted?.[1] !== undefined) return quoted[1].replace(/\\(.)/g, '$1').replace(/%22/g, '"');
  const bare = new RegExp(`;\\s*${name}=([^;\\s]+)`, 'i').exec(disposition);
  return bare?.[1] ?? null;
}

/** Browsers send the bare name; old ones sent a full Windows path. */
function baseName(fileName: string): string {
  return fileName.split(/[\\/]/).pop() ?? fileName;
}
