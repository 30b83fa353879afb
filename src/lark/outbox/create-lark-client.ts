// The official SDK client, pointed at Lark, Feishu or the simulator (`domain`), with a token cache
// we own: the SDK neither refreshes on 99991663 nor retries, so the outbox clears it and retries.
import * as lark from '#lark-sdk';

export interface LarkClientHandle {
  client: lark.Client;
  /** Forget the cached tenant_access_token (after 99991663): the next call fetches a new one. */
  clearToken(): void;
}

export function createLarkClient(options: {
  appId: string;
  appSecret: string;
  domain: string;
  now: () => Date;
  timeoutMs?: number;
  /**
   * Where the tenant_access_token is kept. Workers build a client per request and pass a store
   * that lives as long as the isolate, so a token is not fetched again for every request.
   */
  tokenStore?: Map<string, { value: unknown; expire?: number }>;
}): LarkClientHandle {
  const store = options.tokenStore ?? new Map<string, { value: unknown; expire?: number }>();
  const key = (k: string | symbol, ns?: string) => `${ns ?? ''}:${String(k)}`;
  const cache = {
    set: async (k: string | symbol, value: unknown, expire?: number, o?: { namespace?: string }) => {
      store.set(key(k, o?.namespace), { value, expire });
      return true;
    },
    get: async (k: string | symbol, o?: { namespace?: string }) => {
      const hit = store.get(key(k, o?.namespace));
      // The SDK passes an absolute expiry in ms (3 minutes before the token's own).
      if (!hit || (hit.expire !== undefined && hit.expire < options.now().getTime())) return undefined;
      return hit.value;
    },
  };
  // The SDK's axios instance has no timeout by default: a hung peer must not hold the outbox.
  lark.defaultHttpInstance.defaults.timeout = options.timeoutMs ?? 10_000;
  const domain = options.domain === 'feishu' ? lark.Domain.Feishu : options.domain === 'lark' ? lark.Domain.Lark : options.domain;
  // The SDK logs every failed call with the whole response; the outbox records a readable reason per
  // row instead, so the SDK's own logging is silenced (it could also print request data).
  const quiet = () => undefined;
  const client = new lark.Client({
    appId: options.appId,
    appSecret: options.appSecret,
    domain,
    cache: cache as unknown as ConstructorParameters<typeof lark.Client>[0]['cache'],
    loggerLevel: lark.LoggerLevel.error,
    logger: { error: quiet, warn: quiet, info: quiet, debug: quiet, trace: quiet },
  });
  return { client, clearToken: () => store.clear() };
}
