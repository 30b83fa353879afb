import { afterEach, describe, expect, it } from 'vitest';
import type { LarkSimulator } from '../../src/sandbox/simulator/start-lark-simulator.ts';
import type { SimulatorOptions } from '../../src/sandbox/simulator/simulator-core.ts';
import {
  ALICE,
  codeOf,
  fakeClock,
  formCard,
  GROUP,
  httpFailure,
  msgOf,
  sendCard,
  startPopulatedSimulator,
  type FakeClock,
} from './simulator-fixture.ts';

let sim: LarkSimulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

async function setup(options: Partial<SimulatorOptions> = {}, clock: FakeClock = fakeClock()) {
  const started = await startPopulatedSimulator(clock, options);
  sim = started.sim;
  return { ...started, clock };
}

function addChats(target: LarkSimulator, count: number): string[] {
  return Array.from({ length: count }, (_, i) => {
    const chatId = `oc_extra${String(i).padStart(24, '0')}`;
    target.addChat({ chatId, name: `第${i}组`, members: [ALICE] });
    return chatId;
  });
}

describe('Lark simulator: rate limits, quota and tokens', () => {
  it('allows 5 sends per second to one chat and refuses the 6th with 230020 (HTTP 400)', async () => {
    const { client, clock } = await setup();
    for (let i = 0; i < 5; i++) await sendCard(client, GROUP, formCard());
    const failure = await httpFailure(sendCard(client, GROUP, formCard()));
    expect([failure.status, codeOf(failure)]).toEqual([400, 230020]);
    clock.advance(1000);
    await expect(sendCard(client, GROUP, formCard())).resolves.toMatch(/^om_/);
  });

  it('allows 5 sends per second to one user and refuses the 6th with 230020', async () => {
    const { client } = await setup();
    const text = () =>
      client.im.v1.message.create({
        params: { receive_id_type: 'open_id' },
        data: { receive_id: ALICE, msg_type: 'text', content: JSON.stringify({ text: '提醒' }) },
      });
    for (let i = 0; i < 5; i++) expect((await text()).code).toBe(0);
    expect(codeOf(await httpFailure(text()))).toBe(230020);
  });

  it('shares one 50/s budget across APIs when the scope is the whole app', async () => {
    const { client } = await setup({ rateLimitScope: 'app' });
    const chats = addChats(sim!, 6);
    for (let i = 0; i < 30; i++) await sendCard(client, chats[i % 6]!, formCard());
    const lookUp = () => client.contact.v3.user.batchGetId({ params: { user_id_type: 'open_id' }, data: { emails: ['alice@example.cn'] } });
    for (let i = 0; i < 20; i++) expect((await lookUp()).code).toBe(0);
    expect((await httpFailure(lookUp())).status).toBe(429);
  });

  it('throttles the 51st send in one second with HTTP 429, 99991400 and the reset headers', async () => {
    const { client } = await setup();
    const chats = addChats(sim!, 11);
    for (let i = 0; i < 50; i++) await sendCard(client, chats[i % 11]!, formCard());
    const failure = await httpFailure(sendCard(client, chats[0]!, formCard()));
    expect(failure.status).toBe(429);
    expect(failure.data).toEqual({ code: 99991400, msg: 'request trigger frequency limit' });
    expect(failure.headers['x-ogw-ratelimit-limit']).toBe('50');
    expect(failure.headers['x-ogw-ratelimit-reset']).toBe('1');
  });

  it('throttles the 1001st call in one minute and says how many seconds remain', async () => {
    const { client, clock } = await setup();
    const lookUp = () => client.contact.v3.user.batchGetId({ params: { user_id_type: 'open_id' }, data: { emails: ['alice@example.cn'] } });
    for (let second = 0; second < 20; second++) {
      await Promise.all(Array.from({ length: 50 }, lookUp));
      clock.advance(1000);
    }
    const failure = await httpFailure(lookUp());
    expect([failure.status, codeOf(failure)]).toEqual([429, 99991400]);
    expect(failure.headers['x-ogw-ratelimit-limit']).toBe('1000');
    expect(failure.headers['x-ogw-ratelimit-reset']).toBe('40');
    clock.advance(40_000);
    expect((await lookUp()).code).toBe(0);
  });

  it('answers a revoked token with 99991663 in an HTTP 200 body, which the SDK resolves', async () => {
    const { sim, client, forgetToken } = await setup();
    await sendCard(client, GROUP, formCard());
    sim.revokeTokens();
    const res = await client.im.v1.message.create({
      params: { receive_id_type: 'chat_id' },
      data: { receive_id: GROUP, msg_type: 'text', content: JSON.stringify({ text: '你好' }) },
    });
    expect(res.code).toBe(99991663);
    forgetToken();
    await expect(sendCard(client, GROUP, formCard())).resolves.toMatch(/^om_/);
  });

  it('expires tokens after 2 hours of simulator time and re-issues the live one until 30 min remain', async () => {
    const { sim, client, clock } = await setup();
    await sendCard(client, GROUP, formCard());
    const [first] = [...sim.state.tokens.keys()];
    clock.advance(2 * 60 * 60 * 1000);
    const res = await client.im.v1.message.create({
      params: { receive_id_type: 'chat_id' },
      data: { receive_id: GROUP, msg_type: 'text', content: JSON.stringify({ text: '你好' }) },
    });
    expect(res.code).toBe(99991663);
    const raw = async () =>
      (await fetch(`${sim.url}/open-apis/auth/v3/tenant_access_token/internal`, {
        method: 'POST',
        body: JSON.stringify({ app_id: sim.appId, app_secret: sim.appSecret }),
      }).then((r) => r.json())) as { tenant_access_token: string; expire: number };
    const second = await raw();
    expect(second.tenant_access_token).not.toBe(first);
    clock.advance(60 * 60 * 1000);
    expect(await raw()).toMatchObject({ tenant_access_token: second.tenant_access_token, expire: 3600 });
    clock.advance(31 * 60 * 1000);
    expect((await raw()).tenant_access_token).not.toBe(second.tenant_access_token);
  });

  it('refuses a wrong app secret and calls without or with a malformed token', async () => {
    const { sim } = await setup();
    const token = await fetch(`${sim.url}/open-apis/auth/v3/tenant_access_token/internal`, {
      method: 'POST',
      body: JSON.stringify({ app_id: sim.appId, app_secret: 'wrong' }),
    });
    expect(await token.json()).toMatchObject({ code: 10015 });
    const missing = await fetch(`${sim.url}/open-apis/bot/v3/info`);
    expect(((await missing.json()) as { code: number }).code).toBe(99991661);
    const malformed = await fetch(`${sim.url}/open-apis/bot/v3/info`, { headers: { authorization: 'Bearer abc' } });
    expect(((await malformed.json()) as { code: number }).code).toBe(99991671);
  });

  it('stops counted calls past the monthly quota with 99991403 until the 1st of next month (China time)', async () => {
    const clock = fakeClock('2025-03-31T15:59:00.000Z'); // 23:59 on 31 March in Beijing
    const { sim, client } = await setup({ monthlyQuota: 3 }, clock);
    await sendCard(client, GROUP, formCard());
    await httpFailure(sendCard(client, 'oc_missing', formCard())); // failed calls are not counted
    await client.contact.v3.user.batchGetId({ params: { user_id_type: 'open_id' }, data: { emails: ['a@b.cn'] } }); // contacts are exempt
    await sendCard(client, GROUP, formCard());
    await client.im.v1.chatMembers.get({ path: { chat_id: GROUP }, params: { member_id_type: 'open_id' } });
    const failure = await httpFailure(sendCard(client, GROUP, formCard()));
    expect([failure.status, codeOf(failure)]).toEqual([429, 99991403]);
    expect(msgOf(failure)).toBe("This month's API call quota has been exceeded");
    expect(sim.state.quotaUsed.get('2025-03')).toBe(3);
    clock.advance(60 * 1000);
    await expect(sendCard(client, GROUP, formCard())).resolves.toMatch(/^om_/);
    expect(sim.state.quotaUsed.get('2025-04')).toBe(1);
  });
});
