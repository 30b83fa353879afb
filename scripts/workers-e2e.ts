// The end-to-end scenario of the Node server, against the Worker in a local `wrangler dev
// --test-scheduled` session (workerd, a local D1) with the Lark simulator on Node as Lark:
//   1. D1 gets migrations/ (wrangler d1 migrations apply --local);
//   2. the roster and a household file go in with the huhuqing CLI the way the README describes for
//      a remote D1: export D1, load the export into a SQLite file, run the CLI on it (cases opened as
//      of 30 days ago, so deadlines and escalations are due now), write the changed rows and
//      `wrangler d1 execute` them (here --local instead of --remote);
//   3. wrangler dev starts the Worker with the simulator's credentials as settings;
//   4. a signed, encrypted message event (查 <档案编号>) → 200, stored, processed in waitUntil,
//      the case card arrives in the group through the outbox;
//   5. a card callback (已核实, with its form) advances the case;
//   6. GET /__scheduled fires the due timers (Cron Trigger), and the outbox delivers the
//      escalation cards and reminder digests to the simulator.
// Usage: npm run workers:e2e  (prints each step; exits non-zero when one fails)
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { headerRow } from '../src/core/households/columns.ts';
import { idCheckChar } from '../src/core/households/id-number.ts';
import { postEventToBot } from '../src/sandbox/simulator/post-to-bot.ts';
import { startLarkSimulator } from '../src/sandbox/simulator/start-lark-simulator.ts';
import { changedRows, loadExport } from './d1-local.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const wrangler = path.join(root, 'node_modules', '.bin', 'wrangler');
const started = Date.now();
const log = (step: string, detail = '') =>
  console.log(`[${((Date.now() - started) / 1000).toFixed(1).padStart(5)} s] ${step}${detail ? ` — ${detail}` : ''}`);
const fail = (message: string): never => {
  throw new Error(message);
};

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

async function until<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) return fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

function csv(rows: unknown[][]): string {
  return rows.map((r) => r.map((v) => `"${String(v ?? '').replaceAll('"', '""')}"`).join(',')).join('\n') + '\n';
}

/** A quiet-hours window far from now (Shanghai time), so reminders and escalations go out now. */
function quietHoursAwayFromNow(): string {
  const hour = Number(new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', hour12: false }).format(new Date()));
  const pad = (h: number) => String(h % 24).padStart(2, '0');
  return `${pad(hour + 12)}:00-${pad(hour + 13)}:00`;
}

async function main(): Promise<void> {
  const env = { ...process.env, WRANGLER_SEND_METRICS: 'false', CI: 'true', NO_COLOR: '1' };
  const work = mkdtempSync(path.join(tmpdir(), 'huhuqing-workers-e2e-'));
  // wrangler.toml with absolute paths, in the scratch folder: every wrangler command keeps its
  // local state (.wrangler/state) there, never in the project's own (d1 export has no --persist-to).
  const config = path.join(work, 'wrangler.toml');
  writeFileSync(
    config,
    readFileSync(path.join(root, 'wrangler.toml'), 'utf8')
      .replace(/^main = ".*"$/m, `main = ${JSON.stringify(path.join(root, 'src', 'runtime', 'worker.ts'))}`)
      .replace(/^migrations_dir = ".*"$/m, `migrations_dir = ${JSON.stringify(path.join(root, 'migrations'))}`),
  );
  const persist = path.join(work, '.wrangler', 'state');
  let dev: ChildProcess | undefined;
  const sim = await startLarkSimulator({ now: () => new Date(), encryptKey: 'e2e encrypt key', verificationToken: 'e2e-token' });
  try {
    log('Lark simulator', sim.url);
    sim.addUser({ openId: 'ou_officer', name: '王芳' });
    sim.addUser({ openId: 'ou_county', name: '赵督' });
    sim.addChat({ chatId: 'oc_work', name: '麒麟区工作群', members: ['ou_officer', 'ou_county'] });
    sim.addChat({ chatId: 'oc_inspection', name: '麒麟区督查组', members: ['ou_county'] });

    // 1. D1 with the shared migrations.
    execFileSync(wrangler, ['d1', 'migrations', 'apply', 'DB', '--local', '--config', config], { cwd: root, env, stdio: 'pipe' });
    log('wrangler d1 migrations apply DB --local', `${readdirSync(path.join(root, 'migrations')).length} migrations`);

    // 2. The CLI on a copy of D1: roster, households, the flow, cases opened 30 days ago.
    const exported = path.join(work, 'd1-export.sql');
    const copy = path.join(work, 'd1.db');
    const changes = path.join(work, 'd1-changes.sql');
    execFileSync(wrangler, ['d1', 'export', 'DB', '--local', '--config', config, '--output', exported], { cwd: root, env, stdio: 'pipe' });
    loadExport(exported, copy);
    const roster = path.join(work, 'roster.csv');
    writeFileSync(
      roster,
      csv([
        ['姓名', '角色', '手机', '邮箱', 'open_id', '省', '市', '县区', '群ID', '群名称', '群用途'],
        ['王芳', '责任人', '13900000001', '', 'ou_officer', '云南省', '曲靖市', '麒麟区', '', '', ''],
        ['赵督', '督查员', '13900000003', '', 'ou_county', '云南省', '曲靖市', '麒麟区', '', '', ''],
        ['', '', '', '', '', '云南省', '曲靖市', '麒麟区', 'oc_inspection', '麒麟区督查组', '督查组'],
        ['', '', '', '', '', '云南省', '曲靖市', '麒麟区', 'oc_work', '麒麟区工作群', '工作群'],
      ]),
    );
    const header = headerRow().filter((h) => h !== '建档日期');
    const households = path.join(work, 'households.csv');
    const id = (i: number) => {
      const first17 = `53030219800101${String(i).padStart(3, '0')}`;
      return first17 + idCheckChar(first17);
    };
    const row = (i: number): Record<string, unknown> => ({
      档案编号: `QJ-E2E-${String(i).padStart(3, '0')}`,
      档案级别: '全国级',
      省: '云南省',
      市: '曲靖市',
      县区: '麒麟区',
      户主姓名: `杨${'一二三'[i - 1] ?? ''}华`,
      身份证号: id(i),
      家庭人口: 3,
      致困原因: '收入低、子女上学',
      困难类型: '相对困难',
      工作单位: '曲靖市第一煤矿',
      联系电话: '13812345678',
      责任人: '13900000001',
      脱困时限: '2027-06-30',
    });
    writeFileSync(households, csv([header, ...[1, 2, 3].map((i) => header.map((h) => row(i)[h]))]));
    const openedAt = new Date(Date.now() - 30 * 86_400_000).toISOString();
    const cli = (...args: string[]) =>
      execFileSync(process.execPath, ['--import', 'tsx', path.join(root, 'src', 'cli', 'main.ts'), ...args], {
        cwd: root,
        env: { ...env, DATABASE_URL: `file:${copy}`, LOG_LEVEL: 'warn' },
        encoding: 'utf8',
      });
    cli('roster', 'import', roster);
    cli('import', households);
    cli('flows', 'publish', path.join(root, 'flows', 'huhuqing.json'));
    cli('cases', 'open', '--now', openedAt);
    const { sql, counts } = changedRows(exported, copy);
    writeFileSync(changes, sql);
    execFileSync(wrangler, ['d1', 'execute', 'DB', '--local', '--config', config, '--file', changes], { cwd: root, env, stdio: 'pipe' });
    const d1Dir = path.join(persist, 'v3', 'd1', 'miniflare-D1DatabaseObject');
    const d1File = path.join(
      d1Dir,
      readdirSync(d1Dir).find((f) => f.endsWith('.sqlite') && f !== 'metadata.sqlite') ?? fail('no local D1 file'),
    );
    const d1 = new Database(d1File, { readonly: true, fileMustExist: true });
    const count = (sql: string, ...args: unknown[]) => (d1.prepare(sql).get(...args) as { n: number }).n;
    log(
      'huhuqing CLI on a D1 export, changes applied with wrangler d1 execute',
      `${Object.entries(counts)
        .map(([t, n]) => `${t} ${n}`)
        .join(
          ', ',
        )}; D1 now has ${count('SELECT count(*) n FROM households')} households, ${count("SELECT count(*) n FROM cases WHERE status = 'active'")} cases opened ${openedAt.slice(0, 10)}`,
    );

    // 3. The Worker.
    const port = await freePort();
    const vars = {
      LARK_APP_ID: sim.appId,
      LARK_APP_SECRET: sim.appSecret,
      LARK_ENCRYPT_KEY: sim.encryptKey,
      LARK_VERIFICATION_TOKEN: sim.verificationToken,
      LARK_DOMAIN: sim.url,
      HUHUQING_QUIET_HOURS: quietHoursAwayFromNow(),
      LOG_LEVEL: 'warn',
    };
    dev = spawn(
      wrangler,
      [
        'dev',
        '--ip',
        '127.0.0.1',
        '--port',
        String(port),
        '--test-scheduled',
        '--config',
        config,
        '--show-interactive-dev-session=false',
        ...Object.entries(vars).flatMap(([k, v]) => ['--var', `${k}:${v}`]),
      ],
      { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    dev.stdout?.on('data', (d: Buffer) => (output += d.toString()));
    dev.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    const url = `http://127.0.0.1:${port}`;
    await until('wrangler dev to be ready', () => (/Ready on/.test(output) ? true : undefined), 60_000).catch((error: Error) =>
      fail(`${error.message}\n--- wrangler dev said ---\n${output.slice(-3000)}`),
    );
    const ready = (await (await fetch(`${url}/readyz`)).json()) as { ready: boolean; mode: string };
    if (!ready.ready) fail(`/readyz: ${JSON.stringify(ready)}`);
    log('wrangler dev --test-scheduled', `${url} /readyz ready, mode ${ready.mode}`);

    // 4. A signed event, stored before the 200, processed in waitUntil; the reply goes out.
    const ask = await postEventToBot(sim, `${url}/lark/events`, {
      type: 'im.message.receive_v1',
      chatId: 'oc_work',
      senderOpenId: 'ou_officer',
      text: '查 QJ-E2E-001',
    });
    if (ask.status !== 200) fail(`message event: HTTP ${ask.status} ${JSON.stringify(ask.body)}`);
    const card = await until('the case card in 麒麟区工作群', () =>
      sim.messagesIn('oc_work').find((m) => m.sender.type === 'app' && m.content.includes('f_VERIFIED')),
    );
    const inbound = d1.prepare('SELECT status FROM inbound_events ORDER BY id DESC LIMIT 1').get() as { status: string };
    log(
      'POST /lark/events (signed, encrypted 查 QJ-E2E-001)',
      `HTTP 200 in ${ask.durationMs.toFixed(0)} ms; stored as ${inbound.status}; case card ${card.messageId} delivered`,
    );
    const forged = await postEventToBot(
      sim,
      `${url}/lark/events`,
      { type: 'im.message.receive_v1', chatId: 'oc_work', senderOpenId: 'ou_officer', text: '帮助' },
      { tamper: 'signature' },
    );
    log('POST /lark/events with a forged signature', `HTTP ${forged.status}`);
    if (forged.status !== 401) fail('a forged signature was not refused');

    // 5. The card callback advances the case.
    const c = d1
      .prepare("SELECT c.id, c.state, c.version FROM cases c JOIN households h ON h.id = c.householdId WHERE h.archiveNo = 'QJ-E2E-001'")
      .get() as { id: number; state: string; version: number };
    const submit = await postEventToBot(sim, `${url}/lark/events`, {
      type: 'card.action.trigger',
      messageId: card.messageId,
      operatorOpenId: 'ou_officer',
      value: { a: 'event', caseId: c.id, event: 'VERIFIED', state: c.state, v: c.version },
      formValue: { f_VERIFIED__persons: '3', f_VERIFIED__causes: ['收入低'], f_VERIFIED__visit_date: openedAt.slice(0, 10) + ' +0800' },
      name: 's_VERIFIED',
      tag: 'button',
    });
    const toast = (submit.body as { toast?: { content?: string } }).toast?.content ?? '';
    const after = d1.prepare('SELECT state, version FROM cases WHERE id = ?').get(c.id) as { state: string; version: number };
    log(
      'card callback 已核实',
      `HTTP ${submit.status} in ${submit.durationMs.toFixed(0)} ms, toast「${toast}」, case ${c.state} → ${after.state}`,
    );
    if (after.state === c.state) fail('the card callback did not advance the case');

    // 6. The Cron Trigger: due timers fire, the outbox delivers.
    const due = count(
      "SELECT count(*) n FROM timers WHERE status = 'pending' AND dueAt <= ?",
      new Date().toISOString().replace('Z', '+00:00'),
    );
    const scheduled = await fetch(`${url}/__scheduled?cron=${encodeURIComponent('* * * * *')}`);
    log('GET /__scheduled', `HTTP ${scheduled.status}: ${(await scheduled.text()).trim()} (${due} timers were due)`);
    const fired = await until('the due timers to fire', () => {
      const n = count("SELECT count(*) n FROM timers WHERE status = 'fired'");
      return n >= due && due > 0 ? n : undefined;
    });
    const outbox = await until('the outbox to drain', () => {
      const left = count("SELECT count(*) n FROM outbox WHERE status IN ('pending', 'sending')");
      return left === 0 ? count("SELECT count(*) n FROM outbox WHERE status = 'sent'") : undefined;
    });
    const inspection = sim.messagesIn('oc_inspection').filter((m) => m.sender.type === 'app');
    const direct = sim.messagesIn('ou_officer').filter((m) => m.sender.type === 'app');
    log(
      'scheduled() → runDueTimers + outbox',
      `${fired} timers fired, ${count('SELECT count(*) n FROM escalations')} escalation rungs, ${outbox} outbox rows sent: ${inspection.length} card(s) in 麒麟区督查组, ${direct.length} to 王芳`,
    );
    if (inspection.length === 0) fail('no escalation card reached the inspection group');
    d1.close();
    log('done', 'the Worker ran the same scenario as the Node server');
  } catch (error) {
    console.error(`workers-e2e failed: ${(error as Error).message}`);
    process.exitCode = 1;
  } finally {
    if (dev && dev.exitCode === null) {
      dev.kill('SIGTERM');
      await new Promise((r) => dev!.once('exit', r));
    }
    await sim.close();
  }
}

await main();
