// A chat message whose processing committed but whose row was not yet marked processed when the
// server died is processed again once its lease runs out (the inbound store gives at least once).
// The reply is keyed by the message, so it is not sent twice; the audit log must not say twice
// that the command was answered either.
import { afterEach, describe, expect, it } from 'vitest';
import { handleChatMessage } from '../../src/app/lark/handle-chat-message.ts';
import type { LarkMessageEvent } from '../../src/lark/inbound/lark-inbound-event.ts';
import { at, createCampaign, type Campaign } from '../helpers/engine-fixture.ts';

let campaign: Campaign | undefined;
afterEach(async () => campaign?.db.cleanup());

const message: LarkMessageEvent = {
  kind: 'message',
  eventId: 'ev_replayed',
  messageId: 'om_replayed',
  chatId: 'oc_p2p_officer',
  chatType: 'p2p',
  senderOpenId: 'ou_officer',
  messageType: 'text',
  text: '我的',
  mentionsBot: false,
  mentionOpenIds: [],
};

describe('a chat message processed again after a crash', () => {
  it('is answered and audited once', async () => {
    campaign = await createCampaign({ households: 2, openedAt: at('2025-09-26 15:30') });
    const { prisma } = campaign.db;
    await handleChatMessage(campaign.deps, message, at('2025-10-14 09:00'));
    await handleChatMessage(campaign.deps, message, at('2025-10-14 09:06'));
    expect(await prisma.outboxMessage.count({ where: { idempotencyKey: { startsWith: 'reply:om_replayed:' } } })).toBe(1);
    expect(await prisma.auditEvent.count({ where: { action: 'chat.command' } })).toBe(1);
  });
});
