// Signing in to the console with Lark (live mode): the OAuth web login. The adapter in
// src/lark/login talks HTTP to the Lark Open API; tests pass a fake peer.

export interface LarkIdentity {
  openId: string;
  /** The name Lark knows the user by (for messages only; the roster decides who they are). */
  name: string | null;
}

export interface LarkWebLogin {
  /** Where the browser goes to sign in; Lark comes back to `redirectUri?code=…&state=…`. */
  authorizeUrl(input: { redirectUri: string; state: string }): string;
  /** Exchanges the one-time code for the user's identity; an AppError ('forbidden') when Lark refuses. */
  identify(input: { code: string; redirectUri: string }): Promise<LarkIdentity>;
}
