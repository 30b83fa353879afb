// One read of a case with what a transition and its card need: the snapshot and lock version, the
// household's region (scope checks), its officer (who may act, the card's 责任人). A card click reads
// it once for the card's buttons, the transition and the answer card (built from what was written):
// one statement (src/db/read-case-row.ts), the region from the cache.
import { AppError } from '../../core/app-error.ts';
import type { Db } from '../../db/create-prisma.ts';
import { readCaseRow } from '../../db/read-case-row.ts';
import { regionById, type RegionInfo } from '../regions/region-by-id.ts';

export interface LoadedCase {
  id: number;
  householdId: number;
  campaign: string;
  flowId: string;
  flowVersion: number;
  snapshot: unknown;
  state: string;
  status: string;
  entrySeq: number;
  deadlineAt: Date | null;
  clock: unknown;
  version: number;
  household: {
    archiveNo: string;
    headName: string;
    /** 脱困时限 (YYYY-MM-DD) from the import. */
    deadline: string | null;
    officerId: number | null;
    region: RegionInfo;
    officer: { name: string; openId: string | null; onLeave: boolean; delegateId: number | null } | null;
  };
}

export async function loadCase(db: Db, caseId: number): Promise<LoadedCase | null> {
  const c = await readCaseRow(db, caseId);
  if (!c) return null;
  const { regionId, ...household } = c.household;
  const region = await regionById(db, regionId);
  if (!region) throw new AppError('not_found', `案件 ${caseId} 所在的地区（编号 ${regionId}）不存在：请检查数据库是否完整`);
  return { ...c, household: { ...household, region } };
}
