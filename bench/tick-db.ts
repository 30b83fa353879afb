// The scheduler benchmarks' database: <households> households in 麒麟区, 500 officers, each household
// with a case in 入户核实 and its pending timers, of which <due> first reminders are due at `tickNow`.
// Generated once per size into bench/out/tick-db/ (gitignored) and reused: the tick bench and the
// server-memory bench start from it. Generation runs in its own process (`tsx bench/tick-db.ts <households>
// <due>`, or ensureTickDb() which spawns it), so its memory never counts towards what is measured.
//
// Fast path: one real case is opened through the engine (the snapshot and timer shapes to copy),
// then raw better-sqlite3 prepared statements fill the real migrated schema in one transaction,
// with the tables' secondary indexes dropped during the inserts and recreated (same SQL) after.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { buildEngineDeps } from '../src/app/cases/build-engine-deps.ts';
import { openCase } from '../src/app/cases/open-case.ts';
import { publishBundledFlows } from '../src/app/flows/publish-bundled-flows.ts';
import { causes } from '../src/core/households/causes.ts';
import { archiveLevels, tiers } from '../src/core/households/household.ts';
import { applyMigrations, listMigrations } from '../src/db/apply-migrations.ts';
import { createPrisma } from '../src/db/create-prisma.ts';
import { sqliteTimestamp } from '../src/db/sqlite-timestamp.ts';

/** Bump when the generated content changes: cached files of an older generator are not reused. */
const generatorVersion = 2;
export const tickOpenedAt = new Date('2025-09-26T07:30:00Z');
/** 09:05 in Shanghai, before the template's own reminders, outside the quiet hours. */
export const tickNow = new Date('2025-10-13T01:05:00Z');
export const tickOfficers = 500;
/**
 * Timers that are not due are moved this far into the future, so they are not due at `tickNow` nor
 * at the real time of a server started on the file (bench/server-memory.bench.ts) either.
 */
const futureShiftMs = 5 * 365 * 86_400_000;

export function tickDbFile(households: number, due: number): string {
  const schema = createHash('sha256')
    .update(
      listMigrations()
        .map((m) => m.checksum)
        .join(),
    )
    .update(String(generatorVersion))
    .digest('hex')
    .slice(0, 8);
  return path.resolve(`bench/out/tick-db/households-${households}-due-${due}-${schema}.db`);
}

/** The cached file, generated in a child process first when missing. */
export function ensureTickDb(households: number, due: number): { file: string; generatedSeconds: number | null } {
  const file = tickDbFile(households, due);
  if (existsSync(file)) return { file, generatedSeconds: null };
  const text = execFileSync(process.execPath, ['--import', 'tsx', 'bench/tick-db.ts', String(households), String(due)], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const r = JSON.parse(text.trim().split('\n').pop() ?? '{}') as { seconds: number };
  return { file, generatedSeconds: r.seconds };
}

/** Every dueEvery-th case (case 1, the template opened by the engine, included) has a reminder due. */
export function dueCases(households: number, due: number) {
  const dueEvery = Math.max(1, Math.floor(households / due));
  return {
    dueEvery,
    isDue: (i: number) => (i - 1) % dueEvery === 0 && (i - 1) / dueEvery < due,
    // The due cases cycle through all officers, so every size sends the same digests.
    officerOf: (i: number) => 1 + (Math.floor((i - 1) / dueEvery) % tickOfficers),
  };
}

async function generate(households: number, due: number): Promise<void> {
  const file = tickDbFile(households, due);
  const tmp = `${file}.tmp`;
  mkdirSync(path.dirname(file), { recursive: true });
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${tmp}${suffix}`, { force: true });
  applyMigrations(tmp, () => tickOpenedAt);
  const { isDue, officerOf } = dueCases(households, due);
  const at = sqliteTimestamp(tickOpenedAt);

  // The roster and household 1 first: the engine opens the template case on them.
  const raw = new Database(tmp);
  raw.exec(
    `INSERT INTO regions (id, code, name, level, parentId, path) VALUES (1,'530000','云南省','province',NULL,'/1/'),(2,'530300','曲靖市','city',1,'/1/2/'),(3,'530302','麒麟区','county',2,'/1/2/3/')`,
  );
  const person = raw.prepare(`INSERT INTO people (id, name, openId, role, regionId, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?, ?)`);
  const chat = raw.prepare(`INSERT INTO chats (chatId, name, purpose, regionId, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?)`);
  const householdInserter = (d: Database.Database) => {
    const household = d.prepare(
      `INSERT INTO households (id, archiveNo, archiveLevel, regionId, headName, idNumber, persons, causes, causeMask, tier, officerId, filedOn, rowHash, createdAt, updatedAt) VALUES (?, ?, ?, 3, ?, ?, ?, ?, ?, ?, ?, ?, 'h', ?, ?)`,
    );
    return (i: number) => {
      const cause = causes[i % causes.length]!;
      household.run(
        i,
        `530302-2015-${String(i).padStart(7, '0')}`,
        archiveLevels[i % archiveLevels.length],
        '杨小华',
        '530302198001011234',
        1 + (i % 6),
        cause.name,
        cause.bit,
        tiers[i % tiers.length],
        officerOf(i),
        `${2014 + (i % 4)}-0${1 + (i % 9)}-1${i % 9}`,
        at,
        at,
      );
    };
  };
  const insertFirst = householdInserter(raw);
  raw.transaction(() => {
    for (let i = 1; i <= tickOfficers; i++) person.run(i, `责任人${i}`, `ou_${String(i).padStart(32, '0')}`, 'officer', 3, at, at);
    person.run(tickOfficers + 1, '赵督', 'ou_county_supervisor', 'supervisor', 3, at, at);
    person.run(tickOfficers + 2, '钱督', 'ou_city_supervisor', 'supervisor', 2, at, at);
    person.run(tickOfficers + 3, '周管', 'ou_admin', 'admin', null, at, at);
    chat.run('oc_qilin_inspection', '麒麟区督查组', 'inspection_group', 3, at, at);
    chat.run('oc_qujing_supervisors', '曲靖市督导群', 'supervisor_group', 2, at, at);
    chat.run('oc_qilin_work', '麒麟区工作群', 'officer_group', 3, at, at);
    insertFirst(1);
  })();
  raw.close();

  const prisma = createPrisma(`file:${tmp}`);
  await publishBundledFlows(prisma, tickOpenedAt);
  const deps = await buildEngineDeps(prisma, 'Asia/Shanghai');
  await openCase(deps, { householdId: 1, campaign: 'bench', flowId: 'huhuqing', actor: 'bench', source: 'admin', now: tickOpenedAt });
  await prisma.$disconnect();

  const started = performance.now();
  const db = new Database(tmp);
  // One transaction that mostly appends pages: a rollback journal in memory stays small, where WAL
  // would write every page twice. (better-sqlite3's defensive mode refuses journal_mode = OFF.)
  db.pragma('journal_mode = DELETE');
  db.pragma('journal_mode = MEMORY');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -262144'); // 256 MB: the index builds sort in it
  const template = db.prepare(`SELECT * FROM cases WHERE id = 1`).get() as Record<string, unknown>;
  const templateTimers = db.prepare(`SELECT * FROM timers WHERE caseId = 1 ORDER BY id`).all() as Record<string, unknown>[];
  const indexes = db
    .prepare(
      `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ('households', 'cases', 'timers')`,
    )
    .all() as { name: string; sql: string }[];

  const insertHousehold = householdInserter(db);
  const caseColumns = Object.keys(template).filter((k) => k !== 'id' && k !== 'householdId');
  const insertCase = db.prepare(
    `INSERT INTO cases (id, householdId, ${caseColumns.map((c) => `"${c}"`).join(', ')}) VALUES (?, ?, ${caseColumns.map(() => '?').join(', ')})`,
  );
  // The snapshot's context names its household and officer: each case gets its own.
  const snapshotParts = String(template.snapshot).split(/"householdId":1,"officerId":"1"/);
  if (snapshotParts.length !== 2) throw new Error('template snapshot: context.householdId/officerId not found');
  const snapshotAt = caseColumns.indexOf('snapshot');
  const caseValues = caseColumns.map((c) => template[c]);
  const caseRow = (i: number) => {
    caseValues[snapshotAt] = `${snapshotParts[0]}"householdId":${i},"officerId":"${officerOf(i)}"${snapshotParts[1]}`;
    return caseValues;
  };
  const timerColumns = Object.keys(templateTimers[0] ?? {}).filter((k) => !['id', 'key', 'caseId', 'dueAt'].includes(k));
  const insertTimer = db.prepare(
    `INSERT INTO timers (key, caseId, dueAt, ${timerColumns.map((c) => `"${c}"`).join(', ')}) VALUES (?, ?, ?, ${timerColumns.map(() => '?').join(', ')})`,
  );
  const dueAt = sqliteTimestamp(new Date(tickNow.getTime() - 60_000));
  const timerShapes = templateTimers.map((t) => ({
    suffix: String(t.key).replace(/^c\d+:/, ''),
    // The first reminder is the one made due; the others lie in the future.
    first: t.kind === 'remind' && String(t.key).endsWith(':remind:0'),
    later: sqliteTimestamp(new Date(new Date(String(t.dueAt)).getTime() + futureShiftMs)),
    values: timerColumns.map((c) => t[c]),
  }));

  db.transaction(() => {
    for (const ix of indexes) db.exec(`DROP INDEX "${ix.name}"`);
    for (let i = 2; i <= households; i++) insertHousehold(i);
    for (let i = 2; i <= households; i++) insertCase.run(i, i, ...caseRow(i));
    db.prepare(`DELETE FROM timers WHERE caseId = 1`).run();
    for (let i = 1; i <= households; i++) {
      const due = isDue(i);
      for (const t of timerShapes) insertTimer.run(`c${i}:${t.suffix}`, i, t.first && due ? dueAt : t.later, ...t.values);
    }
    for (const ix of indexes) db.exec(ix.sql);
  })();
  db.exec('ANALYZE');
  db.pragma('journal_mode = WAL');
  db.close();
  for (const suffix of ['-wal', '-shm']) rmSync(`${tmp}${suffix}`, { force: true });
  renameSync(tmp, file);
  const seconds = (performance.now() - started) / 1000;
  console.log(
    JSON.stringify({
      file,
      households,
      timers: households * timerShapes.length,
      seconds,
      snapshotBytes: String(template.snapshot).length,
      maxRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
    }),
  );
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const households = Number(process.argv[2]);
  const due = Number(process.argv[3] ?? '10000');
  console.log(`生成 ${households.toLocaleString('zh-CN')} 户、${due.toLocaleString('zh-CN')} 个到期提醒的数据库……`);
  await generate(households, due);
}
