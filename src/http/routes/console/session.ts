// Console sessions: a signed, HttpOnly, SameSite=Lax cookie holding the person id and the time it
// was issued, good for 12 hours. Every POST form carries a CSRF token derived from the session
// (HMAC of the cookie's content with the secret), so nothing is stored on the server. Before
// sign-in, a short-lived signed cookie holds a nonce: it binds the sign-in form's token (sandbox)
// and the OAuth `state` (live) to this browser, and where to go afterwards.
import type { Context } from 'hono';
import { deleteCookie, getCookie, getSignedCookie, setSignedCookie } from 'hono/cookie';
import type { ConsoleDeps } from './console-deps.ts';
import { hmac, randomToken, sameToken } from './sign.ts';

export const sessionCookie = 'hhq_session';
export const loginCookie = 'hhq_login';
export const sessionHours = 12;
const loginMinutes = 10;

export type SessionState =
  { kind: 'none' } | { kind: 'invalid' } | { kind: 'expired' } | { kind: 'ok'; personId: number; issuedAt: number; csrf: string };

export function cookieOptions(c: Context, deps: ConsoleDeps, maxAgeSeconds: number) {
  const https = new URL(c.req.url).protocol === 'https:' || (deps.publicUrl ?? '').startsWith('https://');
  return { httpOnly: true, sameSite: 'Lax' as const, path: '/', secure: https, maxAge: maxAgeSeconds };
}

const sessionClock = (deps: ConsoleDeps) => (deps.sessionNow ?? deps.now)();

export async function startSession(c: Context, deps: ConsoleDeps, personId: number): Promise<void> {
  const value = `${personId}.${sessionClock(deps).getTime()}`;
  await setSignedCookie(c, sessionCookie, value, deps.sessionSecret, cookieOptions(c, deps, sessionHours * 3600));
}

export function endSession(c: Context, deps: ConsoleDeps): void {
  deleteCookie(c, sessionCookie, cookieOptions(c, deps, 0));
}

export async function readSession(c: Context, deps: ConsoleDeps): Promise<SessionState> {
  if (getCookie(c, sessionCookie) === undefined) return { kind: 'none' };
  // Present but not signed by us (tampered, forged, or signed with another secret).
  const value = await getSignedCookie(c, deps.sessionSecret, sessionCookie);
  const m = typeof value === 'string' ? /^(\d{1,12})\.(\d{1,15})$/.exec(value) : null;
  if (!m) return { kind: 'invalid' };
  const personId = Number(m[1]);
  const issuedAt = Number(m[2]);
  const now = sessionClock(deps).getTime();
  // A cookie from the future was not issued by this server's clock.
  if (issuedAt > now + 5 * 60_000) return { kind: 'invalid' };
  if (now - issuedAt >= sessionHours * 3600_000) return { kind: 'expired' };
  return { kind: 'ok', personId, issuedAt, csrf: await hmac(deps.sessionSecret, `csrf|${m[0]}`) };
}

export function checkToken(expected: string, sent: unknown): boolean {
  return typeof sent === 'string' && sameToken(expected, sent);
}

/** Before sign-in: a nonce for this browser, and the local path to return to. */
export async function startLogin(c: Context, deps: ConsoleDeps, next: string | null): Promise<{ formToken: string; state: string }> {
  const nonce = randomToken();
  await setSignedCookie(c, loginCookie, `${nonce}:${next ?? ''}`, deps.sessionSecret, cookieOptions(c, deps, loginMinutes * 60));
  return loginTokens(deps, nonce);
}

export async function readLogin(c: Context, deps: ConsoleDeps): Promise<{ formToken: string; state: string; next: string | null } | null> {
  const value = await getSignedCookie(c, deps.sessionSecret, loginCookie);
  if (typeof value !== 'string') return null;
  const at = value.indexOf(':');
  if (at <= 0) return null;
  const next = safeNext(value.slice(at + 1));
  return { ...(await loginTokens(deps, value.slice(0, at))), next };
}

export function endLogin(c: Context, deps: ConsoleDeps): void {
  deleteCookie(c, loginCookie, cookieOptions(c, deps, 0));
}

async function loginTokens(deps: ConsoleDeps, nonce: string) {
  return { formToken: await hmac(deps.sessionSecret, `login|${nonce}`), state: await hmac(deps.sessionSecret, `oauth|${nonce}`) };
}

/** Only a path on this site (no scheme, no //host) may be returned to after sign-in. */
export function safeNext(next: string | undefined | null): string | null {
  if (!next) return null;
  return /^\/(?![/\\])[A-Za-z0-9\-._~%/?=&+]*$/.test(next) && !next.startsWith('/login') ? next : null;
}
