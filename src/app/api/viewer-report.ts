// Use-case: the supervisors' report (the same builder as `huhuqing report`) as a viewer may see it.
// A supervisor's report defaults to their own region and may name any region inside it; another
// region is refused. An admin sees every region. An officer's report counts their own households
// (as on the console), optionally within a region.
import { canSeeRegion, type Viewer } from '../../core/access/viewer.ts';
import { AppError } from '../../core/app-error.ts';
import { parseReportDate } from '../../core/reports/parse-report-date.ts';
import type { Report, ReportDimension } from '../../core/reports/report-types.ts';
import { buildReport, type BuildReportDeps } from '../build-report.ts';
import { findRegion } from '../regions/find-region.ts';
import { viewerRegionName } from './viewer-region.ts';

export interface ViewerReportQuery {
  /** Region name or division code; a supervisor's own region when absent. */
  region?: string | undefined;
  by: ReportDimension;
  /** YYYY-MM-DD; today when absent. */
  at?: string | undefined;
  since?: string | undefined;
}

export async function buildViewerReport(deps: BuildReportDeps, viewer: Viewer, query: ViewerReportQuery, today: string): Promise<Report> {
  if (viewer.role === 'officer' && viewer.personId === null) {
    throw new AppError(
      'forbidden',
      '此责任人令牌没有对应的人员，不能查看进度：请管理员用 huhuqing token create --role officer --person <本人> 重新创建',
    );
  }
  if (viewer.role === 'supervisor' && viewer.regionPath === '') {
    throw new AppError(
      'forbidden',
      '此令牌没有限定地区，不能查看进度：请管理员用 huhuqing token create --role supervisor --region <地区> 重新创建',
    );
  }
  const at = query.at === undefined ? today : parseReportDate('参数 at', query.at);
  const since = query.since === undefined ? null : parseReportDate('参数 since', query.since);
  if (since !== null && since >= at) {
    throw new AppError('invalid_argument', `参数 since（${since}）须早于 at（${at}）：比较的是较早日期到较晚日期的变化`);
  }
  let regionCode: string | null = null;
  if (query.region !== undefined && query.region.trim() !== '') {
    const region = await findRegion(deps.db, query.region);
    if (viewer.role !== 'officer' && !canSeeRegion(viewer, region.path)) {
      throw new AppError(
        'forbidden',
        `「${region.name}」不在您的查看范围内：您只能查看${await viewerRegionName(deps.db, viewer)}及其下级地区`,
      );
    }
    regionCode = region.code;
  } else if (viewer.role === 'supervisor') {
    const own = await deps.db.region.findFirst({ where: { path: viewer.regionPath }, select: { code: true } });
    if (!own) throw new AppError('forbidden', '此令牌限定的地区已不存在：请管理员重新创建令牌');
    regionCode = own.code;
  }
  const officerId = viewer.role === 'officer' ? viewer.personId : null;
  return buildReport(deps, { at, since, by: query.by, region: regionCode, atIsToday: at === today, officerId });
}
