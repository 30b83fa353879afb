// One outgoing Lark API call, as the outbox sends it, and how it ended.
export type LarkCall =
  | {
      kind: 'send';
      receiveIdType: 'chat_id' | 'open_id';
      receiveId: string;
      msgType: 'interactive' | 'text';
      content: string;
      uuid: string;
    }
  | { kind: 'patch'; messageId: string; content: string }
  | { kind: 'urgent'; messageId: string; userIds: string[] }
  | { kind: 'card_update'; token: string; card: object };

export type CallOutcome =
  | { ok: true; messageId?: string }
  /**
   * Try again later: rate limits (honouring x-ogw-ratelimit-reset), 5xx, timeouts. `throttled`:
   * Lark said "too fast" — for the whole app (429 / 99991400: nothing may go until afterMs) or for
   * this chat or user (230020 …: only that target waits).
   */
  | { ok: false; kind: 'retry'; afterMs: number; reason: string; throttled?: 'app' | 'target' }
  /** The cached token was revoked (99991663): clear it and try again at once. */
  | { ok: false; kind: 'token'; reason: string }
  /** This month's API quota is used up (99991403): stop sending until next month. */
  | { ok: false; kind: 'quota'; reason: string }
  /** Will never succeed as it is (bot not in chat, user left, card rejected …): for the admins. */
  | { ok: false; kind: 'permanent'; code: number; reason: string };
