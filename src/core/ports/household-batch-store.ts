// The household columns the importer owns, and the store port it writes through. Imports move up to
// millions of rows, so the store works in batches: classify a batch by archive number, then hand it
// over (new and changed rows, plus their audit events) to be written in transactions of many batches.
export const householdColumns = [
  'archiveNo',
  'archiveLevel',
  'regionId',
  'headName',
  'idNumber',
  'persons',
  'causes',
  'causeMask',
  'tier',
  'employer',
  'phone',
  'officerId',
  'deadline',
  'filedOn',
  'rowHash',
] as const;

export type HouseholdColumn = (typeof householdColumns)[number];

export interface HouseholdRecord {
  archiveNo: string;
  archiveLevel: string;
  regionId: number;
  headName: string;
  idNumber: string;
  persons: number;
  causes: string;
  causeMask: number;
  tier: string | null;
  employer: string | null;
  phone: string | null;
  officerId: number | null;
  deadline: string | null;
  filedOn: string;
  rowHash: string;
}

export type StoredHousehold = HouseholdRecord & { id: number };

/** A row not on file yet: the store computes its rowHash as it writes it. */
export type NewHousehold = Omit<HouseholdRecord, 'rowHash'>;

export interface HouseholdAudit {
  householdId: number;
  before: Record<string, string | number | null>;
  after: Record<string, string | number | null>;
}

/** One batch's writes: rows not on file yet, rows on file whose content changed, and the changes' audit events. */
export interface HouseholdBatch {
  created: readonly NewHousehold[];
  updated: readonly HouseholdRecord[];
  audits: readonly HouseholdAudit[];
}

export interface HouseholdBatchStore {
  /**
   * Remembers that this import run has seen these archive numbers, on these rows (a batch, in file
   * order). For each one, the row it was first seen on when it is a repeat (of an earlier batch or
   * of an earlier row of this batch), else undefined. Kept outside the JS heap so a million-row
   * file stays bounded.
   */
  markSeen(archiveNos: readonly string[], rowNumbers: readonly number[]): (number | undefined)[];
  /** Forgets what markSeen remembered: each pass over a file starts afresh. */
  startRun(): void;
  findByArchiveNos(archiveNos: readonly string[]): Map<string, StoredHousehold>;
  /**
   * Hands over a classified batch: new rows, changed rows and the audit events of the changes. The
   * store writes batches in order, consecutive ones grouped into transactions of about 10,000 rows
   * (a batch is never split); a row another writer added or removed since findByArchiveNos is still
   * written (inserted or overwritten by archive number). Resolves when the store can take the next
   * batch, possibly before this one is written; rejects with the error of an earlier write that
   * failed (that transaction wrote nothing, and nothing after it is written).
   */
  writeBatch(batch: HouseholdBatch, meta: { now: Date; actor: string }): Promise<void>;
  /** Resolves when everything handed over is committed; rejects with the first failed write's error. */
  flush(): Promise<void>;
  /** Releases the store; call flush() first, or what was handed over may not be written. */
  close(): void;
}
