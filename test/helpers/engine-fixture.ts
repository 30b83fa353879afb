// A small campaign on a real migrated SQLite database: 麒麟区 with an officer (and a delegate), a
// county and a city supervisor, an inspection group chat, households imported through the real
// importer, and the default flow (flows/huhuqing.json) published.
import { readFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { importRoster } from '../../src/app/roster/import-roster.ts';
import { FlowCatalog } from '../../src/app/flows/flow-catalog.ts';
import { publishFlow } from '../../src/app/flows/publish-flow.ts';
import type { EngineDeps } from '../../src/app/cases/engine-deps.ts';
import { openCase } from '../../src/app/cases/open-case.ts';
import type { Operator } from '../../src/core/engine/authorize-operator.ts';
import { createWorkCalendar } from '../../src/core/time/work-calendar.ts';
import { openTableFile } from '../../src/files/open-table-file.ts';
import { runImport } from './import-fixture.ts';
import { householdHeader, householdRow, rosterHeader, writeCsv } from './table-files.ts';
import { createTempDb, type TempDb } from './temp-db.ts';

export interface Campaign {
  db: TempDb;
  deps: EngineDeps;
  people: Record<'officer' | 'delegate' | 'county' | 'city' | 'stranger' | 'admin', Operator>;
  caseIds: number[];
  dir: string;
}

export const defaultFlowText = readFileSync(path.resolve('flows/huhuqing.json'), 'utf8');

export async function createCampaign(options: {
  households?: number;
  openedAt: Date;
  deadline?: string;
  /** The Prisma client's busy timeout (default: the product's). */
  busyTimeoutMs?: number;
}): Promise<Campaign> {
  const db = await createTempDb(options.busyTimeoutMs === undefined ? {} : { busyTimeoutMs: options.busyTimeoutMs });
  const dir = mkdtempSync(path.join(tmpdir(), 'huhuqing-engine-'));
  const roster = writeCsv(dir, 'roster.csv', [
    rosterHeader,
    ['王芳', '责任人', '13900000001', '', 'ou_officer', '云南省', '曲靖市', '麒麟区', '', '', ''],
    ['李强', '责任人', '13900000002', '', 'ou_delegate', '云南省', '曲靖市', '麒麟区', '', '', ''],
    ['赵督', '督查员', '13900000003', '', 'ou_county', '云南省', '曲靖市', '麒麟区', '', '', ''],
    ['钱督', '督查员', '13900000004', '', 'ou_city', '云南省', '曲靖市', '', '', '', ''],
    ['孙外', '督查员', '13900000005', '', 'ou_stranger', '云南省', '曲靖市', '沾益区', '', '', ''],
    ['周管', '管理员', '13900000006', '', 'ou_admin', '', '', '', '', '', ''],
    ['', '', '', '', '', '云南省', '曲靖市', '麒麟区', 'oc_inspection', '麒麟区督查组', '督查组'],
  ]);
  await importRoster(db.prisma, await openTableFile(roster), {
    dryRun: false,
    now: options.openedAt,
    actor: 'test',
    fileName: 'roster.csv',
  });
  const n = options.households ?? 3;
  const rows = Array.from({ length: n }, (_, i) =>
    householdRow(i + 1, { 责任人: 'ou_officer', 脱困时限: options.deadline ?? '2026-06-30' }),
  );
  await runImport(db, writeCsv(dir, 'h.csv', [householdHeader, ...rows]), {
    now: options.openedAt,
    today: options.openedAt.toISOString().slice(0, 10),
  });
  await publishFlow(db.prisma, defaultFlowText, 'flows/huhuqing.json', { actor: 'test', now: options.openedAt });
  const deps: EngineDeps = {
    db: db.prisma,
    flows: new FlowCatalog(db.prisma),
    calendar: createWorkCalendar({ uncovered: 'weekdays' }),
    tz: 'Asia/Shanghai',
  };
  const people = await db.prisma.person.findMany({ include: { region: true } });
  const op = (openId: string): Operator => {
    const p = people.find((x) => x.openId === openId)!;
    return { personId: p.id, role: p.role as Operator['role'], regionPath: p.region?.path ?? '' };
  };
  const caseIds: number[] = [];
  for (const h of await db.prisma.household.findMany({ orderBy: { id: 'asc' } })) {
    const r = await openCase(deps, {
      householdId: h.id,
      campaign: '2025户户清',
      flowId: 'huhuqing',
      actor: 'test',
      source: 'admin',
      now: options.openedAt,
    });
    caseIds.push(r.caseId);
  }
  return {
    db,
    deps,
    dir,
    caseIds,
    people: {
      officer: op('ou_officer'),
      delegate: op('ou_delegate'),
      county: op('ou_county'),
      city: op('ou_city'),
      stranger: op('ou_stranger'),
      admin: op('ou_admin'),
    },
  };
}

/** An instant given as local time in Asia/Shanghai: at('2025-09-26 15:30'). */
export function at(local: string): Date {
  return new Date(`${local.replace(' ', 'T')}:00+08:00`);
}
