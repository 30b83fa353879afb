// The Progress page's charts as VChart specs: the same spec can go into a Lark card's chart
// component; the console draws it with VChart in the browser, over the server-drawn SVG fallback
// (src/http/routes/console/chart-parts.ts).
import type { ChartSpec } from '../../core/charts/chart-spec.ts';
import { dimensionLabels, type Report } from '../../core/reports/report-types.ts';
import type { TrendView } from './build-progress-view.ts';
import { addDays, daysBetween } from './weekly-dates.ts';

/** Households per report row (the region report names each county by its own name). */
export function breakdownChart(report: Report): ChartSpec {
  return {
    type: 'bar',
    title: { visible: true, text: `在档户数（按${dimensionLabels[report.dimension]}）` },
    data: [
      {
        id: 'breakdown',
        values: report.rows.map((r) => ({ category: rowName(report, r.labels), value: r.at.households })),
      },
    ],
    xField: 'category',
    yField: 'value',
  };
}

/**
 * Households on file week by week, and the straight line to zero on the target date. When the
 * target is at most 26 weeks ahead the weeks up to it are drawn too (the line alone), so the
 * category axis keeps one week per step; a later target is only named in the title.
 */
export function trendChart(trend: TrendView, today: string): ChartSpec {
  const label = (d: string) => (d.slice(0, 4) === today.slice(0, 4) ? d.slice(5) : d);
  const values: ChartSpec['data'][number]['values'] = trend.dates.map((d, i) => ({
    week: label(d),
    series: '在档户数',
    value: trend.households[i] ?? null,
  }));
  const target = trend.target;
  if (target !== null && trend.ideal.some((v) => v !== null)) {
    values.push(...trend.dates.map((d, i) => ({ week: label(d), series: '按期清零', value: trend.ideal[i] ?? null })));
    const ahead = daysBetween(today, target);
    if (ahead > 0 && ahead <= 26 * 7) {
      // The same straight line as over the past weeks: from the first week's count to zero.
      const first = trend.households[0] ?? 0;
      const span = daysBetween(trend.dates[0] ?? today, target);
      for (let d = addDays(today, 7); d < target; d = addDays(d, 7))
        values.push({ week: label(d), series: '按期清零', value: Math.round((first * daysBetween(d, target)) / span) });
      values.push({ week: label(target), series: '按期清零', value: 0 });
    }
  }
  return {
    type: 'line',
    title: { visible: true, text: target ? `在档户数周趋势（目标日期 ${target}）` : '在档户数周趋势' },
    data: [{ id: 'trend', values }],
    xField: 'week',
    yField: 'value',
    seriesField: 'series',
    legends: { visible: true },
  };
}

function rowName(report: Report, labels: string[]): string {
  if (report.dimension !== 'region') return labels[0] ?? '';
  const [, city, county] = labels;
  return county && !county.startsWith('（') ? county : `${city ?? ''}${county ?? ''}`;
}
