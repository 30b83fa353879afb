// Creating a bot message (after every check passed), uuid idempotency for 1 h, and the response
// shape of im.v1.message create/reply as the SDK types describe it.
import type { SimulatorCore } from './simulator-core.ts';
import type { SimMessage } from './simulator-state.ts';
import { newMessageId } from './lark-ids.ts';

const UUID_WINDOW_MS = 60 * 60 * 1000;

export function findByUuid(core: SimulatorCore, uuid: string | undefined): SimMessage | undefined {
  if (!uuid) return undefined;
  const seen = core.state.uuids.get(uuid);
  if (!seen || core.now().getTime() - seen.at > UUID_WINDOW_MS) return undefined;
  return core.state.messages.get(seen.messageId);
}

export function storeBotMessage(
  core: SimulatorCore,
  input: { chatId: string; msgType: string; content: string; uuid?: string; rootId?: string; parentId?: string },
): SimMessage {
  const at = core.now().getTime();
  const message: SimMessage = {
    messageId: newMessageId(),
    chatId: input.chatId,
    msgType: input.msgType,
    content: input.content,
    sender: { type: 'app', id: core.appId },
    createTime: at,
    updateTime: at,
    uuid: input.uuid,
    rootId: input.rootId,
    parentId: input.parentId,
    edits: [],
    urgent: [],
  };
  core.state.messages.set(message.messageId, message);
  if (input.uuid) core.state.uuids.set(input.uuid, { messageId: message.messageId, at });
  core.state.counters.messagesCreated += 1;
  return message;
}

export function messageData(core: SimulatorCore, m: SimMessage): Record<string, unknown> {
  return {
    message_id: m.messageId,
    root_id: m.rootId,
    parent_id: m.parentId,
    msg_type: m.msgType,
    create_time: String(m.createTime),
    update_time: String(m.updateTime),
    deleted: false,
    updated: m.edits.length > 0,
    chat_id: m.chatId,
    sender:
      m.sender.type === 'app'
        ? { id: m.sender.id, id_type: 'app_id', sender_type: 'app', tenant_key: core.tenantKey }
        : { id: m.sender.id, id_type: 'open_id', sender_type: 'user', tenant_key: core.tenantKey },
    body: { content: m.content },
    mentions: [],
  };
}
