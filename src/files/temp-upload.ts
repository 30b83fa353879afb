// A temporary folder for one uploaded file and what is made from it (the rejected-rows CSV): the
// upload is written chunk by chunk as it arrives (never held in memory) and the folder is removed
// when the job that uses it is forgotten.
import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';

export interface FileSink {
  write(chunk: Uint8Array): Promise<void>;
  /** All bytes are on disk. */
  close(): Promise<void>;
  /** Stops writing and deletes what was written. */
  abort(): Promise<void>;
}

export interface TempUpload {
  dir: string;
  /** The uploaded file: `upload<ext>` (the extension decides how it is read). */
  file: string;
  sink: FileSink;
  remove(): Promise<void>;
}

export async function createTempUpload(extension: string, root = tmpdir()): Promise<TempUpload> {
  const dir = await mkdtemp(path.join(root, 'huhuqing-upload-'));
  const file = path.join(dir, `upload${extension}`);
  const out = createWriteStream(file);
  const failed = new Promise<never>((_, reject) => out.once('error', reject));
  failed.catch(() => undefined);
  const remove = () => rm(dir, { recursive: true, force: true });
  return {
    dir,
    file,
    remove,
    sink: {
      async write(chunk) {
        if (!out.write(chunk)) await Promise.race([once(out, 'drain'), failed]);
      },
      async close() {
        out.end();
        await Promise.race([once(out, 'finish'), failed]);
      },
      async abort() {
        out.destroy();
        await remove();
      },
    },
  };
}

/** A file kept in an upload's folder (the error report), streamed to a response. */
export async function openFileStream(file: string): Promise<ReadableStream<Uint8Array>> {
  const stream = createReadStream(file);
  await once(stream, 'open');
  return Readable.toWeb(stream) as ReadableStream<Uint8Array>;
}
