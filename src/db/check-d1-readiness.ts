// /readyz on Workers: D1 answers and every migration this code expects is in d1_migrations
// (where `wrangler d1 migrations apply` records them).
import type { Db } from './create-prisma.ts';
import type { Readiness } from './check-readiness.ts';
import { migrationNames } from './migration-names.ts';

export async function checkD1Readiness(db: Db): Promise<Readiness> {
  try {
    const tables = await db.$queryRawUnsafe<{ name: string }[]>(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'd1_migrations'",
    );
    const applied = new Set(
      tables.length === 0
        ? []
        : (await db.$queryRawUnsafe<{ name: string }[]>('SELECT name FROM d1_migrations')).map((r) => r.name.replace(/\.sql$/, '')),
    );
    const pending = migrationNames.filter((n) => !applied.has(n));
    return pending.length === 0
      ? { ready: true, problems: [] }
      : {
          ready: false,
          problems: [`有 ${pending.length} 个迁移未应用（${pending.join('、')}）：运行 npx wrangler d1 migrations apply DB --remote`],
        };
  } catch (error) {
    return { ready: false, problems: [`D1 不可用：${(error as Error).message}`] };
  }
}
