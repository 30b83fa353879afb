// The real bot in process for the properties, on the route harness of test/lark (createApp with
// POST /lark/events, app.request, afterAck work collected): a campaign on a real migrated SQLite
// (the default flow published, cases open) behind it, and the engine's real handlers instead of the
// harness's recording fakes — card clicks through handleCardAction, chat commands, bot added. No
// simulator and no server: nothing is sent to Lark (the outbox only gets rows), so thousands of
// requests stay fast. A handler that throws is recorded in `crashes`.
import { handleCardAction } from '../../src/app/lark/handle-card-action.ts';
import { handleBotAdded, handleChatMessage } from '../../src/app/lark/handle-chat-message.ts';
import { encryptLarkPayload, signLarkRequest } from '../../src/lark/lark-crypto.ts';
import { createCampaign, type Campaign } from '../helpers/engine-fixture.ts';
import { createHarness, type Harness } from '../lark/lark-route-harness.ts';
import { watchDb, type DbWatch } from './db-watch.ts';

export const ENCRYPT_KEY = 'property encrypt key';
export const VERIFICATION_TOKEN = 'property-verification-token';

export interface ChannelApp {
  campaign: Campaign;
  harness: Harness;
  watch: DbWatch;
  now(): Date;
  setNow(at: Date): void;
  /** Handlers that threw (the route turns that into an error toast or a failed row, but it is a bug). */
  crashes: string[];
  post(body: string | Uint8Array, headers: Record<string, string> | Headers): Promise<Response>;
  /** Runs the work the route deferred after its 200 (chat commands, bot added). */
  settle(): Promise<void>;
  /** A signed, encrypted request exactly as Lark sends it with an Encrypt Key. */
  signed(payload: unknown, nonce?: string): { body: string; headers: Record<string, string> };
  close(): Promise<void>;
}

export interface ChannelOptions {
  openedAt: Date;
  households: number;
  /** Which secrets the bot is configured with (default: the Encrypt Key and the token). */
  secrets?: 'encrypt key' | 'token only' | 'none';
}

export async function startChannelApp(options: ChannelOptions): Promise<ChannelApp> {
  const campaign = await createCampaign({ households: options.households, openedAt: options.openedAt });
  const crashes: string[] = [];
  const recorded =
    <E, R>(name: string, handler: (event: E) => Promise<R>) =>
    async (event: E): Promise<R> => {
      try {
        return await handler(event);
      } catch (error) {
        crashes.push(`${name}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        throw error;
      }
    };
  const secrets = options.secrets ?? 'encrypt key';
  const now = () => harness.clock.now();
  const harness: Harness = await createHarness({
    db: campaign.db,
    encryptKey: secrets === 'encrypt key' ? ENCRYPT_KEY : undefined,
    verificationToken: secrets === 'none' ? undefined : VERIFICATION_TOKEN,
    cardAnswer: recorded('card action', (event) => handleCardAction(campaign.deps, event, now())),
    handlers: {
      onMessage: recorded('message', (event) => handleChatMessage(campaign.deps, event, now())),
      onBotAdded: recorded('bot added', (event) => handleBotAdded(campaign.deps, event, now())),
      onP2pCreated: async () => {},
    },
  });
  harness.clock.set(options.openedAt);
  const watch = watchDb(campaign.db.file);
  return {
    campaign,
    harness,
    watch,
    now,
    setNow: (at) => harness.clock.set(at),
    crashes,
    // A Headers object keeps a header sent twice as one "a, b" value, as a server would see it.
    post: (body, headers) => harness.post(body, headers instanceof Headers ? Object.fromEntries(headers.entries()) : headers),
    settle: () => harness.settle(),
    signed: (payload, nonce = 'nonce') => {
      const body = JSON.stringify({ encrypt: encryptLarkPayload(JSON.stringify(payload), ENCRYPT_KEY) });
      const timestamp = String(Math.floor(now().getTime() / 1000));
      return {
        body,
        headers: {
          'content-type': 'application/json',
          'x-lark-request-timestamp': timestamp,
          'x-lark-request-nonce': nonce,
          'x-lark-signature': signLarkRequest(timestamp, nonce, ENCRYPT_KEY, body),
        },
      };
    },
    close: async () => {
      watch.close();
      await campaign.db.cleanup();
    },
  };
}

/** Chinese text somewhere in a message: every refusal tells the user what to do, in Chinese. */
export const chinese = /[\u4e00-\u9fa5]/;
