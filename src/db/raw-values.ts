// Values of raw query rows, as either database gives them back: better-sqlite3 through Prisma types
// them by the declared column (Date, parsed JSON, boolean, bigint for large integers); D1 gives what
// SQLite stores (ISO 8601 text, JSON text, 0/1).

export function rawInt(value: unknown): number {
  return Number(value);
}

export function rawIntOrNull(value: unknown): number | null {
  return value === null || value === undefined ? null : Number(value);
}

export function rawText(value: unknown): string {
  return String(value);
}

export function rawTextOrNull(value: unknown): string | null {
  return value === null || value === undefined ? null : String(value);
}

export function rawBool(value: unknown): boolean {
  return value === true || value === 1 || value === 1n || value === '1' || value === 'true';
}

export function rawDateOrNull(value: unknown): Date | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value;
  return new Date(typeof value === 'bigint' ? Number(value) : (value as string | number));
}

/** A Json column holding an object or array (or null). */
export function rawJson(value: unknown): unknown {
  return typeof value === 'string' ? (JSON.parse(value) as unknown) : (value ?? null);
}
