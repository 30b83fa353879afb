// The inbound events the bot understands, normalised from Lark's v1/v2 payloads (and from the
// SDK's flattened long-connection data), plus the body a card callback answers with.

export interface LarkCardActionEvent {
  kind: 'card_action';
  eventId: string;
  operatorOpenId: string;
  messageId: string;
  /** Empty for callbacks without a chat (e.g. link previews). */
  chatId: string;
  value: Record<string, unknown>;
  formValue?: Record<string, unknown>;
  actionName?: string;
  actionTag?: string;
  /** The `c-…` delayed-update token: 30 min, 2 uses (lark-platform.md §2.4). */
  token: string;
  /** As sent; the unit (µs or ms) differs between events (lark-platform.md §1.1). */
  createTime: string;
}

export interface LarkMessageEvent {
  kind: 'message';
  eventId: string;
  messageId: string;
  chatId: string;
  chatType: 'p2p' | 'group';
  senderOpenId: string;
  /** `text`, `post`, `image`…; `text` is filled for text messages only. */
  messageType: string;
  /** @_user_n placeholders replaced by "@name"; the bot's own mention removed; trimmed. */
  text: string;
  mentionsBot: boolean;
  /** Mentioned users other than the bot. */
  mentionOpenIds: string[];
}

export interface LarkBotAddedEvent {
  kind: 'bot_added';
  eventId: string;
  chatId: string;
  operatorOpenId: string;
  chatName?: string;
}

export interface LarkP2pCreatedEvent {
  kind: 'p2p_created';
  eventId: string;
  chatId: string;
  userOpenId: string;
}

export interface LarkUnknownEvent {
  kind: 'unknown';
  eventId: string;
  eventType: string;
}

export type LarkInboundEvent = LarkCardActionEvent | LarkMessageEvent | LarkBotAddedEvent | LarkP2pCreatedEvent | LarkUnknownEvent;

/** The body of a `card.action.trigger` answer (lark-platform.md §2.2). `{}` means "no change". */
export interface CardActionResponse {
  toast?: {
    type: 'info' | 'success' | 'error' | 'warning';
    content: string;
    i18n?: Record<string, string>;
  };
  card?:
    | { type: 'raw'; data: unknown }
    | { type: 'template'; data: { template_id: string; template_variable?: unknown; template_version_name?: string } };
}

/**
 * The key Lark's re-pushes share: message_id for received messages (the docs say event_id may
 * differ between duplicates, lark-platform.md §1.5), the event id (v2 event_id, v1 uuid) otherwise.
 */
export function dedupeKey(event: LarkInboundEvent): string {
  return event.kind === 'message' ? `message:${event.messageId}` : `event:${event.eventId}`;
}
