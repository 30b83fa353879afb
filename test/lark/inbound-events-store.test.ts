import { afterEach, describe, expect, it } from 'vitest';
import { createPrisma } from '../../src/db/create-prisma.ts';
import { claimUnprocessed, markFailed, markProcessed, recordInbound } from '../../src/db/inbound-events.ts';
import { createTempDb, type TempDb } from '../helpers/temp-db.ts';

const T0 = new Date('2026-03-02T02:00:00.000Z');
const at = (ms: number) => new Date(T0.getTime() + ms);
const record = (key: string, receivedAt = T0) => ({ dedupeKey: key, eventType: 'im.message.receive_v1', body: { key }, receivedAt });

let db: TempDb | undefined;
afterEach(async () => {
  await db?.cleanup();
  db = undefined;
});

describe('the inbound event store', () => {
  it('records a key once; the same key again is a duplicate, also after a restart', async () => {
    db = await createTempDb();
    expect(await recordInbound(db.prisma, record('message:om_1'))).toBe('new');
    expect(await recordInbound(db.prisma, record('message:om_1', at(15_000)))).toBe('duplicate');
    const restarted = createPrisma(db.url);
    expect(await recordInbound(restarted, record('message:om_1', at(3_600_000)))).toBe('duplicate');
    await restarted.$disconnect();
    expect(await db.prisma.inboundEvent.count()).toBe(1);
  });

  it('keeps "__proto__" keys in a stored body as plain data', async () => {
    db = await createTempDb();
    const body = JSON.parse('{"__proto__":{"polluted":true},"a":1}') as unknown;
    await recordInbound(db.prisma, { ...record('event:p'), body });
    const [row] = await claimUnprocessed(db.prisma, T0, 10);
    expect(JSON.stringify(row?.body)).toBe('{"__proto__":{"polluted":true},"a":1}');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('hands each row to one claimer only, even when two connections claim at once', async () => {
    db = await createTempDb();
    for (let i = 0; i < 20; i++) await recordInbound(db.prisma, record(`event:${i}`));
    const other = createPrisma(db.url); // a second connection, as a second process would have
    const [a, b] = await Promise.all([claimUnprocessed(db.prisma, T0, 15), claimUnprocessed(other, T0, 15)]);
    await other.$disconnect();
    const ids = [...(a ?? []), ...(b ?? [])].map((r) => r.id);
    expect(ids).toHaveLength(20);
    expect(new Set(ids).size).toBe(20);
    expect(await claimUnprocessed(db.prisma, T0, 15)).toEqual([]);
  });

  it('takes over a claim whose process died once the lease has passed, counting the attempt', async () => {
    db = await createTempDb();
    await recordInbound(db.prisma, record('event:crash'));
    expect((await claimUnprocessed(db.prisma, T0, 10))[0]?.attempts).toBe(1);
    expect(await claimUnprocessed(db.prisma, at(4 * 60_000), 10)).toEqual([]);
    const [again] = await claimUnprocessed(db.prisma, at(6 * 60_000), 10);
    expect(again?.attempts).toBe(2);
    await markProcessed(db.prisma, again!.id, at(6 * 60_000));
    expect(await claimUnprocessed(db.prisma, at(60 * 60_000), 10)).toEqual([]);
  });

  it('retries a failed row after a minute, up to five attempts, then leaves it failed', async () => {
    db = await createTempDb();
    await recordInbound(db.prisma, record('event:flaky'));
    let clock = 0;
    for (let attempt = 1; attempt <= 5; attempt++) {
      const [row] = await claimUnprocessed(db.prisma, at(clock), 10);
      expect(row?.attempts).toBe(attempt);
      await markFailed(db.prisma, row!.id, { now: at(clock), attempts: row!.attempts, error: 'Error: boom' });
      expect(await claimUnprocessed(db.prisma, at(clock + 30_000), 10)).toEqual([]);
      clock += 61_000;
    }
    expect(await claimUnprocessed(db.prisma, at(clock + 3_600_000), 10)).toEqual([]);
    expect(await db.prisma.inboundEvent.findFirst()).toMatchObject({ status: 'failed', attempts: 5, error: 'Error: boom' });
  });

  it('abandons a row whose process died in every one of its attempts', async () => {
    db = await createTempDb();
    await recordInbound(db.prisma, record('event:poison'));
    for (let i = 0; i < 5; i++) expect(await claimUnprocessed(db.prisma, at(i * 6 * 60_000), 10)).toHaveLength(1);
    expect(await claimUnprocessed(db.prisma, at(5 * 6 * 60_000), 10)).toEqual([]);
    expect(await db.prisma.inboundEvent.findFirst()).toMatchObject({ status: 'abandoned', attempts: 5 });
  });
});
