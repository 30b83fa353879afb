// API token secrets: a random token shown once (hhq_ + 43 base64url characters, 256 bits) and the
// SHA-256 under which it is stored and looked up. Web Crypto only, so it runs on Node and Workers.
export const apiTokenPrefix = 'hhq_';

export type RandomBytes = (length: number) => Uint8Array;

const secureRandomBytes: RandomBytes = (length) => crypto.getRandomValues(new Uint8Array(length));

export function generateApiToken(randomBytes: RandomBytes = secureRandomBytes): string {
  return apiTokenPrefix + base64url(randomBytes(32));
}

/** Lower-case hex SHA-256 of the token text: what api_tokens.tokenHash holds. */
export async function hashApiToken(token: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(token)));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
