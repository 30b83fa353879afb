// The simulator's inspectable world: users, chats, messages, tokens and a log of every API call.
// Plain data so tests (and the /sandbox page) can read and assert on it directly.

export interface SimUser {
  openId: string;
  name: string;
  mobile?: string;
  email?: string;
  /** Tenant-scoped user_id; only set when the roster knows it (receive_id_type=user_id). */
  userId?: string;
}

export interface SimChat {
  chatId: string;
  name: string;
  /** Human members' open_ids (bots are never listed, as Lark's member list excludes them). */
  members: string[];
  botInChat: boolean;
  chatType: 'group' | 'p2p';
}

export interface SimMessageEdit {
  at: number;
  content: string;
  via: 'patch' | 'card_update' | 'callback';
  /** A card/update call made before the callback was answered: Lark reverts it at once (§2.4). */
  reverted?: boolean;
}

export interface SimMessage {
  messageId: string;
  chatId: string;
  msgType: string;
  /** The current content as a JSON string, exactly as the API carries it. */
  content: string;
  sender: { type: 'app' | 'user'; id: string };
  /** Milliseconds since the epoch, simulator time. */
  createTime: number;
  updateTime: number;
  uuid?: string;
  rootId?: string;
  parentId?: string;
  edits: SimMessageEdit[];
  urgent: { at: number; userIds: string[] }[];
}

export interface SimToken {
  token: string;
  issuedAt: number;
  expiresAt: number;
  revoked: boolean;
}

/** A card callback's update token (`c-…`): valid 30 min, usable twice (§2.4). */
export interface SimCardToken {
  token: string;
  messageId: string;
  mintedAt: number;
  uses: number;
  /** False until the bot's HTTP answer to the callback arrived; updates before that are reverted. */
  answered: boolean;
}

export interface SimApiCall {
  at: number;
  method: string;
  path: string;
  query: string;
  status: number;
  /** The `code` of a JSON body; absent for non-JSON (injected 5xx) bodies. */
  code?: number;
  fault?: 'timeout' | '429' | '5xx-before' | '5xx-after';
  /** A throttled call's x-ogw-ratelimit-reset: the seconds Lark asked the caller to wait. */
  rateLimitReset?: number;
  /**
   * Arrival order (1, 2, …). The log is in order of answers: a held ("timed out") call is logged
   * when its answer finally leaves, after calls that arrived later.
   */
  seq?: number;
}

export interface SimToast {
  at: number;
  messageId: string;
  operatorOpenId?: string;
  type: string;
  content: string;
}

export interface SimCallbackOutcome {
  at: number;
  messageId: string;
  status: number;
  durationMs: number;
  /** 0 when the client accepted the answer; otherwise the client-side error code (§2.2). */
  code: number;
  detail: string;
}

export interface SimEventPush {
  at: number;
  eventId: string;
  eventType: string;
  status: number;
  durationMs: number;
}

export interface SimCounters {
  tokensIssued: number;
  messagesCreated: number;
  idempotentReplays: number;
  edits: number;
  buzzes: number;
  throttled429: number;
  throttled230020: number;
  quotaRejected: number;
  faults: number;
}

export interface SimulatorState {
  users: Map<string, SimUser>;
  chats: Map<string, SimChat>;
  messages: Map<string, SimMessage>;
  tokens: Map<string, SimToken>;
  cardTokens: Map<string, SimCardToken>;
  /** uuid → message, for send idempotency within 1 h. */
  uuids: Map<string, { messageId: string; at: number }>;
  /** Unread buzzes per user open_id (a target may have at most 200, §3.3). */
  unreadBuzzes: Map<string, number>;
  /** Monthly quota usage keyed by `YYYY-MM` in China time. */
  quotaUsed: Map<string, number>;
  calls: SimApiCall[];
  toasts: SimToast[];
  callbacks: SimCallbackOutcome[];
  pushes: SimEventPush[];
  counters: SimCounters;
}

export function createSimulatorState(): SimulatorState {
  return {
    users: new Map(),
    chats: new Map(),
    messages: new Map(),
    tokens: new Map(),
    cardTokens: new Map(),
    uuids: new Map(),
    unreadBuzzes: new Map(),
    quotaUsed: new Map(),
    calls: [],
    toasts: [],
    callbacks: [],
    pushes: [],
    counters: {
      tokensIssued: 0,
      messagesCreated: 0,
      idempotentReplays: 0,
      edits: 0,
      buzzes: 0,
      throttled429: 0,
      throttled230020: 0,
      quotaRejected: 0,
      faults: 0,
    },
  };
}

/** Messages in a chat, oldest first; an open_id gives the bot's direct chat with that user. */
export function messagesIn(state: SimulatorState, chatIdOrOpenId: string): SimMessage[] {
  const chatId = state.chats.has(chatIdOrOpenId) ? chatIdOrOpenId : findP2pChat(state, chatIdOrOpenId)?.chatId;
  return [...state.messages.values()].filter((m) => m.chatId === chatId);
}

export function findP2pChat(state: SimulatorState, openId: string): SimChat | undefined {
  return [...state.chats.values()].find((c) => c.chatType === 'p2p' && c.members[0] === openId);
}

/** The parsed card of an interactive message (its current version). */
export function cardOf(message: SimMessage): Record<string, unknown> {
  return JSON.parse(message.content) as Record<string, unknown>;
}
