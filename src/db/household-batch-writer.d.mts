// Types of household-batch-writer.mjs (plain JavaScript so a worker thread can load it without tsx).
import type Database from 'better-sqlite3';

export interface BatchWriterSql {
  insert: string;
  update: string;
  upsert: string;
  audit: string;
}

export type HouseholdRow = (string | number | null)[];

/** The stored content hash (rowHash) of a household's values, archiveNo … filedOn in column order. */
export function householdRowHash(values: readonly (string | number | null)[]): string;

export interface WriterBatch {
  at: string;
  actor: string;
  /** Values without rowHash: the writer computes it. */
  created: HouseholdRow[];
  updated: HouseholdRow[];
  /** [householdId, before as JSON, after as JSON] */
  audits: [number, string, string][];
}

export interface BatchWriterThreadOptions {
  file: string;
  timeout: number;
  /** Run on the thread's connection first, as on the store's own. */
  pragmas: string[];
  sql: BatchWriterSql;
}

export function createBatchWriter(db: Database.Database, sql: BatchWriterSql): (batch: WriterBatch) => void;
