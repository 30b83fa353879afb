// The chat list of the person the page acts as: the groups they are in (with the bot) and their
// direct chat with the bot, which exists on the page even before its first message, as in Lark.
import type { SimulatorCore } from '../simulator/simulator-core.ts';
import { findP2pChat, type SimMessage } from '../simulator/simulator-state.ts';

export interface ChatListItem {
  /** A chat_id, or `p2p:<open_id>` for a direct chat with the bot that has no messages yet. */
  chatId: string;
  name: string;
  kind: 'group' | 'p2p';
  messages: number;
  lastAt: number | null;
  lastPreview: string;
}

export const P2P_PLACEHOLDER = 'p2p:';

export function listChats(core: SimulatorCore, openId: string): ChatListItem[] {
  const byChat = new Map<string, SimMessage[]>();
  for (const m of core.state.messages.values()) {
    const list = byChat.get(m.chatId);
    if (list) list.push(m);
    else byChat.set(m.chatId, [m]);
  }
  const item = (chatId: string, name: string, kind: 'group' | 'p2p'): ChatListItem => {
    const messages = byChat.get(chatId) ?? [];
    const last = messages.reduce<SimMessage | undefined>((a, m) => (!a || m.createTime >= a.createTime ? m : a), undefined);
    return { chatId, name, kind, messages: messages.length, lastAt: last?.createTime ?? null, lastPreview: last ? previewOf(last) : '' };
  };
  const direct = findP2pChat(core.state, openId);
  const groups = [...core.state.chats.values()].filter((c) => c.chatType === 'group' && c.botInChat && c.members.includes(openId));
  return [
    direct ? item(direct.chatId, core.appName, 'p2p') : item(`${P2P_PLACEHOLDER}${openId}`, core.appName, 'p2p'),
    ...groups.map((c) => item(c.chatId, c.name, 'group')),
  ];
}

/** One line for the chat list: a card's summary or title, a text's first characters. */
export function previewOf(message: SimMessage): string {
  try {
    const content = JSON.parse(message.content) as Record<string, unknown>;
    if (message.msgType === 'text' && typeof content.text === 'string')
      return clipLine(content.text.replace(/<at[^>]*>([^<]*)<\/at>/g, '@$1'));
    const config = content.config as { summary?: { content?: unknown } } | undefined;
    const header = content.header as { title?: { content?: unknown } } | undefined;
    const summary = config?.summary?.content ?? header?.title?.content;
    return typeof summary === 'string' ? `[卡片] ${clipLine(summary)}` : '[卡片]';
  } catch {
    return '[消息]';
  }
}

function clipLine(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 40 ? `${line.slice(0, 39)}…` : line;
}
