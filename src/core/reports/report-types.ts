// Supervisors' reports: the shapes shared by the query, the assembly and the writers.
// A household is "on file at D" when filedOn <= D and (closedOn is null or closedOn > D); see docs/reports.md.
export const reportDimensions = ['level', 'region', 'cause', 'tier', 'state'] as const;
export type ReportDimension = (typeof reportDimensions)[number];

export const reportFormats = ['table', 'csv', 'xlsx'] as const;
export type ReportFormat = (typeof reportFormats)[number];

/** How each dimension is named in titles, headers and error messages. */
export const dimensionLabels: Record<ReportDimension, string> = {
  level: '档案级别',
  region: '地区',
  cause: '致困原因',
  tier: '困难类型',
  state: '办理状态',
};

export interface Figures {
  households: number;
  persons: number;
}

/** One aggregate from the database: the dimension's raw key (level, region id, cause mask, tier, state) and its sums. */
export interface ReportGroup {
  key: string | number | null;
  households: number;
  persons: number;
}

/** Files opened and closed in (since, at], for the summary lines of a comparison. */
export interface ReportMovements {
  filed: Figures;
  closed: Array<{ reason: string | null; level: string; households: number; persons: number }>;
}

export interface ReportRow {
  labels: string[];
  at: Figures;
  since: Figures | null;
  change: Figures | null;
}

export interface Report {
  title: string;
  dimension: ReportDimension;
  scopeName: string;
  at: string;
  since: string | null;
  /** Headers of the label columns, e.g. ['档案级别'] or ['区划代码', '市', '县区']. */
  labelHeaders: string[];
  rows: ReportRow[];
  total: ReportRow;
  /** Footnotes and summary lines, printed under the table. */
  notes: string[];
}

export const totalLabel = '合计';
export const noCaseLabel = '未立案';
export const unclassifiedTierLabel = '未分类';
export const noCauseLabel = '未填写原因';
