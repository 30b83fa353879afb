// Property: whatever arrives at POST /lark/events — any body, encoding, size, headers, signature —
// the bot answers below 500 with JSON (a refusal in Chinese), nothing logs a crash, and the database
// is not written unless the request was validly signed. "Validly signed" is decided here from the
// bytes and headers actually sent (Lark's rule: hex SHA-256 of timestamp + nonce + Encrypt Key + raw
// body, timestamp within 300 s), not from the generator's intent.
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { at } from '../helpers/engine-fixture.ts';
import { isPristine, materialize, pristineClicks, requestPlan, type LarkWorld, type RequestPlan } from './arbitraries-lark.ts';
import { ENCRYPT_KEY, VERIFICATION_TOKEN, chinese, startChannelApp, type ChannelApp, type ChannelOptions } from './channel-app.ts';
import { runs } from './property-options.ts';

const openedAt = at('2025-09-26 15:30');
const clockAt = at('2025-10-14 09:00');

function validlySigned(body: Uint8Array, headers: Headers, now: Date): boolean {
  const timestamp = headers.get('x-lark-request-timestamp');
  const nonce = headers.get('x-lark-request-nonce');
  const signature = headers.get('x-lark-signature');
  if (!timestamp || !nonce || !signature) return false;
  if (!/^\d+$/.test(timestamp) || Math.abs(Number(timestamp) - now.getTime() / 1000) > 300) return false;
  const expected = createHash('sha256').update(`${timestamp}${nonce}${ENCRYPT_KEY}`, 'utf8').update(body).digest('hex');
  return signature.toLowerCase() === expected;
}

/** Without an Encrypt Key the verification token in the (plain) body is the only credential. */
function carriesToken(body: Uint8Array): boolean {
  let payload: unknown;
  try {
    payload = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body));
  } catch {
    return false;
  }
  if (typeof payload !== 'object' || payload === null) return false;
  const p = payload as { token?: unknown; header?: { token?: unknown } };
  return p.token === VERIFICATION_TOKEN || (typeof p.header === 'object' && p.header !== null && p.header.token === VERIFICATION_TOKEN);
}

/** The last case is kept out of the generated requests, for the control at the end. */
const controlCase = 4;

function worldOf(ch: ChannelApp): LarkWorld {
  return {
    caseIds: ch.campaign.caseIds.slice(0, controlCase),
    caseState: (id) => ch.campaign.db.prisma.case.findUnique({ where: { id }, select: { state: true, version: true } }),
    now: ch.now,
    encryptKey: ENCRYPT_KEY,
    verificationToken: VERIFICATION_TOKEN,
  };
}

interface Tally {
  statuses: Map<number, number>;
  accepted: number;
  writes: number;
}

/** The property body: send one plan, settle the deferred work, check the answer and the database. */
function checkRequest(
  ch: ChannelApp,
  authentic: (body: Uint8Array, headers: Headers) => boolean,
  tally: Tally,
  /** The bot's secrets, for "a pristine request is taken"; null skips that check. */
  secrets: NonNullable<ChannelOptions['secrets']> | null,
) {
  return async (plan: RequestPlan) => {
    const request = await materialize(plan, worldOf(ch));
    const isAuthentic = authentic(request.body, request.headers);
    const version = ch.watch.version();
    const before = ch.watch.fingerprint();
    const crashesBefore = ch.crashes.length;
    const response = await ch.post(request.body, request.headers);
    const text = await response.text();
    await ch.settle();
    tally.statuses.set(response.status, (tally.statuses.get(response.status) ?? 0) + 1);

    expect(response.status, text).toBeLessThan(500);
    const answer = JSON.parse(text) as { message?: unknown };
    if (response.status >= 400) expect(String(answer.message)).toMatch(chinese);
    expect(ch.crashes.slice(crashesBefore), 'a handler crashed').toEqual([]);
    const written = ch.watch.version() !== version;
    if (written) tally.writes++;
    if (!isAuthentic && written) {
      const after = ch.watch.fingerprint();
      const changed = Object.keys(after).filter((k) => after[k] !== before[k]);
      throw new Error(`a request without valid credentials wrote to the database (${changed.join(', ') || 'no watched table'})`);
    }
    if (isAuthentic) tally.accepted++;
    if (secrets !== null && isPristine(plan, secrets)) {
      expect(isAuthentic, 'a pristine plan must carry valid credentials (generator and oracle disagree)').toBe(true);
      expect(response.status, text).toBe(200);
    }
  };
}

const newTally = (): Tally => ({ statuses: new Map(), accepted: 0, writes: 0 });

async function start(secrets: ChannelOptions['secrets']): Promise<ChannelApp> {
  const ch = await startChannelApp({ openedAt, households: controlCase + 1, secrets });
  ch.setNow(clockAt);
  return ch;
}

describe('POST /lark/events under generated hostile requests (fast-check)', () => {
  let withKey: ChannelApp;
  let tokenOnly: ChannelApp;
  let noSecrets: ChannelApp;
  beforeAll(async () => {
    [withKey, tokenOnly, noSecrets] = await Promise.all([start('encrypt key'), start('token only'), start('none')]);
  }, 60_000);
  afterAll(async () => {
    await Promise.all([withKey?.close(), tokenOnly?.close(), noSecrets?.close()]);
  });

  it('with an Encrypt Key: never 5xx, never a crash, no write without a valid signature', async () => {
    const tally = newTally();
    await fc.assert(
      fc.asyncProperty(
        requestPlan,
        checkRequest(withKey, (body, headers) => validlySigned(body, headers, withKey.now()), tally, 'encrypt key'),
      ),
      runs(1000),
    );
    // The generator must reach the store and the engine, not only the guards.
    expect(tally.accepted).toBeGreaterThan(40);
    expect(tally.writes).toBeGreaterThan(20);
    expect([...tally.statuses.keys()]).toEqual(expect.arrayContaining([200, 400, 401, 403]));
    // And a pristine click is taken by the engine (on the case the generator leaves alone).
    const caseId = withKey.campaign.caseIds[controlCase]!;
    const c = await withKey.campaign.db.prisma.case.findUniqueOrThrow({ where: { id: caseId } });
    expect(c.state).toBe('verifying');
    const button = pristineClicks.verifying![0]!;
    const form = Object.fromEntries(Object.entries(button.form ?? {}).map(([k, v]) => [`f_${button.event}__${k}`, v]));
    const click = {
      schema: '2.0',
      header: { event_id: 'ev_control', event_type: 'card.action.trigger', create_time: '1' },
      event: {
        operator: { open_id: button.operator },
        action: { value: { a: 'event', caseId, event: button.event, state: c.state, v: c.version }, form_value: form },
        context: { open_message_id: 'om_control' },
      },
    };
    const request = withKey.signed(click, 'control');
    const answer = (await (await withKey.post(request.body, request.headers)).json()) as { toast?: { type: string } };
    expect(answer.toast?.type, JSON.stringify(answer)).toBe('success');
    expect((await withKey.campaign.db.prisma.case.findUniqueOrThrow({ where: { id: caseId } })).version).toBe(c.version + 1);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  }, 120_000);

  it('with a verification token only: never 5xx, no write without the token', async () => {
    const tally = newTally();
    await fc.assert(fc.asyncProperty(requestPlan, checkRequest(tokenOnly, carriesToken, tally, 'token only')), runs(400));
    expect(tally.writes).toBeGreaterThan(10);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  }, 120_000);

  it('without secrets: still never 5xx and never a crash — and the signature property catches that it takes unsigned requests', async () => {
    const tally = newTally();
    await fc.assert(
      fc.asyncProperty(
        requestPlan,
        checkRequest(noSecrets, () => true, newTally(), 'none'),
      ),
      runs(300),
    );
    // The same property as above, pointed at a bot that checks no signature, must fail: it can.
    const caught = await fc.check(
      fc.asyncProperty(
        requestPlan,
        checkRequest(noSecrets, (body, headers) => validlySigned(body, headers, noSecrets.now()), tally, null),
      ),
      { numRuns: 300, endOnFailure: true },
    );
    expect(caught.failed).toBe(true);
    expect(String(caught.errorInstance)).toMatch(/without valid credentials/);
  }, 120_000);
});
