// The verification token is a secret: it is checked on arrival and never stored with the event
// (v2 `header.token`, v1 `token`). A card's `event.token` is the update token and is kept.
import { isRecord } from './json-guards.ts';

export function stripVerificationToken(payload: Record<string, unknown>): Record<string, unknown> {
  // Spread copies own properties with define semantics, so a "__proto__" key stays plain data.
  const { token: _v1, ...rest } = payload;
  const header = rest.header;
  if (!isRecord(header)) return rest;
  const { token: _v2, ...cleanHeader } = header;
  return { ...rest, header: cleanHeader };
}
