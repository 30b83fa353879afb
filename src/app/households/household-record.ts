// A validated row plus its resolved region and officer → the stored values, and their content hash
// so a re-import can tell unchanged rows from changed ones without comparing field by field.
import type { HouseholdInput } from '../../core/households/household.ts';
import { householdColumns, type HouseholdRecord, type NewHousehold } from '../../core/ports/household-batch-store.ts';
import { householdRowHash } from '../../db/household-batch-writer.mjs';

/** `filedOn`: the file's 建档日期, else the stored one, else the import date. */
export function toHouseholdValues(input: HouseholdInput, regionId: number, officerId: number | null, filedOn: string): NewHousehold {
  return {
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
}

export function toHouseholdRecord(input: HouseholdInput, regionId: number, officerId: number | null, filedOn: string): HouseholdRecord {
  const values = toHouseholdValues(input, regionId, officerId, filedOn);
  return { ...values, rowHash: hashRecord(values) };
}

/** The row's rowHash, as the store computes it for the rows it inserts (householdRowHash). */
export function hashRecord(record: NewHousehold): string {
  return householdRowHash([
    record.archiveNo,
    record.archiveLevel,
    record.regionId,
    record.headName,
    record.idNumber,
    record.persons,
    record.causes,
    record.causeMask,
    record.tier ?? null,
    record.employer ?? null,
    record.phone ?? null,
    record.officerId ?? null,
    record.deadline ?? null,
    record.filedOn,
  ]);
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
