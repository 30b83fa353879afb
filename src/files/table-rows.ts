// The shape every spreadsheet reader yields: rows numbered as the spreadsheet shows them (header = 1).
export interface TableRow {
  rowNumber: number;
  values: unknown[];
}

export interface TableSource {
  /** 'xlsx' or 'csv'; for csv also the detected encoding. */
  format: 'xlsx' | 'csv';
  encoding?: 'utf8' | 'gb18030';
  totalBytes: number;
  /** Bytes of the file consumed so far, for progress. */
  bytesRead(): number;
  rows(): AsyncIterable<TableRow>;
}
