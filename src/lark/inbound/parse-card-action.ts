// card.action.trigger (schema 2.0) → LarkCardActionEvent. Shape: lark-platform.md §2.2.
import { idString, isRecord, own, optionalString } from './json-guards.ts';
import type { LarkCardActionEvent } from './lark-inbound-event.ts';

export function parseCardAction(eventId: string, createTime: string, event: unknown): LarkCardActionEvent | string {
  const operatorOpenId = idString(own(own(event, 'operator'), 'open_id'));
  const context = own(event, 'context');
  const messageId = idString(own(context, 'open_message_id'));
  const action = own(event, 'action');
  if (!operatorOpenId) return '卡片回调缺少操作人 open_id（event.operator.open_id）';
  if (!messageId) return '卡片回调缺少消息 id（event.context.open_message_id）';
  if (!isRecord(action)) return '卡片回调缺少 action 对象';
  const value = own(action, 'value');
  const formValue = own(action, 'form_value');
  const parsed: LarkCardActionEvent = {
    kind: 'card_action',
    eventId,
    operatorOpenId,
    messageId,
    chatId: idString(own(context, 'open_chat_id')) ?? '',
    // The SDKs only support object values; a plain string value is kept under "value".
    value: isRecord(value) ? value : typeof value === 'string' ? { value } : {},
    token: optionalString(own(event, 'token')) ?? '',
    createTime,
  };
  if (isRecord(formValue)) parsed.formValue = formValue;
  const name = optionalString(own(action, 'name'));
  if (name) parsed.actionName = name;
  const tag = optionalString(own(action, 'tag'));
  if (tag) parsed.actionTag = tag;
  return parsed;
}
