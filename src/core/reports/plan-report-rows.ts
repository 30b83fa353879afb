// Which rows a report has, in which order, and which rows each database group counts in.
// Level, cause and tier always show every canonical row (zeros included); region shows every county
// in scope; state shows the states that occur, in flow order, then 未立案.
import { causes } from '../households/causes.ts';
import { archiveLevels, tiers } from '../households/household.ts';
import { noCaseLabel, noCauseLabel, unclassifiedTierLabel, type ReportDimension, type ReportGroup } from './report-types.ts';

export interface ReportRegion {
  id: number;
  code: string;
  name: string;
  level: string; // province | city | county
  parentName: string | null;
}

/** A workflow state id and the title its flow gives it (meta.title), in flow order. */
export interface FlowStateTitle {
  id: string;
  title: string;
}

export interface RowSpec {
  id: string;
  labels: string[];
  keepWhenZero: boolean;
}

export interface RowPlan {
  labelHeaders: string[];
  rows: RowSpec[];
  /** The row ids a group counts in: one, except for causes (a household counts under each of its causes). */
  classify(key: ReportGroup['key']): string[];
}

export interface RowPlanContext {
  regions: readonly ReportRegion[];
  states: readonly FlowStateTitle[];
}

export function planReportRows(dimension: ReportDimension, context: RowPlanContext): RowPlan {
  switch (dimension) {
    case 'level':
      return {
        labelHeaders: ['档案级别'],
        rows: archiveLevels.map((l) => ({ id: l, labels: [l], keepWhenZero: true })),
        classify: (key) => [key === null || key === '' ? '（空）' : String(key)],
      };
    case 'tier':
      return {
        labelHeaders: ['困难类型'],
        rows: [...tiers, unclassifiedTierLabel].map((t) => ({ id: t, labels: [t], keepWhenZero: true })),
        classify: (key) => [(tiers as readonly unknown[]).includes(key) ? String(key) : unclassifiedTierLabel],
      };
    case 'cause':
      return {
        labelHeaders: ['致困原因'],
        rows: [
          ...causes.map((c) => ({ id: c.name, labels: [c.name], keepWhenZero: true })),
          { id: noCauseLabel, labels: [noCauseLabel], keepWhenZero: false },
        ],
        classify: (key) => {
          const mask = Number(key ?? 0);
          const names = causes.filter((c) => (mask & c.bit) !== 0).map((c) => c.name);
          return names.length > 0 ? names : [noCauseLabel];
        },
      };
    case 'region':
      return planRegionRows(context.regions);
    case 'state':
      return {
        labelHeaders: ['办理状态'],
        rows: [
          ...context.states.map((s) => ({ id: s.id, labels: [s.title], keepWhenZero: false })),
          { id: noCaseLabel, labels: [noCaseLabel], keepWhenZero: true },
        ],
        classify: (key) => [key === null || key === '' ? noCaseLabel : String(key)],
      };
  }
}

// One row per county, ordered by division code, with its city (the parent: a city, or the province of
// a municipality); households filed directly under a city or province get a 本级 row only when there are any.
function planRegionRows(regions: readonly ReportRegion[]): RowPlan {
  const rows = [...regions]
    .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))
    .map((r) => ({
      id: String(r.id),
      labels:
        r.level === 'county' ? [r.code, r.parentName ?? '', r.name] : [r.code, r.name, r.level === 'city' ? '（市本级）' : '（省本级）'],
      keepWhenZero: r.level === 'county',
    }));
  return { labelHeaders: ['区划代码', '市', '县区'], rows, classify: (key) => [String(key)] };
}
