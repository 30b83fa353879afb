// The simulator's world as JSON, so a sandbox restart keeps the chat history as Lark would: chats
// (direct chats included), messages with their edits, send idempotency keys, the month's quota,
// counters and the recent call log. Tokens are not kept: the bot fetches a new one, as after a
// real restart. Group chats and users are rebuilt from the roster at start; kept ones add to them.
import type {
  SimApiCall,
  SimCallbackOutcome,
  SimChat,
  SimCounters,
  SimEventPush,
  SimMessage,
  SimToast,
  SimulatorState,
} from './simulator-state.ts';

export interface SimulatorSnapshot {
  version: 1;
  chats: SimChat[];
  messages: SimMessage[];
  uuids: [string, { messageId: string; at: number }][];
  unreadBuzzes: [string, number][];
  quotaUsed: [string, number][];
  counters: SimCounters;
  calls: SimApiCall[];
  toasts: SimToast[];
  callbacks: SimCallbackOutcome[];
  pushes: SimEventPush[];
}

/** Logs are capped so a sandbox left running for weeks stays small. */
export const SNAPSHOT_LOG_LIMIT = 500;

export function snapshotSimulator(state: SimulatorState): SimulatorSnapshot {
  const recent = <T>(list: T[]): T[] => list.slice(-SNAPSHOT_LOG_LIMIT);
  return {
    version: 1,
    chats: [...state.chats.values()],
    messages: [...state.messages.values()],
    uuids: [...state.uuids.entries()],
    unreadBuzzes: [...state.unreadBuzzes.entries()],
    quotaUsed: [...state.quotaUsed.entries()],
    counters: { ...state.counters },
    calls: recent(state.calls),
    toasts: recent(state.toasts),
    callbacks: recent(state.callbacks),
    pushes: recent(state.pushes),
  };
}

/** Adds a snapshot's world to a state (chats already present keep their current members). */
export function restoreSimulator(state: SimulatorState, snapshot: unknown): void {
  if (!isSnapshot(snapshot)) throw new Error('沙箱模拟器的存档格式不对（可能来自旧版本）：请用 npm start -- --reset-demo 重新开始');
  for (const chat of snapshot.chats) if (!state.chats.has(chat.chatId)) state.chats.set(chat.chatId, chat);
  for (const message of snapshot.messages) state.messages.set(message.messageId, message);
  for (const [k, v] of snapshot.uuids) state.uuids.set(k, v);
  for (const [k, v] of snapshot.unreadBuzzes) state.unreadBuzzes.set(k, v);
  for (const [k, v] of snapshot.quotaUsed) state.quotaUsed.set(k, v);
  Object.assign(state.counters, snapshot.counters);
  state.calls.push(...snapshot.calls);
  state.toasts.push(...snapshot.toasts);
  state.callbacks.push(...snapshot.callbacks);
  state.pushes.push(...snapshot.pushes);
}

/** Drops the oldest log entries past the cap (called as the sandbox saves). */
export function trimSimulatorLogs(state: SimulatorState, limit = SNAPSHOT_LOG_LIMIT * 4): void {
  for (const list of [state.calls, state.toasts, state.callbacks, state.pushes] as unknown[][])
    if (list.length > limit) list.splice(0, list.length - limit);
}

function isSnapshot(value: unknown): value is SimulatorSnapshot {
  if (value === null || typeof value !== 'object') return false;
  const v = value as Record<string, unknown>;
  return (
    v.version === 1 &&
    ['chats', 'messages', 'uuids', 'unreadBuzzes', 'quotaUsed', 'calls', 'toasts', 'callbacks', 'pushes'].every((k) =>
      Array.isArray(v[k]),
    ) &&
    typeof v.counters === 'object' &&
    v.counters !== null
  );
}
