// One measurement of bench/import.bench.ts, in its own process so its peak RSS is its own.
//   raw <rows> <db>            : better-sqlite3 prepared inserts of the same generated rows (baseline)
//   import <file> <roster> <db>: the product's import (huhuqing import), through the real code path
import Database from 'better-sqlite3';
import { importHouseholds } from '../src/app/households/import-households.ts';
import { importRoster } from '../src/app/roster/import-roster.ts';
import { applyMigrations } from '../src/db/apply-migrations.ts';
import { createPrisma } from '../src/db/create-prisma.ts';
import { openSqliteHouseholdStore } from '../src/db/sqlite-household-store.ts';
import { generateHouseholds } from '../src/demo/generate-households.ts';
import { generateRoster } from '../src/demo/generate-roster.ts';
import { openTableFile } from '../src/files/open-table-file.ts';

const [mode, a, b, c] = process.argv.slice(2);
const now = new Date('2026-11-22T02:00:00Z');
const today = '2026-11-22';

async function raw(rows: number, file: string) {
  applyMigrations(file, () => now);
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.prepare(`INSERT INTO regions (id, code, name, level, parentId, path) VALUES (1, '530302', '麒麟区', 'county', NULL, '/1/')`).run();
  // Materialise the rows first (untimed): the baseline measures only the inserts.
  const data: unknown[][] = [];
  for (const r of generateHouseholds({ count: rows, seed: 1, roster: generateRoster({ seed: 1 }), today })) {
    data.push([
      r['档案编号'],
      r['档案级别'],
      1,
      r['户主姓名'],
      r['身份证号'],
      r['家庭人口'],
      r['致困原因'],
      1,
      r['困难类型'],
      r['工作单位'],
      r['联系电话'],
      null,
      r['脱困时限'],
      r['建档日期'],
      'h',
    ]);
  }
  const insert = db.prepare(
    `INSERT INTO households ("archiveNo","archiveLevel","regionId","headName","idNumber","persons","causes","causeMask","tier","employer","phone","officerId","deadline","filedOn","rowHash","createdAt","updatedAt") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
  );
  const at = now.toISOString();
  const batch = db.transaction((chunk: unknown[][]) => {
    for (const row of chunk) insert.run(...row, at, at);
  });
  const started = performance.now();
  for (let i = 0; i < data.length; i += 2000) batch(data.slice(i, i + 2000));
  const seconds = (performance.now() - started) / 1000;
  db.close();
  return { rows, seconds };
}

async function product(file: string, rosterFile: string, dbFile: string) {
  applyMigrations(dbFile, () => now);
  const url = `file:${dbFile}`;
  const db = createPrisma(url);
  await importRoster(db, await openTableFile(rosterFile), { dryRun: false, now, actor: 'bench', fileName: rosterFile });
  const households = openSqliteHouseholdStore(url);
  const started = performance.now();
  const report = await importHouseholds({ db, households }, () => openTableFile(file), {
    dryRun: false,
    strict: false,
    now,
    today,
    actor: 'bench',
    fileName: file,
  });
  const seconds = (performance.now() - started) / 1000;
  households.close();
  await db.$disconnect();
  if (report.rejected > 0) throw new Error(`bench import rejected ${report.rejected} rows: ${JSON.stringify(report.rejects.slice(0, 3))}`);
  return { rows: report.created, seconds };
}

const result = mode === 'raw' ? await raw(Number(a), String(b)) : await product(String(a), String(b), String(c));
console.log(JSON.stringify({ ...result, maxRssMB: Math.round(process.resourceUsage().maxRSS / 1024) }));
