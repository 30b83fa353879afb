// The parsers of the single-value household fields, gathered for callers that need several of them.
export { parseArchiveLevel } from './parse-archive-level.ts';
export { parseTier } from './parse-tier.ts';
export { parsePersons } from './parse-persons.ts';
export { parsePhone, normalizeMobile, normalizeLandline } from './parse-phone.ts';
export { classifyOfficerRef, isEmailShaped } from './classify-officer-ref.ts';
export type { OfficerRef, OfficerRefKind } from './classify-officer-ref.ts';
