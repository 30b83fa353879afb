// A card's `chart` component (a VChart spec) as the sandbox page shows it: no chart library, just
// one horizontal stacked bar per category with a legend, enough to read a bar chart such as the daily
// digest's. Any other spec shows its title. Reads the spec defensively; never throws.
import { escapeHtml, isRecord, listOf, stringOf } from './escape-card-html.ts';

const palette = ['#3370ff', '#34c724', '#ff8800', '#7f3bf5', '#f54a45', '#14c0ff', '#ffc60a', '#8f959e'];
const MAX_CATEGORIES = 50;

export function renderChartHtml(e: Record<string, unknown>): string {
  const spec = isRecord(e.chart_spec) ? e.chart_spec : {};
  const title = isRecord(spec.title) ? (stringOf(spec.title.text) ?? '') : '';
  const caption = `<div class="lk-chart-title" style="font-weight:600;margin-bottom:4px">${escapeHtml(title || '图表')}</div>`;
  const x = stringOf(spec.xField);
  const y = stringOf(spec.yField);
  if (spec.type !== 'bar' || !x || !y) return `<div class="lk-chart">${caption}</div>`;
  const seriesField = stringOf(spec.seriesField);
  const bars = new Map<string, Map<string, number>>();
  const series: string[] = [];
  for (const set of listOf(spec.data)) {
    for (const v of listOf(isRecord(set) ? set.values : undefined)) {
      if (!isRecord(v)) continue;
      const category = stringOf(v[x]);
      const n = Number(v[y]);
      if (category === undefined || !Number.isFinite(n) || n <= 0) continue;
      const name = seriesField ? (stringOf(v[seriesField]) ?? '') : '';
      if (!series.includes(name)) series.push(name);
      if (!bars.has(category) && bars.size >= MAX_CATEGORIES) continue;
      const bar = bars.get(category) ?? new Map<string, number>();
      bar.set(name, (bar.get(name) ?? 0) + n);
      bars.set(category, bar);
    }
  }
  const totals = [...bars.values()].map((b) => [...b.values()].reduce((t, n) => t + n, 0));
  const max = Math.max(1, ...totals);
  const color = (name: string) => palette[series.indexOf(name) % palette.length] ?? palette[0];
  const rows = [...bars].map(([category, bar], i) => {
    const parts = series
      .filter((s) => bar.has(s))
      .map((s) => {
        const n = bar.get(s) ?? 0;
        return `<span title="${escapeHtml(`${s} ${n}`)}" style="display:inline-block;height:14px;width:${((n / max) * 100).toFixed(2)}%;background:${color(s)}"></span>`;
      })
      .join('');
    return (
      `<div style="display:flex;align-items:center;gap:6px;font-size:12px">` +
      `<span style="flex:0 0 30%;overflow:hidden;text-overflow:ellipsis;white-space:nowrap">${escapeHtml(category)}</span>` +
      `<span style="flex:1 1 auto;display:flex">${parts}</span><span>${totals[i] ?? 0}</span></div>`
    );
  });
  const legend = series
    .filter((s) => s !== '')
    .map(
      (s) =>
        `<span style="margin-right:8px"><span style="display:inline-block;width:8px;height:8px;background:${color(s)}"></span> ${escapeHtml(s)}</span>`,
    )
    .join('');
  return `<div class="lk-chart" role="img" aria-label="${escapeHtml(title || '图表')}">${caption}${rows.join('')}<div style="font-size:12px;color:#646a73;margin-top:4px">${legend}</div></div>`;
}
