// Every console page goes out with the same headers: never cached (personal data), no framing,
// forms only to this site, and no scripts — except on a page that draws something (a flow diagram,
// charts): it passes a fresh nonce, and the CSP then allows scripts from this site (the libraries
// under /assets) and the inline ones carrying that nonce, nothing else.
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { randomToken } from './sign.ts';

export const pageHeaders: Record<string, string> = {
  'cache-control': 'no-store',
  'content-security-policy':
    "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
};

/** A CSP nonce for one response. */
export function newNonce(): string {
  return randomToken(16);
}

/** The page with the console's headers; with `nonce`, scripts from this site and that nonce are allowed. */
export function sendPage(c: Context, status: ContentfulStatusCode, body: string, nonce?: string): Response {
  for (const [k, v] of Object.entries(pageHeaders)) c.header(k, v);
  if (nonce !== undefined)
    c.header('content-security-policy', `${pageHeaders['content-security-policy']}; script-src 'self' 'nonce-${nonce}'`);
  return c.html(body, status);
}
