import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/parse-config.ts';
import { silentLogger } from '../../src/core/logger.ts';
import { startNodeServer, type RunningServer } from '../../src/runtime/node.ts';
import { postEventToBot } from '../../src/sandbox/simulator/post-to-bot.ts';
import { startLarkSimulator, type LarkSimulator } from '../../src/sandbox/simulator/start-lark-simulator.ts';

let server: RunningServer | undefined;
let sim: LarkSimulator | undefined;
afterEach(async () => {
  await server?.close();
  await sim?.close();
});

describe('the Node server in live mode', () => {
  it('serves /lark/events with the configured keys and answers an @bot message through the outbox', async () => {
    sim = await startLarkSimulator({ now: () => new Date(), encryptKey: 'live encrypt key', verificationToken: 'live-token' });
    sim.addUser({ openId: 'ou_someone', name: '张三' });
    sim.addChat({ chatId: 'oc_live', name: '测试群', members: ['ou_someone'] });
    const dir = mkdtempSync(path.join(tmpdir(), 'huhuqing-live-'));
    const config = parseConfig({
      DATABASE_URL: `file:${path.join(dir, 'live.db')}`,
      PORT: '0',
      LARK_APP_ID: sim.appId,
      LARK_APP_SECRET: sim.appSecret,
      LARK_ENCRYPT_KEY: sim.encryptKey,
      LARK_VERIFICATION_TOKEN: sim.verificationToken,
      LARK_DOMAIN: sim.url,
    });
    server = await startNodeServer(config, silentLogger, { scheduler: false });
    const res = await postEventToBot(sim, `${server.url}/lark/events`, {
      type: 'im.message.receive_v1',
      chatId: 'oc_live',
      senderOpenId: 'ou_someone',
      text: '帮助',
    });
    expect(res.status).toBe(200);
    const deadline = Date.now() + 10_000;
    while (sim.messagesIn('oc_live').filter((m) => m.sender.type === 'app').length === 0 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 100));
    const reply = sim.messagesIn('oc_live').find((m) => m.sender.type === 'app');
    expect(reply?.msgType).toBe('interactive');
    expect(reply?.content).toContain('名册'); // not on the roster: the help card says to ask an admin
    const forged = await postEventToBot(
      sim,
      `${server.url}/lark/events`,
      { type: 'im.message.receive_v1', chatId: 'oc_live', senderOpenId: 'ou_someone', text: '帮助' },
      { tamper: 'signature' },
    );
    expect(forged.status).toBe(401);
  });
});
