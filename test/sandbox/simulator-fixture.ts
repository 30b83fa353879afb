// Shared fixtures for the Lark simulator tests: a controllable clock, a real SDK Client pointed at
// the simulator (with a token cache the test can clear), card builders and AxiosError unpacking.
import * as lark from '@larksuiteoapi/node-sdk';
import { startLarkSimulator, type LarkSimulator, type SimulatorOptions } from '../../src/sandbox/simulator/start-lark-simulator.ts';

export interface FakeClock {
  now: () => Date;
  advance(ms: number): void;
}

export function fakeClock(startIso = '2025-03-03T02:00:00.000Z'): FakeClock {
  let t = new Date(startIso).getTime();
  return { now: () => new Date(t), advance: (ms) => void (t += ms) };
}

export const ALICE = 'ou_alice000000000000000000000001';
export const BOB = 'ou_bob00000000000000000000000002';
export const CAROL = 'ou_carol0000000000000000000000003';
export const GROUP = 'oc_group00000000000000000000001';

/** A simulator with three users and one group chat (bot in it), plus an SDK client for it. */
export async function startPopulatedSimulator(clock: FakeClock, options: Partial<SimulatorOptions> = {}) {
  const sim = await startLarkSimulator({ now: clock.now, encryptKey: 'sim encrypt key', verificationToken: 'vtoken-sim', ...options });
  sim.addUser({ openId: ALICE, name: '杨小华', mobile: '13800000001', email: 'alice@example.cn' });
  sim.addUser({ openId: BOB, name: '李明', mobile: '+8613800000002', email: 'bob@example.cn' });
  sim.addUser({ openId: CAROL, name: '王芳', email: 'carol@example.cn' });
  sim.addChat({ chatId: GROUP, name: '城关镇工作群', members: [ALICE, BOB] });
  return { sim, ...createSdkClient(sim) };
}

const ignore = () => undefined;
/** The SDK logs every failed call at error level; the tests assert on the failures instead. */
const quiet: lark.Logger = { error: ignore, warn: ignore, info: ignore, debug: ignore, trace: ignore };

/** The real SDK Client; `forgetToken` clears its token cache (the SDK never refreshes on 99991663). */
export function createSdkClient(sim: LarkSimulator): { client: lark.Client; forgetToken: () => void } {
  const store = new Map<string, unknown>();
  const cache: lark.Cache = {
    set: async (key, value, _expire, options) => (store.set(`${options?.namespace}|${String(key)}`, value), true),
    get: async (key, options) => store.get(`${options?.namespace}|${String(key)}`),
  };
  const client = new lark.Client({
    appId: sim.appId,
    appSecret: sim.appSecret,
    domain: sim.url,
    loggerLevel: lark.LoggerLevel.error,
    logger: quiet,
    cache,
  });
  return { client, forgetToken: () => store.clear() };
}

export function card(elements: unknown[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    schema: '2.0',
    config: { update_multi: true },
    header: { title: { tag: 'plain_text', content: '入户核实' }, template: 'blue' },
    body: { elements },
    ...extra,
  };
}

export const markdown = (content: string) => ({ tag: 'markdown', content });
export const button = (content: string, extra: Record<string, unknown> = {}) => ({
  tag: 'button',
  text: { tag: 'plain_text', content },
  type: 'primary',
  behaviors: [{ type: 'callback', value: { action: content } }],
  ...extra,
});

export function formCard(): Record<string, unknown> {
  return card([
    markdown('**杨*华** 家庭，截止 3 月 14 日'),
    {
      tag: 'form',
      name: 'verify_form',
      elements: [
        { tag: 'input', name: 'persons', required: true, placeholder: { tag: 'plain_text', content: '家庭人口' } },
        button('已核实', { name: 'submit_verified', form_action_type: 'submit' }),
      ],
    },
  ]);
}

/** Sends a card through the SDK and returns its message id. */
export async function sendCard(client: lark.Client, chatId: string, content: Record<string, unknown>, uuid?: string): Promise<string> {
  const res = await client.im.v1.message.create({
    params: { receive_id_type: 'chat_id' },
    data: { receive_id: chatId, msg_type: 'interactive', content: JSON.stringify(content), ...(uuid ? { uuid } : {}) },
  });
  if (res.code !== 0 || !res.data?.message_id) throw new Error(`send failed: ${res.code} ${res.msg}`);
  return res.data.message_id;
}

export interface HttpFailure {
  status: number;
  data: { code?: number; msg?: string } | string;
  headers: Record<string, string>;
}

/** Awaits an SDK call expected to fail with a non-2xx status and returns what the AxiosError carried. */
export async function httpFailure(call: Promise<unknown>): Promise<HttpFailure> {
  try {
    await call;
  } catch (e) {
    const response = (e as { response?: { status: number; data: HttpFailure['data']; headers: Record<string, string> } }).response;
    if (response) return { status: response.status, data: response.data, headers: response.headers };
    throw e;
  }
  throw new Error('expected the call to fail with an HTTP error');
}

export const codeOf = (f: HttpFailure): number | undefined => (typeof f.data === 'string' ? undefined : f.data.code);
export const msgOf = (f: HttpFailure): string => (typeof f.data === 'string' ? f.data : (f.data.msg ?? ''));
