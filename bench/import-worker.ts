// One measurement of bench/import.bench.ts, in its own process so its peak RSS is its own.
//   raw <rows> <roster> <db> <single|batch>: better-sqlite3 prepared INSERTs of exactly the rows the
//       import stores (same values, resolved region and officer ids, row hashes; same schema, indexes
//       and connection pragmas), in one transaction, or one per 10,000 rows as the import commits
//   parse <file>                : reading the file only (the import's own reader), no validation or writes
//   import <file> <roster> <db> : `huhuqing import <file>` through the CLI's own code (commander,
//       config, migrations check, the rejected-rows file, progress lines), in this process
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { importRoster } from '../src/app/roster/import-roster.ts';
import { toHouseholdRecord } from '../src/app/households/household-record.ts';
import { OfficerDirectory } from '../src/app/people/officer-directory.ts';
import { nationalDivisions } from '../src/app/regions/national-divisions.ts';
import { RegionResolver } from '../src/app/regions/region-resolver.ts';
import { main } from '../src/cli/main.ts';
import { classifyOfficerRef } from '../src/core/households/classify-officer-ref.ts';
import { mapHeaders, type FieldKey } from '../src/core/households/columns.ts';
import { validateHouseholdRow } from '../src/core/households/validate-household-row.ts';
import { householdColumns } from '../src/core/ports/household-batch-store.ts';
import { applyMigrations } from '../src/db/apply-migrations.ts';
import { createPrisma } from '../src/db/create-prisma.ts';
import { writerPragmas } from '../src/db/sqlite-household-store.ts';
import { sqliteTimestamp } from '../src/db/sqlite-timestamp.ts';
import { generateHouseholds, householdHeaders } from '../src/demo/generate-households.ts';
import { generateRoster } from '../src/demo/generate-roster.ts';
import { openTableFile } from '../src/files/open-table-file.ts';

const [mode, a, b, c, d] = process.argv.slice(2);
const now = new Date('2026-11-22T02:00:00Z');
const today = '2026-11-22';

/** A digest of the households as stored (every column the import writes, by archive number): equal digests, same rows. */
function digestOf(file: string): string {
  const db = new Database(file, { readonly: true });
  const hash = createHash('sha1');
  const rows = db.prepare(`SELECT ${householdColumns.map((c) => `"${c}"`).join(', ')} FROM households ORDER BY "archiveNo"`).raw();
  for (const row of rows.iterate()) hash.update(JSON.stringify(row));
  db.close();
  return hash.digest('hex').slice(0, 16);
}

interface Measured {
  rows: number;
  seconds: number;
  /** CPU time (user + system) of the measured part, all threads: less sensitive than wall time to other load. */
  cpuSeconds: number;
  /** CPU time of the main thread alone (Linux), where the import parses and validates. */
  mainCpuSeconds?: number;
  /** digestOf() the database written, for the comparisons that write one. */
  digest?: string;
}

/** The main thread's CPU seconds so far (its task's utime + stime), where /proc has them. */
function mainThreadCpu(): number | undefined {
  const file = `/proc/self/task/${process.pid}/stat`;
  if (!existsSync(file)) return undefined;
  const stat = readFileSync(file, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

async function measure<T>(work: () => Promise<T>): Promise<{ value: T; seconds: number; cpuSeconds: number; mainCpuSeconds?: number }> {
  const cpu = process.cpuUsage();
  const mainCpu = mainThreadCpu();
  const started = performance.now();
  const value = await work();
  const used = process.cpuUsage(cpu);
  const mainUsed = mainThreadCpu();
  return {
    value,
    seconds: (performance.now() - started) / 1000,
    cpuSeconds: (used.user + used.system) / 1e6,
    ...(mainCpu !== undefined && mainUsed !== undefined ? { mainCpuSeconds: mainUsed - mainCpu } : {}),
  };
}

async function raw(rows: number, rosterFile: string, file: string, transactions: string): Promise<Measured> {
  applyMigrations(file, () => now);
  // Untimed: the same roster, regions and people as the import, and every row as the import stores it.
  const prisma = createPrisma(`file:${file}`);
  await importRoster(prisma, await openTableFile(rosterFile), { dryRun: false, now, actor: 'bench', fileName: rosterFile });
  const regions = new RegionResolver(prisma, nationalDivisions(), false);
  const officers = new OfficerDirectory(prisma, false, now);
  const { fields } = mapHeaders([...householdHeaders]);
  const data: (string | number | null)[][] = [];
  for (const r of generateHouseholds({ count: rows, seed: 1, roster: generateRoster({ seed: 1 }), today })) {
    const cells: Partial<Record<FieldKey, unknown>> = {};
    householdHeaders.forEach((h, i) => {
      const f = fields[i];
      if (f) cells[f] = r[h];
    });
    const checked = validateHouseholdRow(cells, today);
    if (!checked.ok) throw new Error(`generated row is invalid: ${checked.errors.join('; ')}`);
    const input = checked.value;
    const region = await regions.resolveCounty(input.province, input.city, input.county);
    if (!region.ok) throw new Error(region.reason);
    const officer = input.officer ? await officers.resolve(classifyOfficerRef(input.officer), region.regionId) : null;
    if (officer && !officer.ok) throw new Error(officer.reason);
    const record = toHouseholdRecord(input, region.regionId, officer?.ok ? officer.personId : null, input.filedOn ?? today);
    data.push(householdColumns.map((col) => record[col]));
  }
  await prisma.$disconnect();

  const db = new Database(file);
  for (const pragma of writerPragmas(true)) db.pragma(pragma);
  const insert = db.prepare(
    `INSERT INTO households (${householdColumns.map((col) => `"${col}"`).join(', ')}, "createdAt", "updatedAt") VALUES (${householdColumns.map(() => '?').join(', ')}, ?, ?)`,
  );
  const at = sqliteTimestamp(now);
  const insertAll = db.transaction((chunk: (string | number | null)[][]) => {
    for (const row of chunk) insert.run(...row, at, at);
  });
  const step = transactions === 'single' ? data.length : 10_000;
  // Closing is timed, as the import's is: the last connection to close checkpoints the WAL.
  const { seconds, cpuSeconds } = await measure(async () => {
    for (let i = 0; i < data.length; i += step) insertAll(data.slice(i, i + step));
    db.close();
  });
  return { rows, seconds, cpuSeconds, digest: digestOf(file) };
}

async function parse(file: string): Promise<Measured> {
  const { value, seconds, cpuSeconds } = await measure(async () => {
    let rows = 0;
    for await (const row of (await openTableFile(file)).rows()) if (row.rowNumber > 1) rows++;
    return rows;
  });
  return { rows: value, seconds, cpuSeconds };
}

async function product(file: string, rosterFile: string, dbFile: string): Promise<Measured> {
  process.env.DATABASE_URL = `file:${dbFile}`;
  process.env.LOG_LEVEL = 'silent';
  applyMigrations(dbFile, () => now);
  if ((await main(['node', 'huhuqing', 'roster', 'import', rosterFile])) !== 0) throw new Error('roster import failed');
  const { value: code, ...times } = await measure(() => main(['node', 'huhuqing', 'import', file, '--rejects', `${dbFile}.rejected.csv`]));
  if (code !== 0) throw new Error(`huhuqing import exited ${code}`);
  const db = new Database(dbFile, { readonly: true });
  const rows = db.prepare('SELECT count(*) FROM households').pluck().get() as number;
  db.close();
  return { rows, ...times, digest: digestOf(dbFile) };
}

const result =
  mode === 'raw'
    ? await raw(Number(a), String(b), String(c), String(d ?? 'single'))
    : mode === 'parse'
      ? await parse(String(a))
      : await product(String(a), String(b), String(c));
console.log(JSON.stringify({ ...result, maxRssMB: Math.round(process.resourceUsage().maxRSS / 1024) }));
