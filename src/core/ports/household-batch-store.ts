// The household columns the importer owns, and the store port it writes through. Imports move up to
// millions of rows, so the store works in batches: classify a batch by archive number, then write it
// (new and changed rows, plus their audit events) in one transaction.
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

export interface HouseholdAudit {
  householdId: number;
  before: Record<string, string | number | null>;
  after: Record<string, string | number | null>;
}

export interface HouseholdBatchStore {
  /**
   * Remembers that this import run has seen an archive number on a row; returns the row it was
   * first seen on when it is a repeat. Kept outside the JS heap so a million-row file stays bounded.
   */
  markSeen(archiveNo: string, rowNumber: number): number | undefined;
  /** Forgets what markSeen remembered: each pass over a file starts afresh. */
  startRun(): void;
  findByArchiveNos(archiveNos: readonly string[]): Map<string, StoredHousehold>;
  /** Inserts new rows, overwrites changed ones and appends their audit events, in one transaction. */
  writeBatch(rows: readonly HouseholdRecord[], audits: readonly HouseholdAudit[], meta: { now: Date; actor: string }): void;
  close(): void;
}
