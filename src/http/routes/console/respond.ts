// Every console page goes out with the same headers: never cached (personal data), no framing,
// no scripts at all (the pages need none), forms only to this site.
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

export const pageHeaders: Record<string, string> = {
  'cache-control': 'no-store',
  'content-security-policy':
    "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
};

export function sendPage(c: Context, status: ContentfulStatusCode, body: string): Response {
  for (const [k, v] of Object.entries(pageHeaders)) c.header(k, v);
  return c.html(body, status);
}
