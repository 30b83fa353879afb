import { afterEach, describe, expect, it } from 'vitest';
import { processInboundEvents } from '../../src/app/lark/process-inbound-events.ts';
import { encryptLarkPayload } from '../../src/lark/lark-crypto.ts';
import {
  ENCRYPT_KEY,
  VERIFICATION_TOKEN,
  botAddedEvent,
  cardActionEvent,
  encryptedSigned,
  messageEvent,
  p2pCreatedEvent,
  v2,
} from './lark-event-fixtures.ts';
import { createHarness, type Harness } from './lark-route-harness.ts';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.db.cleanup();
  harness = undefined;
});

const signedHarness = async () => (harness = await createHarness({ encryptKey: ENCRYPT_KEY, verificationToken: VERIFICATION_TOKEN }));

describe('POST /lark/events', () => {
  it('answers the plain and the encrypted challenge with a plaintext {challenge}', async () => {
    const h = await signedHarness();
    const plain = await h.post(JSON.stringify({ challenge: 'c-1', token: VERIFICATION_TOKEN, type: 'url_verification' }));
    expect(plain.status).toBe(200);
    expect(await plain.json()).toEqual({ challenge: 'c-1' });
    const payload = JSON.stringify({ challenge: 'c-2', token: VERIFICATION_TOKEN, type: 'url_verification' });
    const encrypted = await h.post(JSON.stringify({ encrypt: encryptLarkPayload(payload, ENCRYPT_KEY) }));
    expect(await encrypted.json()).toEqual({ challenge: 'c-2' });
    const wrong = JSON.stringify({ challenge: 'c-3', token: 'guessed', type: 'url_verification' });
    const refused = await h.post(JSON.stringify({ encrypt: encryptLarkPayload(wrong, ENCRYPT_KEY) }));
    expect(refused.status).toBe(403);
    expect(await h.rowCount()).toBe(0);
  });

  it('persists an encrypted, signed message before the 200 and hands it to onMessage after it', async () => {
    const h = await signedHarness();
    const request = encryptedSigned(messageEvent());
    const response = await h.post(request.body, request.headers);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({});
    expect(await h.db.prisma.inboundEvent.findFirst()).toMatchObject({ dedupeKey: 'message:om_msg_1', status: 'received' });
    expect(h.handled).toHaveLength(0);
    await h.settle();
    expect(h.handled).toEqual([expect.objectContaining({ kind: 'message', text: '进度 @张三', mentionsBot: true })]);
    const stored = await h.db.prisma.inboundEvent.findFirst();
    expect(stored).toMatchObject({ status: 'processed' });
    expect(JSON.stringify(stored?.body)).not.toContain(VERIFICATION_TOKEN);
  });

  it('refuses forged, unsigned and stale requests with 401/403 and stores nothing', async () => {
    const h = await signedHarness();
    const request = encryptedSigned(messageEvent());
    expect((await h.post(request.body, { ...request.headers, 'x-lark-signature': '0'.repeat(64) })).status).toBe(401);
    expect((await h.post(request.body, { 'content-type': 'application/json' })).status).toBe(401);
    h.clock.advance(5 * 60_000 + 1_000);
    const stale = await h.post(request.body, request.headers);
    expect(stale.status).toBe(403);
    expect(await stale.json()).toMatchObject({ error: 'timestamp_stale' });
    expect(await h.rowCount()).toBe(0);
    expect(h.pending).toHaveLength(0);
  });

  it('without an encrypt key refuses a wrong verification token (403)', async () => {
    const h = (harness = await createHarness({ verificationToken: VERIFICATION_TOKEN }));
    expect((await h.post(JSON.stringify(messageEvent()))).status).toBe(200);
    const forged = v2('im.message.receive_v1', 'ev_x', {}, 'not-the-token');
    const response = await h.post(JSON.stringify(forged));
    expect(response.status).toBe(403);
    expect(((await response.json()) as { message: string }).message).toContain('LARK_VERIFICATION_TOKEN');
  });

  it('answers malformed (400), undecryptable (400) and non-object (400) bodies', async () => {
    const h = await signedHarness();
    expect(await (await h.post('{"encrypt":')).json()).toMatchObject({ error: 'malformed_json' });
    expect((await h.post(JSON.stringify({ encrypt: 'AAAA'.repeat(12) }))).status).toBe(400);
    expect(await (await h.post('[1,2,3]')).json()).toMatchObject({ error: 'not_an_object' });
  });

  it('refuses 1 MiB + 1 byte with 413, with and without Content-Length', async () => {
    const h = await signedHarness();
    const big = '{"a":"' + 'x'.repeat(1024 * 1024 - 7) + '"}';
    expect(Buffer.byteLength(big)).toBe(1024 * 1024 + 1);
    const declared = await h.post(big, { 'content-type': 'application/json', 'content-length': String(1024 * 1024 + 1) });
    expect(declared.status).toBe(413);
    const bytes = new TextEncoder().encode(big);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < bytes.length; i += 64 * 1024) controller.enqueue(bytes.subarray(i, i + 64 * 1024));
        controller.close();
      },
    });
    const streamed = await h.post(stream);
    expect(streamed.status).toBe(413);
    const lying = await h.post(big, { 'content-type': 'application/json', 'content-length': '10' });
    expect(lying.status).toBe(413);
    // Exactly 1 MiB is read, and refused only for what it is: not JSON.
    expect((await h.post(big.slice(1))).status).not.toBe(413);
  });

  it('acks unknown event types with 200, logs them and stores nothing', async () => {
    const h = (harness = await createHarness());
    const response = await h.post(JSON.stringify(v2('im.message.reaction.created_v1', 'ev_r', { message_id: 'om_1' })));
    expect(response.status).toBe(200);
    expect(await h.rowCount()).toBe(0);
    expect(h.logLines.some((l) => l.fields.eventType === 'im.message.reaction.created_v1')).toBe(true);
  });

  it('acts once on an event Lark re-pushes four times', async () => {
    const h = await signedHarness();
    for (let push = 0; push < 4; push++) {
      h.clock.advance(push === 0 ? 0 : 15_000);
      const request = encryptedSigned(botAddedEvent(), {
        timestamp: String(Math.floor(h.clock.now().getTime() / 1000)),
        nonce: `n${push}`,
      });
      expect((await h.post(request.body, request.headers)).status).toBe(200);
      await h.settle();
    }
    expect(await h.rowCount()).toBe(1);
    expect(h.handled).toEqual([expect.objectContaining({ kind: 'bot_added', chatId: 'oc_new_group' })]);
  });

  it('dedupes a received message by message_id even when its event_ids differ', async () => {
    const h = (harness = await createHarness());
    await h.post(JSON.stringify(messageEvent({ eventId: 'ev_first' })));
    await h.post(JSON.stringify(messageEvent({ eventId: 'ev_second' })));
    await h.settle();
    expect(await h.rowCount()).toBe(1);
    expect(h.handled).toHaveLength(1);
  });

  it('loses nothing when the process dies after the 200: the next start processes it exactly once', async () => {
    const h = (harness = await createHarness());
    expect((await h.post(JSON.stringify(p2pCreatedEvent()))).status).toBe(200);
    h.pending.length = 0; // the crash: the after-ack work never runs
    expect(h.handled).toHaveLength(0);
    const restarted = await createHarness({ db: h.db });
    const first = await processInboundEvents(restarted.deps);
    const second = await processInboundEvents(restarted.deps);
    expect(first).toEqual({ processed: 1, failed: 0, abandoned: 0 });
    expect(second).toEqual({ processed: 0, failed: 0, abandoned: 0 });
    expect(restarted.handled).toEqual([expect.objectContaining({ kind: 'p2p_created', userOpenId: 'ou_new' })]);
  });

  it('answers a card click synchronously with the handler’s body, and a repeat with 已处理 without acting', async () => {
    const answer = {
      toast: { type: 'success' as const, content: '已登记' },
      card: { type: 'raw' as const, data: { schema: '2.0', body: { elements: [] } } },
    };
    const h = (harness = await createHarness({ encryptKey: ENCRYPT_KEY, cardAnswer: async () => answer }));
    const request = encryptedSigned(cardActionEvent());
    const response = await h.post(request.body, request.headers);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(answer);
    expect(h.cardActions).toEqual([
      expect.objectContaining({ operatorOpenId: 'ou_officer', value: { action: 'visit', caseId: 7 }, token: 'c-update-token' }),
    ]);
    expect(h.pending).toHaveLength(0);
    const repeat = await h.post(request.body, request.headers);
    expect(await repeat.json()).toEqual({ toast: { type: 'info', content: '已处理' } });
    expect(h.cardActions).toHaveLength(1);
    expect(await h.db.prisma.inboundEvent.findFirst()).toMatchObject({ eventType: 'card.action.trigger', status: 'processed' });
  });

  it('answers a failing card handler with an error toast (200), and never replays it later', async () => {
    const h = (harness = await createHarness({ cardAnswer: async () => Promise.reject(new Error('db locked')) }));
    const response = await h.post(JSON.stringify(cardActionEvent()));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ toast: { type: 'error' } });
    h.clock.advance(3_600_000);
    expect(await processInboundEvents(h.deps)).toEqual({ processed: 0, failed: 0, abandoned: 0 });
    expect(await h.db.prisma.inboundEvent.findFirst()).toMatchObject({ status: 'abandoned' });
  });

  it('records a failing message handler and retries it on a later run', async () => {
    let calls = 0;
    const onMessage = async () => {
      calls++;
      if (calls === 1) throw new Error('outbox busy');
    };
    const h = (harness = await createHarness({ handlers: { onMessage } }));
    await h.post(JSON.stringify(messageEvent()));
    await h.settle();
    expect(await h.db.prisma.inboundEvent.findFirst()).toMatchObject({ status: 'failed', attempts: 1 });
    h.clock.advance(61_000);
    expect(await processInboundEvents(h.deps)).toEqual({ processed: 1, failed: 0, abandoned: 0 });
    expect(calls).toBe(2);
  });

  it('never logs the encrypt key, the verification token or the decrypted body', async () => {
    const h = await signedHarness();
    for (const payload of [messageEvent(), cardActionEvent(), { challenge: 'c', token: 'bad', type: 'url_verification' }]) {
      const request = encryptedSigned(payload);
      await h.post(request.body, request.headers);
      await h.post(request.body, { ...request.headers, 'x-lark-signature': 'bad' });
    }
    await h.settle();
    const logged = JSON.stringify(h.logLines);
    for (const secret of [ENCRYPT_KEY, VERIFICATION_TOKEN, '进度', '已入户', 'c-update-token']) expect(logged).not.toContain(secret);
  });
});
