// A household file (一户一档) as the import delivers it, after normalisation and validation.
export const archiveLevels = ['全国级', '省级', '地市级', '区县级'] as const;
export type ArchiveLevel = (typeof archiveLevels)[number];

export const tiers = ['深度困难', '相对困难', '意外致困'] as const;
export type Tier = (typeof tiers)[number];

/** A validated row; region and officer are still names/references, resolved against the database later. */
export interface HouseholdInput {
  archiveNo: string;
  archiveLevel: ArchiveLevel;
  province: string;
  city: string;
  county: string;
  headName: string;
  idNumber: string;
  persons: number;
  causes: string[]; // canonical names, in the list's order
  causeMask: number;
  tier: Tier | null;
  employer: string | null;
  phone: string | null;
  officer: string | null; // a roster name, mobile, email or open_id, as typed (normalised)
  deadline: string | null; // YYYY-MM-DD
  filedOn: string | null; // YYYY-MM-DD; null → the import date
}
