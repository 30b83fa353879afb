import { describe, expect, it } from 'vitest';
import { renderDailyDigestCard } from '../../src/lark/cards/render-daily-digest-card.ts';
import { renderCardHtml } from '../../src/sandbox/page/render-card-html.ts';
import { renderChartHtml } from '../../src/sandbox/page/render-chart-html.ts';
import { now, tz } from '../lark/cards/card-fixtures.ts';

const ctx = { nameOf: () => undefined, chatMembers: [] };
const figures = { households: 9, persons: 27, overdue: 0, householdsChange: null, overdueChange: null };

describe('the sandbox page’s chart component', () => {
  it('draws the daily digest’s bar chart: a stacked bar per region with its total and a legend', () => {
    const card = renderDailyDigestCard(
      {
        regionName: '曲靖市',
        day: '2025-11-18',
        takenAt: now,
        total: figures,
        byState: [],
        byRegion: [
          {
            name: '麒麟区',
            ...figures,
            byState: [
              { title: '入户核实', households: 4 },
              { title: '公示', households: 2 },
            ],
          },
          { name: '沾益区', ...figures, byState: [{ title: '入户核实', households: 3 }] },
        ],
        topOverdue: [],
      },
      { now, tz },
    );
    const html = renderCardHtml(card, ctx);
    expect(html).not.toContain('不支持的组件');
    expect(html).toContain('各地区在册户数（按办理环节）');
    expect(html).toMatch(/麒麟区<\/span>.*<span>6<\/span>/);
    expect(html).toContain('title="入户核实 4"');
    expect(html).toContain('width:66.67%'); // 4 of the longest bar's 6
    expect(html).toContain('> 公示</span>');
  });

  it('escapes what the spec says and shows only the title of specs it cannot draw', () => {
    const hostile = renderChartHtml({
      tag: 'chart',
      chart_spec: {
        type: 'bar',
        xField: 'x',
        yField: 'y',
        seriesField: 's',
        data: [{ values: [{ x: '<img src=x>', y: 1, s: '"><script>' }] }],
      },
    });
    expect(hostile).not.toMatch(/<img|<script/);
    expect(renderChartHtml({ tag: 'chart', chart_spec: { type: 'pie', title: { text: '占比<b>' } } })).toContain('占比&lt;b&gt;');
    expect(renderChartHtml({ tag: 'chart' })).toContain('图表');
  });
});
