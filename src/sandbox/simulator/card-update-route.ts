// POST /open-apis/interactive/v1/card/update: the delayed update by a callback's `c-…` token
// (lark-platform.md §2.4): valid 30 min, usable twice (300030, 300040, 300020), bot's own cards only
// (200310), ≤ 30 KB (11311 for a bad card). An update before the callback was answered is reverted.
import type { Hono } from 'hono';
import type { SimulatorCore } from './simulator-core.ts';
import type { SimCardToken } from './simulator-state.ts';
import { byteLength, CARD_BODY_LIMIT, fail, ok, readJsonObject, sendResult, type LarkResult, type SimEnv } from './lark-reply.ts';
import { API, gate, type Holds } from './gateway.ts';
import { validateCard } from './validate-card.ts';
import { newCardToken } from './lark-ids.ts';

export const CARD_TOKEN_LIFETIME_MS = 30 * 60 * 1000;
export const CARD_TOKEN_USES = 2;

/** Mints the update token Lark puts in a card callback (`event.token`) for this message. */
export function mintCardToken(core: SimulatorCore, messageId: string, options: { answered?: boolean } = {}): SimCardToken {
  const token: SimCardToken = {
    token: newCardToken(),
    messageId,
    mintedAt: core.now().getTime(),
    uses: 0,
    answered: options.answered ?? true,
  };
  core.state.cardTokens.set(token.token, token);
  return token;
}

export function mountCardUpdateRoute(app: Hono<SimEnv>, core: SimulatorCore, holds: Holds): void {
  app.post('/open-apis/interactive/v1/card/update', gate(core, API.cardUpdate, holds), async (c) => {
    const { raw, body } = await readJsonObject(c);
    if (!body) return sendResult(c, fail(11311, 'the request body must be a JSON object {token, card}'));
    return sendResult(c, updateByToken(core, body, raw));
  });
}

function updateByToken(core: SimulatorCore, body: Record<string, unknown>, raw: string): LarkResult {
  const tokenText = body.token;
  if (typeof tokenText !== 'string' || !tokenText.startsWith('c-'))
    return fail(300020, 'invalid token format: expected the c-… token of a card callback');
  const token = core.state.cardTokens.get(tokenText);
  if (!token) return fail(300020, 'invalid token: this c-… token was never issued');
  const now = core.now().getTime();
  if (now - token.mintedAt > CARD_TOKEN_LIFETIME_MS) return fail(300030, 'the card update token expired (valid for 30 minutes)');
  if (token.uses >= CARD_TOKEN_USES) return fail(300040, 'the card update token was used more than twice');
  const message = core.state.messages.get(token.messageId);
  if (!message || message.msgType !== 'interactive' || message.sender.id !== core.appId)
    return fail(200310, 'only cards sent by this app can be updated');
  if (byteLength(raw) > CARD_BODY_LIMIT) return fail(11311, `the card is larger than ${CARD_BODY_LIMIT / 1024} KB`);
  const problem = validateCard(body.card);
  if (problem) return fail(11311, `card format invalid: ${problem}`);
  token.uses += 1;
  const content = JSON.stringify(body.card);
  if (!token.answered) {
    // Lark: calling before the callback's HTTP answer "fails, or the update is immediately reverted".
    message.edits.push({ at: now, content, via: 'card_update', reverted: true });
    return ok({});
  }
  message.content = content;
  message.updateTime = now;
  message.edits.push({ at: now, content, via: 'card_update' });
  core.state.counters.edits += 1;
  return ok({});
}
