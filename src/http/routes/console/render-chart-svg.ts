// A chart spec (VChart subset, src/core/charts/chart-spec.ts) drawn as inline SVG on the server:
// bars (grouped by series) or lines (one per series), a zero-based y axis with round ticks, the
// category labels thinned out when crowded, a legend for several series, and a <title> on every
// bar and point. It is the fallback in each chart's container (chart-parts.ts) that VChart replaces
// in the browser: the page still shows its charts with scripts off or when VChart fails.
import { chartPoints, type ChartSpec } from '../../../core/charts/chart-spec.ts';
import { escapeHtml } from './html.ts';

const palette = ['#3370ff', '#ff8800', '#34c724', '#f54a45', '#7f3bf5', '#14c0ff', '#f5a623', '#8f959e'];

export interface ChartSvgOptions {
  width?: number;
  height?: number;
  /** Unique within the page (for aria-labelledby). */
  id?: string;
}

export function renderChartSvg(spec: ChartSpec, options: ChartSvgOptions = {}): string {
  const width = options.width ?? 520;
  const height = options.height ?? 260;
  const id = options.id ?? 'chart';
  const { points, categories, series } = chartPoints(spec);
  const title = spec.title?.visible === false ? '' : (spec.title?.text ?? '');
  const showLegend = series.length > 1 || (spec.legends?.visible === true && series[0] !== '');
  const top = (title ? 22 : 6) + (showLegend ? 20 : 0) + 8;
  const left = 44;
  const right = 10;
  const bottom = 26;
  const plotW = width - left - right;
  const plotH = height - top - bottom;
  const parts: string[] = [];
  const esc = (s: string) => escapeHtml(s);
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="${esc(id)}-title" data-chart-type="${spec.type}">`,
    `<title id="${esc(id)}-title">${esc(title || '图表')}</title>`,
  );
  if (title) parts.push(`<text x="${left}" y="16" font-size="13" font-weight="600" fill="#1f2329">${esc(title)}</text>`);
  if (showLegend) parts.push(legend(series, left, title ? 36 : 18, plotW));

  const values = points.map((p) => p.y).filter((y): y is number => y !== null);
  if (categories.length === 0 || values.length === 0) {
    parts.push(`<text x="${width / 2}" y="${top + plotH / 2}" text-anchor="middle" font-size="13" fill="#8f959e">暂无数据</text></svg>`);
    return parts.join('');
  }
  const { max, ticks } = niceScale(Math.max(0, ...values));
  const min = Math.min(0, ...values);
  const span = max - min || 1;
  const yOf = (v: number) => top + plotH - ((v - min) / span) * plotH;
  for (const t of ticks) {
    const y = round(yOf(t));
    parts.push(
      `<line x1="${left}" x2="${left + plotW}" y1="${y}" y2="${y}" stroke="#eff0f1"/>`,
      `<text x="${left - 6}" y="${y + 4}" text-anchor="end" font-size="11" fill="#646a73">${formatTick(t)}</text>`,
    );
  }
  parts.push(`<line x1="${left}" x2="${left + plotW}" y1="${round(yOf(0))}" y2="${round(yOf(0))}" stroke="#bbbfc4"/>`);

  const band = plotW / categories.length;
  const xOf = (cat: string) => left + band * categories.indexOf(cat) + band / 2;
  const colour = (s: string) => palette[series.indexOf(s) % palette.length] ?? palette[0];

  if (spec.type === 'bar') {
    const groupW = band * 0.72;
    const barW = groupW / series.length;
    const labelled = categories.length * series.length <= 16;
    for (const p of points) {
      if (p.y === null) continue;
      const x = xOf(p.x) - groupW / 2 + barW * series.indexOf(p.series);
      const y0 = yOf(Math.max(0, p.y));
      const h = Math.abs(yOf(p.y) - yOf(0));
      parts.push(
        `<rect x="${round(x + 1)}" y="${round(y0)}" width="${round(Math.max(1, barW - 2))}" height="${round(Math.max(h, p.y === 0 ? 0 : 1))}" fill="${colour(p.series)}" rx="2">` +
          `<title>${esc(pointLabel(p.x, p.series, p.y))}</title></rect>`,
      );
      if (labelled)
        parts.push(
          `<text x="${round(x + barW / 2)}" y="${round(y0 - 3)}" text-anchor="middle" font-size="10" fill="#646a73">${formatTick(p.y)}</text>`,
        );
    }
  } else {
    for (const s of series) {
      const mine = points.filter((p) => p.series === s);
      let d = '';
      let pen = false;
      for (const p of mine) {
        if (p.y === null) {
          pen = false;
          continue;
        }
        d += `${pen ? 'L' : 'M'}${round(xOf(p.x))} ${round(yOf(p.y))}`;
        pen = true;
      }
      const dashed = series.indexOf(s) > 0 ? ' stroke-dasharray="5 4"' : '';
      if (d) parts.push(`<path d="${d}" fill="none" stroke="${colour(s)}" stroke-width="2"${dashed} data-series="${esc(s)}"/>`);
      for (const p of mine)
        if (p.y !== null)
          parts.push(
            `<circle cx="${round(xOf(p.x))}" cy="${round(yOf(p.y))}" r="3" fill="${colour(s)}"><title>${esc(pointLabel(p.x, s, p.y))}</title></circle>`,
          );
    }
  }

  // Category labels: every k-th when they would overlap, and always the last (the latest week),
  // giving up the one before it when the two would touch.
  const labelW = Math.max(...categories.map((c) => textWidth(shorten(c), 11))) + 6;
  const every = Math.max(1, Math.ceil(labelW / band));
  const shown = categories.map((_, i) => i).filter((i) => i % every === 0);
  const last = categories.length - 1;
  if (shown.at(-1) !== last) {
    if (shown.length > 1 && (last - (shown.at(-1) ?? 0)) * band < labelW) shown.pop();
    shown.push(last);
  }
  for (const i of shown) {
    const c = categories[i] ?? '';
    parts.push(
      `<text x="${round(xOf(c))}" y="${top + plotH + 16}" text-anchor="middle" font-size="11" fill="#646a73">${esc(shorten(c))}</text>`,
    );
  }
  parts.push('</svg>');
  return parts.join('');
}

function legend(series: string[], left: number, y: number, plotW: number): string {
  let x = left;
  const items: string[] = [];
  series.forEach((s, i) => {
    const w = 16 + textWidth(s, 12) + 14;
    if (x + w > left + plotW && x > left) return; // what does not fit is named in the titles
    items.push(
      `<rect x="${x}" y="${y - 9}" width="12" height="10" rx="2" fill="${palette[i % palette.length]}"/>`,
      `<text x="${x + 16}" y="${y}" font-size="12" fill="#1f2329">${escapeHtml(s)}</text>`,
    );
    x += w;
  });
  return items.join('');
}

/** A y axis maximum of 1, 2 or 5 × 10^k steps above the data, with 3–6 ticks from 0. */
export function niceScale(max: number): { max: number; ticks: number[] } {
  if (max <= 0) return { max: 1, ticks: [0, 1] };
  const rough = max / 4;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough) ?? 10 * power;
  const unit = Math.max(step, 1);
  const top = Math.ceil(max / unit) * unit;
  const ticks: number[] = [];
  for (let t = 0; t <= top + unit / 2; t += unit) ticks.push(Math.round(t));
  return { max: top, ticks };
}

function pointLabel(x: string, series: string, y: number): string {
  return `${x}${series ? ` · ${series}` : ''}：${y.toLocaleString('en-US')}`;
}

function formatTick(n: number): string {
  return Math.abs(n) >= 10_000 ? `${Math.round(n / 1000)}k` : n.toLocaleString('en-US');
}

function shorten(label: string): string {
  const chars = Array.from(label);
  return chars.length > 8 ? `${chars.slice(0, 7).join('')}…` : label;
}

/** Rough text width: CJK characters are square, others about 0.6 em. */
function textWidth(text: string, size: number): number {
  return Array.from(text).reduce((w, ch) => w + (/[\u2e80-\uffff]/.test(ch) ? size : size * 0.6), 0);
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
