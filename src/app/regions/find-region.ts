// The one region a typed name (麒麟区) or division code (530302) means; a name two regions share is
// refused with both codes, an unknown one with how to write it (the same rules as `report --region`).
import { pickReportRegion, type RegionCandidate } from '../../core/reports/pick-report-region.ts';
import type { Db } from '../../db/create-prisma.ts';
import { findRegionsByNameOrCode } from '../../db/list-report-regions.ts';

export async function findRegion(db: Db, typed: string): Promise<RegionCandidate> {
  const text = typed.trim();
  return pickReportRegion(text, await findRegionsByNameOrCode(db, text));
}
