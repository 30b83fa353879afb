// The report as a grid of columns and cells, shared by the table, CSV and xlsx writers so the three
// always have the same columns in the same order.
import type { Report, ReportRow } from './report-types.ts';

export type ColumnKind = 'label' | 'count' | 'change';

export interface GridColumn {
  header: string;
  kind: ColumnKind;
}

export type GridCell = string | number;

export function reportColumns(report: Report): GridColumn[] {
  const labels = report.labelHeaders.map((header) => ({ header, kind: 'label' as const }));
  if (report.since === null) {
    return [...labels, { header: '户数', kind: 'count' }, { header: '人数', kind: 'count' }];
  }
  return [
    ...labels,
    { header: `户数（${report.since}）`, kind: 'count' },
    { header: `人数（${report.since}）`, kind: 'count' },
    { header: `户数（${report.at}）`, kind: 'count' },
    { header: `人数（${report.at}）`, kind: 'count' },
    { header: '户数变化', kind: 'change' },
    { header: '人数变化', kind: 'change' },
  ];
}

export function reportCells(row: ReportRow): GridCell[] {
  if (row.since === null || row.change === null) return [...row.labels, row.at.households, row.at.persons];
  return [
    ...row.labels,
    row.since.households,
    row.since.persons,
    row.at.households,
    row.at.persons,
    row.change.households,
    row.change.persons,
  ];
}

/** Body rows then the 合计 row. */
export function reportBody(report: Report): GridCell[][] {
  return [...report.rows, report.total].map(reportCells);
}
