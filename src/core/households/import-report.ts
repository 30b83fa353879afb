// What an import run tells the admin: counts, warnings, and the rejected rows (kept up to a limit
// in memory; all of them go to the reject sink, e.g. the rejected-rows CSV).
export interface RejectedRow {
  rowNumber: number;
  values: unknown[];
  reasons: string[];
}

export interface RejectSink {
  header(headers: unknown[]): void | Promise<void>;
  write(row: RejectedRow): void | Promise<void>;
}

export interface ImportReport {
  dryRun: boolean;
  strict: boolean;
  /** strict mode found bad rows, so nothing was written */
  aborted: boolean;
  rowsRead: number;
  blankRows: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  peopleAdded: number;
  regionsAdded: number;
  warnings: string[];
  rejects: RejectedRow[];
}

export const rejectsKeptInReport = 200;

export function emptyReport(dryRun: boolean, strict: boolean): ImportReport {
  return {
    dryRun,
    strict,
    aborted: false,
    rowsRead: 0,
    blankRows: 0,
    created: 0,
    updated: 0,
    unchanged: 0,
    rejected: 0,
    peopleAdded: 0,
    regionsAdded: 0,
    warnings: [],
    rejects: [],
  };
}
