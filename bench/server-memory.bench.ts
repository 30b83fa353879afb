// Server memory benchmark: the real server (`node bin/huhuqing.mjs serve`, as `npm start` runs it;
// live mode, its Lark being the simulator run by this script) as a child process on a copy of the
// scheduler bench's database (bench/tick-db.ts), with 3,500,000 households against the same server
// with 10,000. It starts (migrations, flows, the restart sweep), answers requests (progress reports
// from /api, a household search, /metrics, a signed card callback that moves a case, an @bot 进度
// message), runs its own minute tick (10,000 due reminders and the day's digest, which snapshots
// every case) and sends the outbox to the simulator. Its RSS is sampled from /proc/<pid>/status all
// along; peak = VmHWM.
// Experiments on the large file, each one more server: --node-args '<flags>' (repeatable) starts it
// with these node flags added, e.g. --node-args '--max-semi-space-size=4'.
// Usage: npm run bench:server-memory -- [--small 10000] [--large 3500000] [--due 10000] [--node-args '<flags>']
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { localDateOf } from '../src/core/time/local-day.ts';
import { sqliteTimestamp } from '../src/db/sqlite-timestamp.ts';
import { encryptLarkPayload, signLarkRequest } from '../src/lark/lark-crypto.ts';
import { startLarkSimulator } from '../src/sandbox/simulator/start-lark-simulator.ts';
import { dueCases, ensureTickDb, tickOfficers } from './tick-db.ts';
import { writeResultsSection } from './write-results.ts';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return Number(i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback);
};
const due = arg('due', '10000');
const sizes = [arg('small', '10000'), arg('large', '3500000')];
const experiments = process.argv.flatMap((a, i) => (a === '--node-args' && process.argv[i + 1] ? [process.argv[i + 1]!] : []));
/** The outbox is watched this long after the tick (sending 500 cards is paced by Lark's rate limits). */
const outboxWatchMs = 60_000;
const goalMB = 300;
const adminToken = 'bench-admin-token-0123456789';
const tz = 'Asia/Shanghai';
const openId = (officer: number) => `ou_${String(officer).padStart(32, '0')}`;

function memoryOf(pid: number): { rssMB: number; peakMB: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? 0);
  return { rssMB: Math.round(kb('VmRSS') / 1024), peakMB: Math.round(kb('VmHWM') / 1024) };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until<T>(what: string, check: () => T | undefined | Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const started = Date.now();
  for (;;) {
    const v = await check();
    if (v !== undefined) return v;
    if (Date.now() - started > timeoutMs) throw new Error(`等待超时：${what}`);
    await sleep(250);
  }
}

interface Phase {
  name: string;
  rssMB: number;
  /** VmHWM so far. */
  peakMB: number;
  seconds: number;
}
interface Run {
  households: number;
  label: string;
  copySeconds: number;
  phases: Phase[];
  maxSampledMB: number;
  peakMB: number;
  requests: { name: string; status: number; ms: number }[];
  /** seconds: from the minute the tick started at (node-cron) to its log line. */
  tick: { claimed: number; fired: number; messages: number; sent: number; seconds: number } | undefined;
}

async function measure(households: number, label: string, nodeArgs: string[] = []): Promise<Run> {
  const { file: cached } = ensureTickDb(households, due);
  const dir = path.resolve(`bench/out/server-memory-${process.pid}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'huhuqing.db');
  console.log(`复制 ${households.toLocaleString('zh-CN')} 户的数据库……`);
  const started = performance.now();
  copyFileSync(cached, file);
  const copySeconds = (performance.now() - started) / 1000;

  // Today's digest is due now (its time has passed): the first tick takes the day's snapshot of every case.
  const now = new Date();
  const day = localDateOf(now, tz);
  const db = new Database(file);
  db.prepare(
    `INSERT INTO timers (key, kind, dueAt, status, payload, createdAt) VALUES (?, 'digest', ?, 'pending', ?, ?) ON CONFLICT (key) DO NOTHING`,
  ).run(`digest:${day}`, sqliteTimestamp(new Date(now.getTime() - 60_000)), JSON.stringify({ day, at: '08:30' }), sqliteTimestamp(now));
  db.close();

  const sim = await startLarkSimulator({
    now: () => new Date(),
    appName: '户户清（压测）',
    encryptKey: 'bench-encrypt-key',
    verificationToken: 'bench-verification-token',
    botOpenId: 'ou_bot_sim',
  });
  for (let i = 1; i <= tickOfficers; i++) sim.addUser({ openId: openId(i), name: `责任人${i}` });
  for (const chatId of ['oc_qilin_inspection', 'oc_qujing_supervisors', 'oc_qilin_work'])
    sim.addChat({ chatId, name: chatId, members: [openId(1), 'ou_county_supervisor'] });

  const env = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    DATABASE_URL: `file:${file}`,
    PORT: '0',
    HOST: '127.0.0.1',
    LARK_APP_ID: sim.appId,
    LARK_APP_SECRET: sim.appSecret,
    LARK_ENCRYPT_KEY: sim.encryptKey,
    LARK_VERIFICATION_TOKEN: sim.verificationToken,
    LARK_DOMAIN: sim.url,
    ADMIN_TOKEN: adminToken,
    // Never quiet during the run, so the tick sends its reminders whatever the time of day.
    HUHUQING_QUIET_HOURS: '03:00-03:01',
    HUHUQING_DAILY_DIGEST_AT: '08:30',
    LOG_LEVEL: 'info',
  };
  const t0 = performance.now();
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, path.resolve('bin/huhuqing.mjs'), 'serve'], {
    cwd: dir, // no .env of the working tree
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const pid = child.pid!;
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  let exited = false;
  child.on('exit', () => (exited = true));
  let maxSampledMB = 0;
  const sampler = setInterval(() => {
    if (!exited) maxSampledMB = Math.max(maxSampledMB, memoryOf(pid).rssMB);
  }, 200);
  const phases: Phase[] = [];
  const phase = (name: string) => {
    const p = { name, ...memoryOf(pid), seconds: (performance.now() - t0) / 1000 };
    phases.push(p);
    console.log(`  ${name}: RSS ${p.rssMB} MB，峰值 ${p.peakMB} MB（${p.seconds.toFixed(1)} s）`);
  };

  try {
    const url = await until(
      '服务启动',
      () => {
        if (exited) throw new Error(`服务退出：${stderr.slice(-2000)}`);
        return /户户清已启动：(http:\/\/\S+)/.exec(stdout)?.[1];
      },
      15 * 60_000,
    );
    phase('started');
    await sleep(3000);
    phase('idle 3 s after start');

    const requests: Run['requests'] = [];
    const call = async (name: string, pathname: string, init: RequestInit = {}) => {
      const s = performance.now();
      const res = await fetch(`${url}${pathname}`, {
        ...init,
        headers: { authorization: `Bearer ${adminToken}`, ...(init.headers as Record<string, string>) },
      }).catch((error: Error) => {
        // The server dropped the connection: say what it printed, and go on if it is still running.
        requests.push({ name, status: 0, ms: Math.round(performance.now() - s) });
        console.log(`  ${name}: 连接失败（${error.message}）${exited ? '，服务已退出' : ''}\n${stderr.slice(-1500)}`);
        if (exited) throw new Error(`服务退出：${stderr.slice(-2000)}`);
        return undefined;
      });
      if (!res) return '';
      const text = await res.text();
      requests.push({ name, status: res.status, ms: Math.round(performance.now() - s) });
      if (res.status >= 300) console.log(`  ${name}: HTTP ${res.status} ${text.slice(0, 300)}`);
      return text;
    };
    await call('GET /readyz', '/readyz');
    await call('GET /api/progress?by=level', '/api/progress?by=level');
    await call('GET /api/progress?by=region', '/api/progress?by=region');
    await call('GET /api/progress?by=state', '/api/progress?by=state&since=2016-01-01');
    await call('GET /api/households?q=530302', '/api/households?q=530302-2015-00001');
    await call('GET /metrics', '/metrics');

    // A card click by the officer of case 2 (已核实 with its form), and an @bot 进度 in the county's group.
    const { officerOf } = dueCases(households, due);
    const ts = String(Math.floor(Date.now() / 1000));
    const lark = async (name: string, eventType: string, event: Record<string, unknown>) => {
      const raw = JSON.stringify({
        encrypt: encryptLarkPayload(
          JSON.stringify({
            schema: '2.0',
            header: {
              event_id: `bench-${name}`,
              token: sim.verificationToken,
              create_time: `${ts}000`,
              event_type: eventType,
              tenant_key: 't',
              app_id: sim.appId,
            },
            event,
          }),
          sim.encryptKey,
        ),
      });
      const text = await call(name, '/lark/events', {
        method: 'POST',
        body: raw,
        headers: {
          'content-type': 'application/json',
          'x-lark-request-timestamp': ts,
          'x-lark-request-nonce': `n-${requests.length}`,
          'x-lark-signature': signLarkRequest(ts, `n-${requests.length}`, sim.encryptKey, raw),
        },
      });
      console.log(`  ${name}: ${text.slice(0, 160)}`);
    };
    await lark('card callback VERIFIED', 'card.action.trigger', {
      operator: { open_id: openId(officerOf(2)) },
      token: 'c-bench',
      action: {
        tag: 'button',
        name: 's_VERIFIED',
        value: { a: 'event', caseId: 2, event: 'VERIFIED', state: 'verifying', v: 0 },
        form_value: { f_VERIFIED__persons: '3', f_VERIFIED__causes: ['收入低'], f_VERIFIED__visit_date: `${day} +0800` },
      },
      context: { open_message_id: 'om_bench_case2', open_chat_id: 'oc_qilin_work' },
    });
    await lark('message @bot 进度', 'im.message.receive_v1', {
      sender: { sender_id: { open_id: 'ou_county_supervisor' }, sender_type: 'user', tenant_key: 't' },
      message: {
        message_id: 'om_bench_progress',
        create_time: `${ts}000`,
        chat_id: 'oc_qilin_inspection',
        chat_type: 'group',
        message_type: 'text',
        content: JSON.stringify({ text: '@_user_1 进度' }),
        mentions: [{ key: '@_user_1', id: { open_id: 'ou_bot_sim' }, name: '户户清', tenant_key: 't' }],
      },
    });
    await sleep(2000);
    phase('after requests');

    // The server's own tick (node-cron, at the next minute): 10,000 reminders and the day's digest.
    console.log('  等待服务自己的定时任务（每分钟）……');
    const tickLine = await until(
      '定时任务',
      () => stderr.split('\n').find((l) => l.includes('"msg":"scheduler tick"') || l.includes('scheduler tick failed')),
      3 * 60_000,
    );
    const tick = JSON.parse(tickLine) as { claimed: number; fired: number; messages: number; time: number; err?: string };
    if (tick.err) throw new Error(`定时任务失败：${tick.err}`);
    phase('after tick');
    const ro = new Database(file, { readonly: true });
    const waiting = ro.prepare(`SELECT count(*) AS n FROM outbox WHERE status IN ('pending', 'sending')`);
    await until('发件箱发完', () => ((waiting.get() as { n: number }).n === 0 ? true : undefined), outboxWatchMs).catch(() => undefined);
    const sent = (ro.prepare(`SELECT count(*) AS n FROM outbox WHERE status = 'sent'`).get() as { n: number }).n;
    ro.close();
    phase('outbox, ≤ 60 s');
    await sleep(3000);
    phase('idle 3 s later');
    const { peakMB } = memoryOf(pid);
    return {
      households,
      label,
      copySeconds,
      phases,
      maxSampledMB,
      peakMB,
      requests,
      tick: { claimed: tick.claimed, fired: tick.fired, messages: tick.messages, sent, seconds: (tick.time % 60_000) / 1000 },
    };
  } finally {
    clearInterval(sampler);
    child.kill('SIGTERM');
    await until('服务退出', () => (exited ? true : undefined), 30_000).catch(() => child.kill('SIGKILL'));
    await sim.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const runs: Run[] = [];
for (const households of sizes) {
  console.log(`服务内存：${households.toLocaleString('zh-CN')} 户`);
  runs.push(await measure(households, households.toLocaleString('en')));
}
const [small, large] = runs as [Run, Run];
const largeName = large.households.toLocaleString('en');
for (const flags of experiments) {
  console.log(`服务内存：${largeName} 户，node ${flags}（实验）`);
  runs.push(await measure(large.households, `${largeName}, \`${flags}\` (experiment)`, flags.split(/\s+/).filter(Boolean)));
}
const names = small.phases.map((p) => p.name);
const rowOf = (r: Run) =>
  `| ${r.label} | ${names.map((n) => ((p) => (p ? `${p.rssMB} (${p.peakMB})` : '—'))(r.phases.find((p) => p.name === n))).join(' | ')} | **${r.peakMB}** | ${r.tick ? `${r.tick.claimed.toLocaleString('en')} / ${r.tick.messages} / ${r.tick.sent}` : '—'} | ${r.tick ? r.tick.seconds.toFixed(1) : '—'} |`;
const body = [
  `Measured ${new Date().toISOString().slice(0, 10)} on ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}; \`npm run bench:server-memory\`. The real server (\`node bin/huhuqing.mjs serve\`, as \`npm start\` runs it; live mode against the simulator) on a copy of the scheduler bench's database: start-up, \`/api/progress\` by level, region and state, a household search, \`/metrics\`, a card callback that moves a case, an @bot 进度 message, then its own minute tick (${due.toLocaleString('en')} reminders → one digest per officer, plus the day's digest, which snapshots every case) and 60 s of the outbox sending to the simulator. RSS in MB from /proc/<pid>/status.`,
  '',
  `| households | ${names.map((n) => `${n}: RSS (peak so far)`).join(' | ')} | peak (VmHWM) | tick: claimed / messages / sent | tick (s) |`,
  `|---:|${names.map(() => '---:|').join('')}---:|---:|---:|`,
  ...runs.map(rowOf),
  '',
  `Peak RSS with ${large.households.toLocaleString('en')} households: **${large.peakMB} MB** (goal < ${goalMB} MB: ${large.peakMB < goalMB ? 'met' : '**not met**'}); ratio to ${small.households.toLocaleString('en')} households: **${(large.peakMB / small.peakMB).toFixed(2)}**.`,
  '',
  `Requests (ms, ${small.households.toLocaleString('en')} → ${large.households.toLocaleString('en')} households): ${small.requests.map((q, i) => `${q.name} ${q.ms} → ${large.requests[i]?.ms ?? '—'}`).join('; ')}.`,
  ...runs.slice(2).map((r) => `\nRequests (ms), ${r.label}: ${r.requests.map((q) => `${q.name} ${q.ms}`).join('; ')}.`),
].join('\n');
console.log(body);
writeResultsSection('Server memory', body);
