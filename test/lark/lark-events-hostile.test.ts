// Evil fixtures (probot-style) and a seeded property loop: whatever arrives, POST /lark/events
// answers below 500, and a refused request changes nothing.
import { afterEach, describe, expect, it } from 'vitest';
import { encryptLarkPayload, signLarkRequest } from '../../src/lark/lark-crypto.ts';
import { ENCRYPT_KEY, NOW_SECONDS, VERIFICATION_TOKEN, cardActionEvent, encryptedSigned, messageEvent, v2 } from './lark-event-fixtures.ts';
import { createHarness, type Harness } from './lark-route-harness.ts';
import { randomRequest } from './random-lark-request.ts';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.db.cleanup();
  harness = undefined;
});

const deep = (levels: number) => '['.repeat(levels) + ']'.repeat(levels);
const json = (value: unknown) => JSON.stringify(value);

const evilBodies: Array<[string, string | Uint8Array]> = [
  ['empty body', ''],
  ['invalid UTF-8', new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d])],
  ['500,000 nested arrays', deep(500_000)],
  ['an event nesting 10,000 arrays', json(v2('im.message.receive_v1', 'ev_d', {})).replace('"event":{}', `"event":{"x":${deep(10_000)}}`)],
  ['a 900 KB event_id', json(v2('im.message.receive_v1', 'e'.repeat(900_000), {}))],
  ['a 900 KB message_id', json(messageEvent({ messageId: 'm'.repeat(900_000) }))],
  ['header is a string', json({ schema: '2.0', header: 'x', event: {} })],
  ['event_id is a number', json({ schema: '2.0', header: { event_id: 1, event_type: 'im.message.receive_v1' }, event: {} })],
  ['event_type is an array', json({ schema: '2.0', header: { event_id: 'e', event_type: ['card.action.trigger'] }, event: {} })],
  ['event is an array', json({ schema: '2.0', header: { event_id: 'e', event_type: 'card.action.trigger' }, event: [] })],
  ['card without operator', json(v2('card.action.trigger', 'ev_c', { action: { value: {} }, context: { open_message_id: 'om' } }))],
  [
    'message with numeric ids',
    json(v2('im.message.receive_v1', 'ev_m', { message: { message_id: 1, chat_id: 2 }, sender: { sender_id: { open_id: 3 } } })),
  ],
  ['__proto__ header', '{"schema":"2.0","__proto__":{"header":{"event_id":"e","event_type":"card.action.trigger"}},"event":{}}'],
  ['__proto__ inside header', '{"schema":"2.0","header":{"__proto__":{"event_id":"e","event_type":"x"}},"event":{}}'],
  ['constructor.prototype', '{"constructor":{"prototype":{"polluted":true}},"uuid":"u"}'],
  ['encrypt is a number', json({ encrypt: 42 })],
  ['encrypt is an object', json({ encrypt: { __proto__: null } })],
  ['encrypt is garbage', json({ encrypt: '!!!' })],
  ['encrypt is 1 MiB of base64-ish text', json({ encrypt: 'A'.repeat(1024 * 1024 - 20) })],
  ['a v1 body without event', json({ uuid: 'u', type: 'event_callback' })],
  ['a url_verification without challenge', json({ type: 'url_verification', token: VERIFICATION_TOKEN })],
];

describe('hostile requests to POST /lark/events', () => {
  for (const config of ['no secrets', 'token only', 'encrypt key'] as const) {
    it(`refuses every evil fixture with 4xx and changes nothing (${config})`, async () => {
      const h = (harness = await createHarness({
        encryptKey: config === 'encrypt key' ? ENCRYPT_KEY : undefined,
        verificationToken: config === 'no secrets' ? undefined : VERIFICATION_TOKEN,
      }));
      for (const [name, body] of evilBodies) {
        // Signed with the right key: the body itself, not a missing signature, must be what is refused.
        const headers = {
          'content-type': 'application/json',
          'x-lark-request-timestamp': NOW_SECONDS,
          'x-lark-request-nonce': 'n',
          'x-lark-signature': signLarkRequest(NOW_SECONDS, 'n', ENCRYPT_KEY, body),
        };
        const response = await h.post(body, headers);
        expect(response.status, name).toBeGreaterThanOrEqual(400);
        expect(response.status, name).toBeLessThan(500);
        expect(((await response.json()) as { message?: string }).message, name).toMatch(/[\u4e00-\u9fa5]/);
      }
      await h.settle();
      expect(await h.rowCount()).toBe(0);
      expect(h.handled).toHaveLength(0);
      expect(h.cardActions).toHaveLength(0);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });
  }

  it('refuses hostile header values: odd timestamps, huge nonces, non-hex signatures', async () => {
    const h = (harness = await createHarness({ encryptKey: ENCRYPT_KEY }));
    const good = encryptedSigned(messageEvent());
    const variants: Array<Record<string, string>> = [
      { 'x-lark-request-timestamp': '-1' },
      { 'x-lark-request-timestamp': '99999999999999999999' },
      { 'x-lark-request-timestamp': '1.7e9' },
      { 'x-lark-request-timestamp': ' ' },
      { 'x-lark-request-nonce': 'n'.repeat(100_000) },
      { 'x-lark-signature': 'zz-not-hex' },
      { 'x-lark-signature': good.headers['x-lark-signature']!.slice(1) },
    ];
    for (const variant of variants) {
      const status = (await h.post(good.body, { ...good.headers, ...variant })).status;
      expect([401, 403]).toContain(status);
    }
    expect(await h.rowCount()).toBe(0);
  });

  it('refuses an encrypted body that decrypts to something other than an event object', async () => {
    const h = (harness = await createHarness({ encryptKey: ENCRYPT_KEY }));
    for (const inner of ['[1,2]', 'not json', deep(1000), json(v2('card.action.trigger', 'e', {}))]) {
      const body = json({ encrypt: encryptLarkPayload(inner, ENCRYPT_KEY) });
      const headers = {
        'x-lark-request-timestamp': NOW_SECONDS,
        'x-lark-request-nonce': 'n',
        'x-lark-signature': signLarkRequest(NOW_SECONDS, 'n', ENCRYPT_KEY, body),
      };
      expect((await h.post(body, headers)).status).toBe(400);
    }
    expect(h.cardActions).toHaveLength(0);
    expect(await h.rowCount()).toBe(0);
  });

  it('a valid card click carrying "__proto__" in its value pollutes nothing', async () => {
    const h = (harness = await createHarness());
    const value = JSON.parse('{"__proto__":{"polluted":true},"caseId":3}') as Record<string, unknown>;
    expect((await h.post(json(cardActionEvent('ev_p', value)))).status).toBe(200);
    expect(Object.keys(h.cardActions[0]?.value ?? {})).toEqual(['__proto__', 'caseId']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('answers 600 random requests (seeded) below 500, in every configuration', async () => {
    for (const [seed, config] of [
      [1, { encryptKey: ENCRYPT_KEY, verificationToken: VERIFICATION_TOKEN }],
      [2, { verificationToken: VERIFICATION_TOKEN }],
      [3, {}],
    ] as const) {
      const h = await createHarness(config);
      const statuses = new Map<number, number>();
      for (let i = 0; i < 200; i++) {
        const request = randomRequest(seed * 1000 + i, config.encryptKey);
        const response = await h.post(request.body, request.headers);
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        expect(response.status, `seed ${seed * 1000 + i}`).toBeLessThan(500);
        await expect(response.json()).resolves.toBeTypeOf('object');
      }
      await h.settle();
      // The generator also makes valid events: the loop must reach the store, not only the guards.
      expect([...statuses.keys()].sort()).toEqual(expect.arrayContaining([200, 400]));
      await h.db.cleanup();
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
