// Tells what an officer reference (责任人) is: a Lark open_id, a mobile, an email or a roster name.
import { normalizeMobile } from './parse-phone.ts';
import { normalizeText, removeCjkSpaces } from './normalize-text.ts';

export type OfficerRefKind = 'open_id' | 'mobile' | 'email' | 'name';
export interface OfficerRef {
  kind: OfficerRefKind;
  value: string;
}

/** Classifying a returned value again gives the same result. An empty cell gives { kind: 'name', value: '' }. */
export function classifyOfficerRef(value: unknown): OfficerRef {
  const text = normalizeText(value);
  if (text.startsWith('ou_')) return { kind: 'open_id', value: text.replace(/\s+/g, '') };
  if (text.includes('@')) return { kind: 'email', value: text.replace(/\s+/g, '').toLowerCase() };
  const mobile = normalizeMobile(text);
  if (mobile !== null) return { kind: 'mobile', value: mobile };
  return { kind: 'name', value: removeCjkSpaces(text) };
}

/** A loose shape check (local@domain.tld); the roster decides whether the person exists. */
export function isEmailShaped(email: string): boolean {
  return /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email);
}
