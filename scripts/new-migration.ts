// Makes a new migration offline: diffs the committed schema (git HEAD) against the working one
// with `prisma migrate diff --script`, because `prisma migrate dev` is unreliable here
// (see stack-notes.md). Also writes the flat copy wrangler's D1 migrations read (migrations/, see
// scripts/d1-migrations.ts). Usage: npm run db:migration -- <name>
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { writeD1Mirror } from './d1-migrations.ts';

const name = (process.argv[2] ?? '').trim();
if (!/^[a-z0-9_]+$/.test(name)) {
  console.error('用法：npm run db:migration -- <名称>，名称只能用小写字母、数字和下划线，例如 add_household_notes');
  process.exit(2);
}

const migrationsDir = path.join('prisma', 'migrations');
const hasMigrations = readdirSync(migrationsDir, { withFileTypes: true }).some((d) => d.isDirectory());
let from: string[] = ['--from-empty'];
if (hasMigrations) {
  const previous = execFileSync('git', ['show', 'HEAD:prisma/schema.prisma'], { encoding: 'utf8' });
  const dir = mkdtempSync(path.join(tmpdir(), 'huhuqing-schema-'));
  const file = path.join(dir, 'schema.prisma');
  writeFileSync(file, previous);
  from = ['--from-schema-datamodel', file];
}

const sql = execFileSync('npx', ['prisma', 'migrate', 'diff', ...from, '--to-schema-datamodel', 'prisma/schema.prisma', '--script'], {
  encoding: 'utf8',
});
if (!/\b(CREATE|ALTER|DROP|INSERT|PRAGMA)\b/.test(sql)) {
  console.log('schema.prisma 与上一次提交相同：没有生成迁移。');
  process.exit(0);
}
const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
const target = path.join(migrationsDir, `${stamp}_${name}`);
mkdirSync(target, { recursive: true });
writeFileSync(path.join(target, 'migration.sql'), sql);
writeD1Mirror();
console.log(`已生成迁移：${target}/migration.sql（D1 副本：migrations/${stamp}_${name}.sql）`);
