// What the sandbox page does for the person it acts as, exactly as the Lark client would: a card
// click or form submit becomes a signed, encrypted card.action.trigger with that person's open_id,
// a typed message an im.message.receive_v1 (with @bot in groups), both POSTed to the bot's
// /lark/events; the answer is applied to the card and its toast returned for the page to show.
import { AppError } from '../../core/app-error.ts';
import { buildEvent, postEventToBot } from '../simulator/post-to-bot.ts';
import type { SimulatorCore } from '../simulator/simulator-core.ts';
import { findP2pChat, type SimChat } from '../simulator/simulator-state.ts';
import { P2P_PLACEHOLDER } from './list-chats.ts';

export interface ActResult {
  /** The HTTP status of the bot's answer (0 when nothing was sent to the bot). */
  status: number;
  toast?: { type: string; content: string };
  /** Card callbacks: 0 when the client accepted the answer, else Lark's client-side error code. */
  code?: number;
  chatId?: string;
}

export interface CardClick {
  as: string;
  messageId: string;
  value: Record<string, unknown>;
  name?: string;
  tag?: string;
  formValue?: Record<string, string | string[]>;
}

const clientErrors: Record<number, string> = {
  200341: '机器人没有在 3 秒内响应，操作可能未生效，请稍后查看',
  200671: '机器人返回了错误，请稍后重试',
  200672: '机器人的响应格式不对',
  200673: '机器人返回的卡片无法显示',
};

export async function clickCard(core: SimulatorCore, botUrl: string, click: CardClick): Promise<ActResult> {
  requireUser(core, click.as);
  const message = core.state.messages.get(click.messageId);
  if (!message) throw new AppError('not_found', `消息 ${click.messageId} 不存在（可能已被删除），请刷新页面`);
  if (message.msgType !== 'interactive') throw new AppError('invalid_argument', '只有卡片消息可以点击');
  requireMember(core, core.state.chats.get(message.chatId), click.as);
  const result = await postEventToBot(core, botUrl, {
    type: 'card.action.trigger',
    messageId: click.messageId,
    operatorOpenId: click.as,
    value: click.value,
    ...(click.name !== undefined ? { name: click.name } : {}),
    ...(click.tag !== undefined ? { tag: click.tag } : {}),
    ...(click.formValue !== undefined ? { formValue: click.formValue } : {}),
  });
  const code = result.callback?.code ?? 0;
  if (code !== 0)
    return { status: result.status, code, toast: { type: 'error', content: `${clientErrors[code] ?? '操作失败'}（错误码 ${code}）` } };
  return { status: result.status, code, ...toastOf(result.body), chatId: message.chatId };
}

export interface TypedMessage {
  as: string;
  chatId: string;
  text: string;
  /** Groups: @bot first (the bot only receives group messages that @mention it). */
  mentionBot: boolean;
}

export async function sendText(core: SimulatorCore, botUrl: string, input: TypedMessage): Promise<ActResult> {
  requireUser(core, input.as);
  const text = input.text.trim();
  if (text === '') throw new AppError('invalid_argument', '消息不能为空');
  if (text.length > 2000) throw new AppError('invalid_argument', '消息太长：最多 2000 字');
  let chat: SimChat | undefined;
  if (input.chatId.startsWith(P2P_PLACEHOLDER) || core.state.chats.get(input.chatId)?.chatType === 'p2p') {
    if (input.chatId.startsWith(P2P_PLACEHOLDER) && input.chatId.slice(P2P_PLACEHOLDER.length) !== input.as)
      throw new AppError('forbidden', '这是别人和机器人的私聊');
    chat = findP2pChat(core.state, input.as);
    if (!chat) {
      // The first message to the bot opens the direct chat: Lark sends p2p_chat_create first.
      await postEventToBot(core, botUrl, { type: 'p2p_chat_create', userOpenId: input.as });
      chat = findP2pChat(core.state, input.as);
    }
  } else chat = core.state.chats.get(input.chatId);
  requireMember(core, chat, input.as);
  const target = chat as SimChat;
  const event = { type: 'im.message.receive_v1' as const, chatId: target.chatId, senderOpenId: input.as, text };
  if (target.chatType === 'group' && !input.mentionBot) {
    // Lark does not push a group message without @bot to the bot: it only appears in the chat.
    buildEvent(core, { ...event, mentionBot: false });
    return { status: 0, chatId: target.chatId };
  }
  const result = await postEventToBot(core, botUrl, { ...event, mentionBot: target.chatType === 'group' });
  if (result.status !== 200)
    return { status: result.status, chatId: target.chatId, toast: { type: 'error', content: `消息未送达机器人（HTTP ${result.status}）` } };
  return { status: result.status, chatId: target.chatId };
}

function requireUser(core: SimulatorCore, openId: string): void {
  if (!core.state.users.has(openId)) throw new AppError('invalid_argument', `沙箱里没有这个人（${openId}）：请在“当前身份”里重新选择`);
}

function requireMember(core: SimulatorCore, chat: SimChat | undefined, openId: string): void {
  if (!chat) throw new AppError('not_found', '这个会话不存在，请刷新页面');
  const member = chat.chatType === 'p2p' ? chat.members[0] === openId : chat.members.includes(openId);
  if (!member) throw new AppError('forbidden', `${core.state.users.get(openId)?.name ?? openId} 不在「${chat.name}」里，不能在这里操作`);
}

function toastOf(body: unknown): { toast?: { type: string; content: string } } {
  if (body === null || typeof body !== 'object') return {};
  const toast = (body as { toast?: unknown }).toast;
  if (toast === null || typeof toast !== 'object') return {};
  const t = toast as { type?: unknown; content?: unknown };
  return typeof t.type === 'string' && typeof t.content === 'string' ? { toast: { type: t.type, content: t.content } } : {};
}
