// /readyz: the database answers and every migration on disk is applied.
import Database from 'better-sqlite3';
import { pendingMigrations } from './apply-migrations.ts';
import { sqlitePath } from './sqlite-path.ts';

export interface Readiness {
  ready: boolean;
  problems: string[];
}

export function checkReadiness(databaseUrl: string): Readiness {
  let db: Database.Database | undefined;
  try {
    db = new Database(sqlitePath(databaseUrl), { fileMustExist: true, readonly: true, timeout: 1000 });
    db.prepare('SELECT 1').get();
    const pending = pendingMigrations(db);
    return pending.length === 0
      ? { ready: true, problems: [] }
      : { ready: false, problems: [`有 ${pending.length} 个迁移未应用（${pending.join('、')}）：运行 huhuqing migrate`] };
  } catch (error) {
    return { ready: false, problems: [`数据库不可用：${(error as Error).message}`] };
  } finally {
    db?.close();
  }
}
