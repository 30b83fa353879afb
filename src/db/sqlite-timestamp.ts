// DateTime columns as the Prisma better-sqlite3 adapter writes them (ISO 8601 with +00:00),
// for raw statements that must read back through Prisma unchanged.
export function sqliteTimestamp(at: Date): string {
  return at.toISOString().replace('Z', '+00:00');
}
