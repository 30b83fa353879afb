// A TableSource over rows already in memory (a header row, then data rows): lets the importers take
// generated demo data through exactly the same path as a file.
import type { TableSource } from './table-rows.ts';

export function rowsSource(header: readonly string[], rows: readonly Record<string, unknown>[]): TableSource {
  return {
    format: 'csv',
    totalBytes: rows.length,
    bytesRead: () => rows.length,
    rows: async function* () {
      yield { rowNumber: 1, values: [...header] };
      let n = 1;
      for (const r of rows) yield { rowNumber: ++n, values: header.map((h) => r[h] ?? '') };
    },
  };
}
