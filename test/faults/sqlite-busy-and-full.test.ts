// SQLite that cannot be written — another process holding the write lock past the busy timeout, a
// file that cannot grow — met by the real product paths: a card click through POST /lark/events,
// the scheduler tick, the outbox, `huhuqing import`. Each must say clearly what happened and what
// to do, and leave nothing half-written: the database is compared row by row before and after.
import { statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueueMessage } from '../../src/app/timers/enqueue-message.ts';
import { describeDbError } from '../../src/db/describe-db-error.ts';
import { createApp } from '../../src/http/create-app.ts';
import { logLoopFailure, runTick } from '../../src/runtime/schedule-ticks.ts';
import { postEventToBot, type PostResult } from '../../src/sandbox/simulator/post-to-bot.ts';
import { processInboundEvents } from '../../src/app/lark/process-inbound-events.ts';
import { at } from '../helpers/engine-fixture.ts';
import { startChannel, type Channel } from '../helpers/lark-channel-fixture.ts';
import { cliRunner } from '../helpers/run-cli.ts';
import { householdHeader, householdRow, writeCsv } from '../helpers/table-files.ts';
import { createTempDb } from '../helpers/temp-db.ts';
import { cardActionEvent, NOW } from '../lark/lark-event-fixtures.ts';
import { createHarness } from '../lark/lark-route-harness.ts';
import { integrityOf, readDbContents } from './db-contents.ts';
import { fillDatabase, recordingLogger, runCliChild } from './fault-helpers.ts';
import { startLockHolder, type LockHolder } from './sqlite-lock-holder.ts';

// The server's busy timeout in these tests (the product's default is 5 s: src/db/create-prisma.ts).
// A lock held longer than it is what they play; better-sqlite3 waits for it synchronously.
const busyTimeoutMs = 800;

let channel: Channel;
let holder: LockHolder;
const logger = recordingLogger();
let file: string;

beforeAll(async () => {
  channel = await startChannel({ openedAt: at('2025-09-26 15:30'), households: 2, busyTimeoutMs, logger });
  file = channel.campaign.db.file;
  holder = await startLockHolder(file);
});
afterAll(async () => {
  await holder?.close();
  await channel?.close();
});

const toast = (r: PostResult) => (r.body as { toast?: { type: string; content: string } }).toast;
const contents = () => readDbContents(file);

async function verifiedClick(messageId: string): Promise<PostResult> {
  const caseId = channel.campaign.caseIds[0]!;
  const c = await channel.campaign.db.prisma.case.findUniqueOrThrow({ where: { id: caseId } });
  return postEventToBot(channel.sim, channel.botUrl, {
    type: 'card.action.trigger',
    messageId,
    operatorOpenId: 'ou_officer',
    value: { a: 'event', caseId, event: 'VERIFIED', state: 'verifying', v: c.version },
    formValue: { f_VERIFIED__persons: '3', f_VERIFIED__causes: ['收入低'], f_VERIFIED__visit_date: '2025-10-13 +0800' },
    name: 's_VERIFIED',
    tag: 'button',
  });
}

describe('another process holds the write lock longer than the busy timeout', () => {
  it('answers a card click within Lark’s 3 s with an error toast, changes nothing, and takes the same click once the lock is gone', async () => {
    channel.clock.set(at('2025-10-14 09:00'));
    await channel.tick();
    await channel.sendOutbox();
    const digest = channel.sim.messagesIn('ou_officer')[0]!;

    await holder.lock('immediate');
    const before = contents();
    logger.lines.length = 0;
    const refused = await verifiedClick(digest.messageId);
    expect(refused.status).toBe(200);
    expect(refused.durationMs).toBeLessThan(3000);
    expect(refused.callback?.code).toBe(0); // the Lark client took the answer: a toast, not "请求失败"
    expect(toast(refused)).toEqual({ type: 'error', content: expect.stringContaining('系统繁忙') });
    expect(toast(refused)?.content).toContain('没有生效');
    expect(logger.errors().join('\n')).toContain('数据库正忙');
    expect(contents()).toEqual(before); // no inbound row, no transition, no audit row, no timers

    await holder.unlock();
    const accepted = await verifiedClick(digest.messageId);
    expect(toast(accepted)?.content).toContain('已提交「已核实」');
    const prisma = channel.campaign.db.prisma;
    expect((await prisma.case.findUniqueOrThrow({ where: { id: channel.campaign.caseIds[0]! } })).state).toBe('classifying');
    expect(await prisma.auditEvent.count({ where: { caseId: channel.campaign.caseIds[0]!, action: 'case.transition' } })).toBe(1);
  });

  it('a lock taken mid-click, after the click was recorded: the toast still comes in time and the click is never replayed', async () => {
    const db = await createTempDb({ busyTimeoutMs });
    const other = await startLockHolder(db.file);
    // The engine at the edge is a stand-in that writes as a transition does, after another process
    // grabbed the lock; the route, the inbound store and the database are the product's.
    const h = await createHarness({
      db,
      cardAnswer: async () => {
        await other.lock('immediate');
        await db.prisma.auditEvent.create({ data: { at: NOW, actor: 'person:1', source: 'card', action: 'case.transition' } });
        return { toast: { type: 'success', content: '已提交' } };
      },
    });
    try {
      const started = performance.now();
      const response = await h.post(JSON.stringify(cardActionEvent('ev_mid_lock')));
      expect(performance.now() - started).toBeLessThan(3000); // one busy timeout, not two
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ toast: { type: 'error', content: expect.stringContaining('系统繁忙') } });
      await other.unlock();
      expect(await db.prisma.auditEvent.count()).toBe(0);
      expect(await db.prisma.inboundEvent.findFirst()).toMatchObject({ status: 'processing' });
      h.clock.advance(6 * 60_000); // past the claim's lease: the sweep gives it up, it does not act on it
      expect(await processInboundEvents(h.deps)).toEqual({ processed: 0, failed: 0, abandoned: 1 });
      expect(h.cardActions).toHaveLength(1);
    } finally {
      await other.close();
      await db.cleanup();
    }
  });

  it('a scheduler tick logs what to do, claims no timer and fires nothing; the next tick fires them with their effects', async () => {
    const prisma = channel.campaign.db.prisma;
    channel.clock.set(at('2025-10-18 09:10'));
    const due = await prisma.timer.count({ where: { status: 'pending', dueAt: { lte: channel.clock.now() } } });
    expect(due).toBeGreaterThan(0);

    await holder.lock('exclusive');
    const before = contents();
    logger.lines.length = 0;
    expect(await runTick(channel.campaign.deps, logger, channel.clock.now())).toBeUndefined();
    expect(logger.errors()).toEqual([expect.stringMatching(/^定时任务（提醒、期限、督办）本轮未完成：数据库正忙.*下一分钟自动重试/)]);
    expect(contents()).toEqual(before);

    await holder.unlock();
    const tick = await runTick(channel.campaign.deps, logger, channel.clock.now());
    expect(tick?.fired).toBeGreaterThan(0);
    // Every deadline marked fired has its audit row; nothing is left claimed.
    const firedDeadlines = await prisma.timer.count({ where: { kind: 'deadline', status: 'fired' } });
    expect(firedDeadlines).toBeGreaterThan(0);
    expect(await prisma.auditEvent.count({ where: { action: 'case.deadline_passed' } })).toBe(firedDeadlines);
    expect(await prisma.timer.count({ where: { status: 'claimed' } })).toBe(0);
    expect(await prisma.outboxMessage.count({ where: { status: 'pending' } })).toBeGreaterThan(0);
  });

  it('the outbox sends nothing while it cannot record sending, says so, and sends everything after', async () => {
    const prisma = channel.campaign.db.prisma;
    const pending = await prisma.outboxMessage.count({ where: { status: 'pending' } });
    await holder.lock('immediate');
    const before = contents();
    const created = channel.sim.state.counters.messagesCreated;
    logger.lines.length = 0;
    const error = await channel.sendOutbox().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(describeDbError(error)?.kind).toBe('busy');
    logLoopFailure(logger, 'outbox', error); // what the server's 1-second loop does with it
    expect(logger.errors()).toEqual([expect.stringMatching(/^飞书消息发送本轮未完成：数据库正忙.*未发出的消息不会丢失/)]);
    expect(channel.sim.state.counters.messagesCreated).toBe(created);
    expect(contents()).toEqual(before);

    await holder.unlock();
    await channel.sendOutbox();
    expect(await prisma.outboxMessage.count({ where: { status: 'sent' } })).toBeGreaterThanOrEqual(pending);
    expect(await prisma.outboxMessage.count({ where: { status: { in: ['pending', 'sending'] } } })).toBe(0);
  });

  it('a lock taken between Lark accepting a message and the outbox recording it: re-sent after the lease with the same uuid, delivered once', async () => {
    const prisma = channel.campaign.db.prisma;
    await prisma.$transaction((tx) =>
      enqueueMessage(tx, 'fault:between', { kind: 'chat', larkId: 'oc_work' }, { type: 'text', text: '锁在中途出现' }, channel.clock.now()),
    );
    const mine = () => channel.sim.messagesIn('oc_work').filter((m) => m.content.includes('锁在中途出现'));
    // Lark stores the message, then its answer is slow (held 700 ms): time for another process to lock.
    channel.sim.injectFaults({ timeoutRate: 1, timeoutMs: 700, seed: 1 });
    const run = channel.sendOutbox().then(
      () => undefined,
      (e: unknown) => e,
    );
    while (mine().length === 0) await new Promise((r) => setTimeout(r, 5));
    await holder.lock('immediate');
    channel.sim.injectFaults({});
    expect(describeDbError(await run)?.kind).toBe('busy');
    const row = await prisma.outboxMessage.findUniqueOrThrow({ where: { idempotencyKey: 'fault:between' } });
    expect(row.status).toBe('sending'); // claimed, its outcome unrecorded

    await holder.unlock();
    channel.clock.advance(61_000); // past the claim's lease
    const replays = channel.sim.state.counters.idempotentReplays;
    await channel.sendOutbox();
    const sent = await prisma.outboxMessage.findUniqueOrThrow({ where: { idempotencyKey: 'fault:between' } });
    expect(sent.status).toBe('sent');
    expect(mine()).toHaveLength(1);
    expect(sent.larkMessageId).toBe(mine()[0]!.messageId);
    expect(channel.sim.state.counters.idempotentReplays).toBe(replays + 1);
  });

  it('any other route that meets the lock answers 503 with what to do and Retry-After, not a 500 with a stack', async () => {
    // The app's error handler, behind a route that writes as the console and API routes do.
    const route = new Hono().post('/write', async (c) => {
      await channel.campaign.db.prisma.auditEvent.create({
        data: { at: channel.clock.now(), actor: 'test', source: 'cli', action: 'test.write' },
      });
      return c.json({ ok: true });
    });
    const app = createApp({ logger, mode: 'live', checkReadiness: async () => ({ ready: true, problems: [] }), routes: [route] });
    await holder.lock('immediate');
    try {
      const res = await app.request('/write', { method: 'POST' });
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('5');
      expect(await res.json()).toEqual({ error: 'database_unavailable', message: expect.stringMatching(/^数据库正忙.*请稍后重试/) });
    } finally {
      await holder.unlock();
    }
    expect(await channel.campaign.db.prisma.auditEvent.count({ where: { action: 'test.write' } })).toBe(0);
  });

  it('`huhuqing import` exits 75 saying the database is busy and what to do, and imports nothing; the same file imports after', async () => {
    // Households of a county not on file yet: the import's first write is that region (through
    // Prisma, 5 s busy timeout) before its batch of households (better-sqlite3, 10 s).
    const csv = writeCsv(channel.campaign.dir, 'busy.csv', [
      householdHeader,
      ...Array.from({ length: 40 }, (_, i) => householdRow(200 + i, { 县区: '陆良县', 责任人: 'ou_officer' })),
    ]);
    const saved = process.env.DATABASE_URL;
    process.env.DATABASE_URL = channel.campaign.db.url;
    const { run, output } = cliRunner();
    try {
      await holder.lock('exclusive');
      const before = contents();
      expect(await run('import', csv)).toBe(75);
      const said = output().join('\n');
      expect(said).toContain('错误：数据库正忙');
      expect(said).toContain('请稍后重试');
      expect(said).toContain('没有写入任何档案');
      expect(said).not.toMatch(/at .*\.ts:\d+|Invalid `/); // no stack, no Prisma invocation text
      expect(contents()).toEqual(before);

      await holder.unlock();
      expect(await run('import', csv)).toBe(0);
      expect(output().join('\n')).toContain('新建 40 户');
    } finally {
      process.env.DATABASE_URL = saved;
    }
  });
});

describe('a database that cannot grow (disk full)', () => {
  it('`huhuqing import` under a file-size limit fails with what to do, rolls the batch back whole, and leaves a sound file', async () => {
    // A real limit on a real process: `ulimit -f` (RLIMIT_FSIZE) for the CLI child. Works on any
    // Linux, needs no root or mount. The kernel refuses writes past the limit with EFBIG (SQLite:
    // SQLITE_IOERR_WRITE); on a really full disk it is ENOSPC (SQLITE_FULL, the next test). Both
    // must read as "cannot write: free space, check the limits". In WAL mode the import writes only
    // the -wal file (from its start, once truncated) and the 32 KB -shm: 256 KB lets the process
    // start (tsx's cache files are smaller) and is far below the batch of 1,500 households.
    const limitKb = 256;
    const csv = writeCsv(channel.campaign.dir, 'full.csv', [
      householdHeader,
      ...Array.from({ length: 1500 }, (_, i) => householdRow(1000 + i, { 责任人: 'ou_officer' })),
    ]);
    const checkpoint = () => {
      const db = new Database(file);
      db.pragma('wal_checkpoint(TRUNCATE)');
      db.close();
    };
    checkpoint();
    const sizeBefore = statSync(file).size;
    const before = contents();

    const child = await runCliChild(['import', csv], { DATABASE_URL: channel.campaign.db.url }, { fileSizeLimitKb: limitKb });
    expect(child.signal).toBeNull(); // not killed by SIGXFSZ
    expect(child.code).toBe(74);
    expect(child.stderr).toContain('错误：数据库写入失败（磁盘 I/O 错误）');
    expect(child.stderr).toContain('剩余空间');
    expect(child.stderr).toContain('ulimit -f');
    expect(child.stderr).toContain('没有写入任何档案');
    expect(child.stderr).not.toMatch(/SqliteError|at .*\.ts:\d+/);
    expect(contents()).toEqual(before);
    expect(integrityOf(file)).toBe('ok');

    const { run, output } = cliRunner();
    const saved = process.env.DATABASE_URL;
    process.env.DATABASE_URL = channel.campaign.db.url;
    try {
      expect(await run('import', csv)).toBe(0);
      expect(output().join('\n')).toContain('新建 1,500 户');
    } finally {
      process.env.DATABASE_URL = saved;
    }
    checkpoint();
    expect(statSync(file).size - sizeBefore).toBeGreaterThan(limitKb * 1024); // the limit really was in the way
  }, 60_000);

  it('a card click on a full database gets a toast, writes nothing, and the server keeps answering', async () => {
    const prisma = channel.campaign.db.prisma;
    const caseId = channel.campaign.caseIds[1]!;
    const filled = await fillDatabase(prisma);
    try {
      expect(filled.fillerRows).toBeGreaterThan(0);
      const before = contents();
      logger.lines.length = 0;
      const c = await prisma.case.findUniqueOrThrow({ where: { id: caseId } });
      const click = await postEventToBot(channel.sim, channel.botUrl, {
        type: 'card.action.trigger',
        messageId: channel.sim.messagesIn('ou_officer')[0]!.messageId,
        operatorOpenId: 'ou_officer',
        value: { a: 'event', caseId, event: 'VERIFIED', state: c.state, v: c.version },
        formValue: { f_VERIFIED__persons: '3', f_VERIFIED__causes: ['收入低'], f_VERIFIED__visit_date: '2025-10-13 +0800' },
        name: 's_VERIFIED',
        tag: 'button',
      });
      expect(click.status).toBe(200);
      expect(click.callback?.code).toBe(0);
      expect(toast(click)).toEqual({ type: 'error', content: expect.stringContaining('服务器暂时无法保存数据') });
      expect(logger.errors().join('\n')).toContain('磁盘已满：数据库无法写入。请清理数据库所在磁盘的空间（或扩容）后重试');
      expect(contents()).toEqual(before);

      const health = await fetch(new URL('/healthz', channel.botUrl));
      expect(health.status).toBe(200); // alive: restarting would not free the disk
    } finally {
      await filled.release();
    }
    expect(integrityOf(file)).toBe('ok');
  });
});
