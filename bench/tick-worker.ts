// One measurement of bench/tick.bench.ts in its own process: a database with <households> households,
// each with a case in 入户核实 and its five pending timers (written in bulk), of which <due> reminders
// are due now; then the real runDueTimers, timed over several repetitions (the due set is restored
// between them). Prints JSON: households, due, median and all timings in ms.
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { buildEngineDeps } from '../src/app/cases/build-engine-deps.ts';
import { openCase } from '../src/app/cases/open-case.ts';
import { publishBundledFlows } from '../src/app/flows/publish-bundled-flows.ts';
import { runDueTimers } from '../src/app/timers/run-due-timers.ts';
import { applyMigrations } from '../src/db/apply-migrations.ts';
import { createPrisma, tunePrisma } from '../src/db/create-prisma.ts';
import { sqliteTimestamp } from '../src/db/sqlite-timestamp.ts';

const households = Number(process.argv[2]);
const due = Number(process.argv[3]);
const dir = String(process.argv[4]);
const reps = 5;
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });
const file = path.join(dir, 'tick.db');
applyMigrations(file, () => new Date());
const openedAt = new Date('2025-09-26T07:30:00Z');
const now = new Date('2025-10-13T01:05:00Z'); // 09:05 in Shanghai, before the template's own reminders

// One real case opened through the engine gives the snapshot and timer shapes to replicate.
const raw = new Database(file);
raw.pragma('journal_mode = WAL');
raw.pragma('synchronous = OFF');
raw.exec(
  `INSERT INTO regions (id, code, name, level, parentId, path) VALUES (1,'530000','云南省','province',NULL,'/1/'),(2,'530300','曲靖市','city',1,'/1/2/'),(3,'530302','麒麟区','county',2,'/1/2/3/')`,
);
const officers = 500;
const person = raw.prepare(
  `INSERT INTO people (id, name, openId, role, regionId, createdAt, updatedAt) VALUES (?, ?, ?, 'officer', 3, ?, ?)`,
);
raw.transaction(() => {
  for (let i = 1; i <= officers; i++)
    person.run(i, `责任人${i}`, `ou_${String(i).padStart(32, '0')}`, sqliteTimestamp(openedAt), sqliteTimestamp(openedAt));
})();
const at = sqliteTimestamp(openedAt);
// Every dueEvery-th case (case 1, the template opened by the engine, included) has a reminder due.
const dueEvery = Math.max(1, Math.floor(households / due));
const isDueCase = (i: number) => (i - 1) % dueEvery === 0 && (i - 1) / dueEvery < due;
const h = raw.prepare(
  `INSERT INTO households (id, archiveNo, archiveLevel, regionId, headName, idNumber, persons, causes, causeMask, officerId, filedOn, rowHash, createdAt, updatedAt) VALUES (?, ?, '全国级', 3, '杨小华', '530302198001011234', 3, '收入低', 1, ?, '2017-03-01', 'h', ?, ?)`,
);
raw.transaction(() => {
  // The due cases (every dueEvery-th) cycle through all officers, so both sizes send the same digests.
  for (let i = 1; i <= households; i++) h.run(i, `B-${i}`, 1 + (Math.floor((i - 1) / dueEvery) % officers), at, at);
})();
raw.close();

const db = await tunePrisma(createPrisma(`file:${file}`));
await publishBundledFlows(db, openedAt);
const deps = await buildEngineDeps(db, 'Asia/Shanghai');
await openCase(deps, { householdId: 1, campaign: 'bench', flowId: 'huhuqing', actor: 'bench', source: 'admin', now: openedAt });
const template = await db.case.findFirstOrThrow();
const templateTimers = await db.timer.findMany({ where: { caseId: template.id }, orderBy: { id: 'asc' } });

const w = new Database(file);
w.pragma('synchronous = OFF');
const insertCase = w.prepare(
  `INSERT INTO cases (id, householdId, campaign, flowId, flowVersion, snapshot, state, status, regionId, stateEnteredAt, entrySeq, deadlineAt, clock, version, createdAt, updatedAt) VALUES (?, ?, 'bench', 'huhuqing', 1, ?, 'verifying', 'active', 3, ?, 1, ?, ?, 0, ?, ?)`,
);
const insertTimer = w.prepare(
  `INSERT INTO timers (key, caseId, kind, dueAt, status, payload, createdAt) VALUES (?, ?, ?, ?, 'pending', ?, ?)`,
);
const snapshot = JSON.stringify(template.snapshot);
const clock = JSON.stringify(template.clock);
const deadline = sqliteTimestamp(template.deadlineAt!);
const dueAt = sqliteTimestamp(new Date(now.getTime() - 60_000));
w.transaction(() => {
  for (let i = 2; i <= households; i++) insertCase.run(i, i, snapshot, at, deadline, clock, at, at);
})();
w.transaction(() => {
  for (let i = 1; i <= households; i++) {
    for (const t of templateTimers) {
      if (i === 1) continue;
      // Every dueEvery-th case has its first reminder due now; all other timers lie in the future.
      const isDue = t.kind === 'remind' && t.key.endsWith(':remind:0') && isDueCase(i);
      insertTimer.run(
        t.key.replace(/^c\d+:/, `c${i}:`),
        i,
        t.kind,
        isDue ? dueAt : sqliteTimestamp(t.dueAt),
        JSON.stringify(t.payload),
        at,
      );
    }
  }
})();
w.prepare(`UPDATE timers SET dueAt = ? WHERE caseId = 1 AND key LIKE '%:remind:0'`).run(dueAt);
const dueIds = (
  w.prepare(`SELECT id FROM timers WHERE status = 'pending' AND dueAt <= ?`).all(sqliteTimestamp(now)) as { id: number }[]
).map((r) => r.id);
w.exec('ANALYZE');

const restore = w.transaction(() => {
  const ids = dueIds.join(',');
  w.exec(`UPDATE timers SET status = 'pending', claimedBy = NULL, claimedAt = NULL, firedAt = NULL WHERE id IN (${ids})`);
  w.exec(`DELETE FROM outbox`);
  w.exec(`DELETE FROM audit_events WHERE action = 'reminder.sent'`);
});

await runDueTimers(deps, openedAt); // warm-up: nothing due, loads the client and the flow
const timings: number[] = [];
let fired = 0;
for (let r = 0; r < reps; r++) {
  restore();
  const started = performance.now();
  const result = await runDueTimers(deps, now);
  timings.push(performance.now() - started);
  fired = result.fired;
}
w.close();
await db.$disconnect();
timings.sort((a, b) => a - b);
console.log(
  JSON.stringify({
    households,
    due: dueIds.length,
    fired,
    medianMs: timings[Math.floor(reps / 2)],
    timingsMs: timings.map((t) => Math.round(t)),
    maxRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
  }),
);
rmSync(dir, { recursive: true, force: true });
