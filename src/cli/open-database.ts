// CLI commands that touch the database: load config, apply pending migrations, open Prisma.
import type { Config } from '../config/parse-config.ts';
import { applyMigrations } from '../db/apply-migrations.ts';
import { createPrisma, tunePrisma, type Db } from '../db/create-prisma.ts';
import { sqlitePath } from '../db/sqlite-path.ts';
import { loadConfig } from './load-config.ts';

export async function openDatabase(): Promise<{ config: Config; db: Db }> {
  const config = loadConfig();
  applyMigrations(sqlitePath(config.databaseUrl), () => new Date());
  return { config, db: await tunePrisma(createPrisma(config.databaseUrl)) };
}
