// The Lark simulator: a local, faithful stand-in for the Lark Open API paths the product uses,
// served on 127.0.0.1 so the real @larksuiteoapi/node-sdk Client can use it as its `domain`.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createSimulatorCore, type SimulatorCore, type SimulatorOptions } from './simulator-core.ts';
import { createSimulatorApp } from './create-simulator-app.ts';
import { createHolds } from './gateway.ts';
import { revokeAllTokens } from './check-token.ts';
import { messagesIn, type SimMessage, type SimUser } from './simulator-state.ts';
import type { FaultSettings } from './fault-injector.ts';

export type { SimulatorOptions } from './simulator-core.ts';
export type { FaultSettings } from './fault-injector.ts';

export interface LarkSimulator extends SimulatorCore {
  /** http://127.0.0.1:PORT — pass it as the SDK Client's `domain`. */
  url: string;
  addChat(chat: { chatId: string; name: string; members: string[]; botInChat?: boolean }): void;
  addUser(user: SimUser): void;
  /** Every issued tenant_access_token stops working: the next call gets 99991663 (HTTP 200). */
  revokeTokens(): void;
  /** Replaces the fault settings; with a seed the sequence of faults is reproducible. */
  injectFaults(faults: FaultSettings): void;
  /** Messages of a chat (or of the bot's direct chat with an open_id), oldest first. */
  messagesIn(chatIdOrOpenId: string): SimMessage[];
  close(): Promise<void>;
}

export async function startLarkSimulator(options: SimulatorOptions): Promise<LarkSimulator> {
  const core = createSimulatorCore(options);
  const holds = createHolds();
  const app = createSimulatorApp(core, holds);
  const server = await new Promise<Server>((resolve) => {
    const s = serve({ fetch: app.fetch, port: options.port ?? 0, hostname: '127.0.0.1' }, () => resolve(s as Server));
  });
  const { port } = server.address() as AddressInfo;
  return Object.assign(core, {
    url: `http://127.0.0.1:${port}`,
    addChat(chat: { chatId: string; name: string; members: string[]; botInChat?: boolean }) {
      core.state.chats.set(chat.chatId, {
        chatId: chat.chatId,
        name: chat.name,
        members: [...chat.members],
        botInChat: chat.botInChat ?? true,
        chatType: 'group' as const,
      });
    },
    addUser(user: SimUser) {
      core.state.users.set(user.openId, { ...user });
    },
    revokeTokens: () => revokeAllTokens(core),
    injectFaults: (faults: FaultSettings) => core.faults.configure(faults),
    messagesIn: (chatIdOrOpenId: string) => messagesIn(core.state, chatIdOrOpenId),
    close: () =>
      new Promise<void>((resolve, reject) => {
        holds.releaseAll();
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  });
}
