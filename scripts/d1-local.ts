// Household (and roster) imports into a remote D1 with the huhuqing CLI, which runs on Node:
//   npx wrangler d1 export huhuqing --remote --output data/d1-export.sql
//   npx tsx scripts/d1-local.ts load data/d1-export.sql data/d1.db
//   DATABASE_URL=file:./data/d1.db npx huhuqing import 档案.xlsx      (roster import, cases open …)
//   npx tsx scripts/d1-local.ts changes data/d1-export.sql data/d1.db data/d1-changes.sql
//   npx wrangler d1 execute huhuqing --remote --file data/d1-changes.sql
// `load` builds a SQLite file from the export (it keeps d1_migrations, so the CLI takes it as
// migrated and leaves its journal mode alone). `changes` writes, for every table, the rows the CLI
// added or changed as upserts by primary key (never deletes), so applying them to D1 touches only
// those rows. Rows changed on D1 in between by the bot are overwritten only where the CLI changed
// the same row: run it when nobody is working, as with any bulk import.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';

type Row = Record<string, unknown>;

export function loadExport(exportFile: string, dbFile: string): void {
  if (existsSync(dbFile)) rmSync(dbFile);
  const db = new Database(dbFile);
  try {
    db.exec(readFileSync(exportFile, 'utf8'));
  } finally {
    db.close();
  }
}

function tables(db: Database.Database): string[] {
  return (
    db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' ORDER BY name")
      .all() as {
      name: string;
    }[]
  )
    .map((t) => t.name)
    .filter((n) => n !== 'd1_migrations' && n !== '_prisma_migrations');
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

function literal(v: unknown): string {
  if (v === null || v === undefined) return 'NULL';
  if (typeof v === 'number' || typeof v === 'bigint') return String(v);
  if (Buffer.isBuffer(v)) return `X'${v.toString('hex')}'`;
  return `'${String(v).replaceAll("'", "''")}'`;
}

/** Upserts for the rows of `dbFile` that are new or different from `baseExport`. */
export function changedRows(baseExport: string, dbFile: string): { sql: string; counts: Record<string, number> } {
  const base = new Database(':memory:');
  base.exec(readFileSync(baseExport, 'utf8'));
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  const out: string[] = ['PRAGMA defer_foreign_keys = ON;'];
  const counts: Record<string, number> = {};
  try {
    // Parents first: regions before people and households, households before cases …
    const order = ['regions', 'people', 'chats', 'households', 'flow_versions', 'calendar_years', 'cases', 'timers', 'escalations'];
    const all = tables(db).sort((a, b) => (order.indexOf(a) + 1 || 99) - (order.indexOf(b) + 1 || 99));
    for (const t of all) {
      const info = db.prepare(`PRAGMA table_info(${quote(t)})`).all() as { name: string; pk: number }[];
      const cols = info.map((c) => c.name);
      const pk = info
        .filter((c) => c.pk > 0)
        .sort((a, b) => a.pk - b.pk)
        .map((c) => c.name);
      if (pk.length === 0) continue;
      const key = (r: Row) => JSON.stringify(pk.map((k) => r[k]));
      const hasBase = base.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(t) !== undefined;
      const before = new Map<string, string>();
      if (hasBase)
        for (const r of base.prepare(`SELECT * FROM ${quote(t)}`).iterate() as Iterable<Row>) before.set(key(r), JSON.stringify(r));
      let n = 0;
      for (const r of db.prepare(`SELECT * FROM ${quote(t)}`).iterate() as Iterable<Row>) {
        if (before.get(key(r)) === JSON.stringify(r)) continue;
        const updates = cols.filter((c) => !pk.includes(c)).map((c) => `${quote(c)} = excluded.${quote(c)}`);
        out.push(
          `INSERT INTO ${quote(t)} (${cols.map(quote).join(', ')}) VALUES (${cols.map((c) => literal(r[c])).join(', ')}) ON CONFLICT (${pk.map(quote).join(', ')}) DO ${updates.length > 0 ? `UPDATE SET ${updates.join(', ')}` : 'NOTHING'};`,
        );
        n++;
      }
      if (n > 0) counts[t] = n;
    }
  } finally {
    db.close();
    base.close();
  }
  return { sql: out.join('\n') + '\n', counts };
}

const [command, a, b, c] = process.argv.slice(2);
if (process.argv[1]?.endsWith('d1-local.ts')) {
  if (command === 'load' && a && b) {
    loadExport(a, b);
    console.log(`已由 ${a} 生成 ${b}：用 DATABASE_URL=file:${b} 运行 huhuqing 命令（导入、立案……）`);
  } else if (command === 'changes' && a && b && c) {
    const { sql, counts } = changedRows(a, b);
    writeFileSync(c, sql);
    const summary = Object.entries(counts)
      .map(([t, n]) => `${t} ${n}`)
      .join('，');
    console.log(`已写出 ${c}（${summary || '没有变化'}）：运行 npx wrangler d1 execute huhuqing --remote --file ${c}`);
  } else {
    console.error('用法：tsx scripts/d1-local.ts load <导出.sql> <本地.db> | changes <导出.sql> <本地.db> <变更.sql>');
    process.exit(2);
  }
}
