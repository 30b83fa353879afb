// The 督查台账 of a region as an .xlsx download, for a supervisor of that region (or above) or an
// admin: the `huhuqing ledger` workbook (buildInspectionLedger + ledgerWorkbook), times in the
// deployment's time zone. Another region is refused (403), not hidden: the form lists only the
// viewer's own regions, so only a hand-made URL gets there.
import { DateTime } from 'luxon';
import { canSeeRegion, type Viewer } from '../../core/access/viewer.ts';
import { AppError } from '../../core/app-error.ts';
import { localDate } from '../../core/time/local-date.ts';
import { viewerRegionName } from '../api/viewer-region.ts';
import type { EngineDeps } from '../cases/engine-deps.ts';
import { buildInspectionLedger } from '../ledger/build-inspection-ledger.ts';
import { requireOperator } from './operator-access.ts';

export interface LedgerDownload {
  /** 麒麟区督查台账-2025-11-10.xlsx */
  fileName: string;
  /** ledger-530302-2025-11-10.xlsx, for clients that cannot read filename* */
  asciiName: string;
  bytes: Uint8Array;
  cases: number;
}

export async function ledgerForViewer(deps: EngineDeps, viewer: Viewer, regionCode: string, now: Date): Promise<LedgerDownload> {
  requireOperator(viewer, '下载督查台账');
  const region = await deps.db.region.findUnique({ where: { code: regionCode.trim() } });
  if (!region) throw new AppError('not_found', `没有区划代码为「${regionCode}」的地区：请从列表中选择`);
  if (!canSeeRegion(viewer, region.path))
    throw new AppError(
      'forbidden',
      `「${region.name}」不在您负责的地区内：您只能下载${await viewerRegionName(deps.db, viewer)}及其下级地区的督查台账`,
    );
  const ledger = await buildInspectionLedger(deps, region, now);
  const format = (d: Date) => DateTime.fromJSDate(d).setZone(deps.tz).toFormat('yyyy-MM-dd HH:mm');
  // exceljs is loaded on the first download, not with the server (~15 MB it would hold for good).
  const { ledgerWorkbook } = await import('../../files/write-ledger-xlsx.ts');
  const bytes = new Uint8Array(await ledgerWorkbook(ledger, format).xlsx.writeBuffer());
  const day = localDate(now, deps.tz);
  return {
    fileName: `${region.name}督查台账-${day}.xlsx`,
    asciiName: `ledger-${region.code}-${day}.xlsx`,
    bytes,
    cases: ledger.cases.length,
  };
}
