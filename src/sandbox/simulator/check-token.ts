// Bearer token checks as Lark's gateway does them (lark-platform.md §4.2, §4.3). 99991663 arrives
// with HTTP 200 and the code in the body, as reported in the field; the SDK then resolves normally.
import type { SimulatorCore } from './simulator-core.ts';
import { fail, type LarkResult } from './lark-reply.ts';
import { newTenantToken } from './lark-ids.ts';

export const TOKEN_LIFETIME_MS = 2 * 60 * 60 * 1000;
/** Asking again with less than 30 min left gets a new token; both stay valid (§4.3). */
const RENEW_WINDOW_MS = 30 * 60 * 1000;

export function checkBearer(core: SimulatorCore, authorization: string | undefined): LarkResult | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
  if (!match?.[1]) return fail(99991661, 'Missing access token for authorization. Please make a request with token attached.');
  const token = match[1];
  if (!token.startsWith('t-') && !token.startsWith('u-'))
    return fail(99991671, 'Invalid access token for authorization. The token must start with t- or u-.');
  const known = core.state.tokens.get(token);
  if (!known || known.revoked || known.expiresAt <= core.now().getTime())
    return fail(99991663, 'Invalid access token for authorization. Please make a request with token attached.', 200);
  return undefined;
}

/** Issues (or re-issues) the app's tenant_access_token. */
export function issueTenantToken(core: SimulatorCore): { token: string; expire: number } {
  const now = core.now().getTime();
  const live = [...core.state.tokens.values()].filter((t) => !t.revoked && t.expiresAt > now).sort((a, b) => b.expiresAt - a.expiresAt)[0];
  if (live && live.expiresAt - now > RENEW_WINDOW_MS) return { token: live.token, expire: Math.floor((live.expiresAt - now) / 1000) };
  const token = newTenantToken();
  core.state.tokens.set(token, { token, issuedAt: now, expiresAt: now + TOKEN_LIFETIME_MS, revoked: false });
  core.state.counters.tokensIssued += 1;
  return { token, expire: TOKEN_LIFETIME_MS / 1000 };
}

export function revokeAllTokens(core: SimulatorCore): void {
  for (const token of core.state.tokens.values()) token.revoked = true;
}
