// One read of a case with what a transition and its card need: the snapshot and lock version, the
// household's region (scope checks), its officer (who may act, the card's 责任人). A card click reads
// it once for the card's buttons, the transition and the answer card (built from what was written):
// one statement (src/db/read-case-row.ts), the region from the cache.
import { AppError } from '../../core/app-error.ts';
import type { Db } from '../../db/create-prisma.ts';
import { readCaseRow, type CaseRow } from '../../db/read-case-row.ts';
import { regionById, type RegionInfo } from '../regions/region-by-id.ts';

/** The case row, with the household's region (from the cache) in place of its id. */
export type LoadedCase = Omit<CaseRow, 'household'> & {
  household: Omit<CaseRow['household'], 'regionId'> & { region: RegionInfo };
};

export async function loadCase(db: Db, caseId: number): Promise<LoadedCase | null> {
  const c = await readCaseRow(db, caseId);
  if (!c) return null;
  const { regionId, ...household } = c.household;
  const region = await regionById(db, regionId);
  if (!region) throw new AppError('not_found', `案件 ${caseId} 所在的地区（编号 ${regionId}）不存在：请检查数据库是否完整`);
  return { ...c, household: { ...household, region } };
}
