// DATABASE_URL ("file:./data/huhuqing.db") → a file-system path, relative to the working directory.
import path from 'node:path';

export function sqlitePath(databaseUrl: string): string {
  const raw = databaseUrl.replace(/^file:/, '').replace(/\?.*$/, '');
  return raw === ':memory:' ? raw : path.resolve(raw);
}
