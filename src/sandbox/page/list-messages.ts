// A chat's messages as the page shows them: sender, time, whether the bot edited it, and the
// content rendered to HTML on the server (cards through renderCardHtml, so the page script stays
// a thin layer of event handlers).
import type { SimulatorCore } from '../simulator/simulator-core.ts';
import type { SimMessage } from '../simulator/simulator-state.ts';
import { escapeHtml } from './escape-card-html.ts';
import { renderCardHtml, renderTextMessageHtml, type CardRenderContext } from './render-card-html.ts';

export interface MessageView {
  messageId: string;
  fromBot: boolean;
  /** The user's open_id; null for the bot. */
  senderOpenId: string | null;
  senderName: string;
  createTime: number;
  updateTime: number;
  edited: boolean;
  /** Buzzes (加急) on this message, for the people they were sent to. */
  urgentTo: string[];
  kind: 'card' | 'text' | 'other';
  html: string;
}

export const MESSAGES_PER_PAGE = 60;

export function listMessages(core: SimulatorCore, chatId: string, limit = MESSAGES_PER_PAGE): { total: number; messages: MessageView[] } {
  const chat = core.state.chats.get(chatId);
  const all = [...core.state.messages.values()].filter((m) => m.chatId === chatId).sort((a, b) => a.createTime - b.createTime);
  const nameOf = (openId: string) => (openId === core.botOpenId ? core.appName : core.state.users.get(openId)?.name);
  const ctx: CardRenderContext = {
    nameOf,
    chatMembers: (chat?.members ?? []).map((openId) => ({ openId, name: nameOf(openId) ?? openId })),
  };
  return { total: all.length, messages: all.slice(-limit).map((m) => viewOf(core, m, ctx)) };
}

function viewOf(core: SimulatorCore, m: SimMessage, ctx: CardRenderContext): MessageView {
  const fromBot = m.sender.type === 'app';
  const kind = m.msgType === 'interactive' ? 'card' : m.msgType === 'text' ? 'text' : 'other';
  let html: string;
  if (kind === 'card') html = renderCardHtml(parse(m.content), ctx);
  else if (kind === 'text') html = renderTextMessageHtml(m.content, ctx);
  else html = `<div class="lk-unknown">不支持的消息类型：${escapeHtml(m.msgType)}</div>`;
  return {
    messageId: m.messageId,
    fromBot,
    senderOpenId: fromBot ? null : m.sender.id,
    senderName: fromBot ? core.appName : (ctx.nameOf(m.sender.id) ?? m.sender.id),
    createTime: m.createTime,
    updateTime: m.updateTime,
    edited: m.edits.some((e) => !e.reverted),
    urgentTo: m.urgent.flatMap((u) => u.userIds.map((id) => ctx.nameOf(id) ?? id)),
    kind,
    html,
  };
}

function parse(content: string): unknown {
  try {
    return JSON.parse(content);
  } catch {
    return null;
  }
}
