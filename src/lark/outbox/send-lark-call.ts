// Sends one LarkCall through the SDK client and classifies the outcome; never throws.
import type { Client } from '#lark-sdk';
import { classifyCode, classifyThrown } from './classify-lark-error.ts';
import type { CallOutcome, LarkCall } from './lark-call.ts';

export async function sendLarkCall(client: Client, call: LarkCall, attempt = 0): Promise<CallOutcome> {
  try {
    switch (call.kind) {
      case 'send': {
        const r = await client.im.v1.message.create({
          params: { receive_id_type: call.receiveIdType },
          data: { receive_id: call.receiveId, msg_type: call.msgType, content: call.content, uuid: call.uuid },
        });
        return r.code === 0 ? { ok: true, messageId: r.data?.message_id } : classifyCode(r.code ?? -1, r.msg ?? '');
      }
      case 'patch': {
        const r = await client.im.v1.message.patch({ path: { message_id: call.messageId }, data: { content: call.content } });
        return classifyCode(r.code ?? -1, r.msg ?? '');
      }
      case 'urgent': {
        const r = await client.im.v1.message.urgentApp({
          path: { message_id: call.messageId },
          params: { user_id_type: 'open_id' },
          data: { user_id_list: call.userIds },
        });
        return classifyCode(r.code ?? -1, r.msg ?? '');
      }
      case 'card_update': {
        const r = (await client.request({
          method: 'POST',
          url: '/open-apis/interactive/v1/card/update',
          data: { token: call.token, card: call.card },
        })) as { code?: number; msg?: string };
        return classifyCode(r.code ?? -1, r.msg ?? '');
      }
    }
  } catch (error) {
    return classifyThrown(error, attempt);
  }
}
