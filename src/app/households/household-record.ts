// A validated row plus its resolved region and officer → the stored record, with a content hash
// so a re-import can tell unchanged rows from changed ones without comparing field by field.
import { createHash } from 'node:crypto';
import type { HouseholdInput } from '../../core/households/household.ts';
import { householdColumns, type HouseholdRecord } from '../../core/ports/household-batch-store.ts';

/** `filedOn`: the file's 建档日期, else the stored one, else the import date. */
export function toHouseholdRecord(input: HouseholdInput, regionId: number, officerId: number | null, filedOn: string): HouseholdRecord {
  const record: Omit<HouseholdRecord, 'rowHash'> = {
    archiveNo: input.archiveNo,
    archiveLevel: input.archiveLevel,
    regionId,
    headName: input.headName,
    idNumber: input.idNumber,
    persons: input.persons,
    causes: input.causes.join('、'),
    causeMask: input.causeMask,
    tier: input.tier,
    employer: input.employer,
    phone: input.phone,
    officerId,
    deadline: input.deadline,
    filedOn,
  };
  return { ...record, rowHash: hashRecord(record) };
}

export function hashRecord(record: Omit<HouseholdRecord, 'rowHash'>): string {
  const values = householdColumns.filter((c) => c !== 'rowHash').map((c) => record[c as keyof typeof record] ?? null);
  return createHash('sha1').update(JSON.stringify(values)).digest('base64');
}

const sensitive = new Set(['headName', 'idNumber', 'phone']);

/** Changed fields for the audit log; personal data is recorded as changed, never by value. */
type FieldValues = Record<string, string | number | null>;

export function changedFields(before: HouseholdRecord, after: HouseholdRecord): { before: FieldValues; after: FieldValues } {
  const b: FieldValues = {};
  const a: FieldValues = {};
  for (const c of householdColumns) {
    if (c === 'rowHash' || c === 'filedOn' || before[c] === after[c]) continue;
    b[c] = sensitive.has(c) ? '（已变更）' : before[c];
    a[c] = sensitive.has(c) ? '（已变更）' : after[c];
  }
  return { before: b, after: a };
}
