// Charts as data: a small subset of the VChart spec, the format Lark's card `chart` component
// takes (`{ tag: 'chart', chart_spec }`). The console gives the same spec to VChart in the browser
// (and draws it as inline SVG on the server as the no-script fallback), so one spec serves a card
// and a page.

export type ChartValue = string | number | null;

export interface ChartSpec {
  type: 'bar' | 'line';
  /** VChart data sets; the values of every set are drawn (usually one set). */
  data: Array<{ id: string; values: Array<Record<string, ChartValue>> }>;
  /** The category axis field (x). */
  xField: string;
  /** The numeric field (y). */
  yField: string;
  /** Splits values into series (grouped bars, one line each); absent: one series. */
  seriesField?: string;
  title?: { visible?: boolean; text: string };
  legends?: { visible: boolean };
}

/** A point of a series, read from a spec's values: the category, the series and the number. */
export interface ChartPoint {
  x: string;
  series: string;
  y: number | null;
}

/** The points of a spec in data order, with the categories and series in order of first appearance. */
export function chartPoints(spec: ChartSpec): { points: ChartPoint[]; categories: string[]; series: string[] } {
  const points: ChartPoint[] = [];
  const categories: string[] = [];
  const series: string[] = [];
  for (const set of spec.data) {
    for (const v of set.values) {
      const x = v[spec.xField];
      if (x === undefined || x === null) continue;
      const name = spec.seriesField === undefined ? '' : String(v[spec.seriesField] ?? '');
      const raw = v[spec.yField];
      const y =
        typeof raw === 'number' && Number.isFinite(raw)
          ? raw
          : typeof raw === 'string' && raw.trim() !== '' && Number.isFinite(Number(raw))
            ? Number(raw)
            : null;
      if (!categories.includes(String(x))) categories.push(String(x));
      if (!series.includes(name)) series.push(name);
      points.push({ x: String(x), series: name, y });
    }
  }
  return { points, categories, series };
}
