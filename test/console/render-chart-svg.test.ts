// The chart spec → SVG renderer of the console: bars and lines from the VChart spec a Lark card
// takes, scales, gaps, crowded labels, hostile labels and empty data; and the chart container that
// carries the spec as JSON for VChart with the SVG as its fallback.
import { describe, expect, it } from 'vitest';
import type { ChartSpec } from '../../src/core/charts/chart-spec.ts';
import { chartBlock, jsonForScript } from '../../src/http/routes/console/chart-parts.ts';
import { niceScale, renderChartSvg } from '../../src/http/routes/console/render-chart-svg.ts';

const bar: ChartSpec = {
  type: 'bar',
  title: { visible: true, text: '在档户数（按档案级别）' },
  data: [
    {
      id: 'levels',
      values: [
        { level: '全国级', n: 688 },
        { level: '省级', n: 47 },
        { level: '地市级', n: 87 },
        { level: '区县级', n: 86 },
      ],
    },
  ],
  xField: 'level',
  yField: 'n',
};

const count = (svg: string, tag: string) => svg.split(`<${tag} `).length - 1;

describe('renderChartSvg', () => {
  it('draws one bar per value with its label, value and a zero-based round axis', () => {
    const svg = renderChartSvg(bar);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.endsWith('</svg>')).toBe(true);
    expect(count(svg, 'rect')).toBe(4);
    for (const l of ['全国级', '省级', '地市级', '区县级']) expect(svg).toContain(`>${l}</text>`);
    expect(svg).toContain('<title>全国级：688</title>');
    expect(svg).toContain('>800</text>'); // the axis goes to a round number above 688
    expect(svg).toContain('<title id="chart-title">在档户数（按档案级别）</title>');
    // The tallest bar is the biggest value.
    const heights = [...svg.matchAll(/<rect [^>]*height="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(Math.max(...heights)).toBe(heights[0]);
    expect(heights[1]).toBeLessThan(heights[2]!);
  });

  it('groups bars by series and adds a legend', () => {
    const spec: ChartSpec = {
      ...bar,
      data: [
        {
          id: 'd',
          values: bar.data[0]!.values.flatMap((v) => [
            { level: v.level ?? null, n: v.n ?? null, s: '户数' },
            { level: v.level ?? null, n: 2 * Number(v.n), s: '人数' },
          ]),
        },
      ],
      seriesField: 's',
    };
    const svg = renderChartSvg(spec);
    expect(count(svg, 'rect')).toBe(8 + 2); // bars + legend swatches
    expect(svg).toContain('>户数</text>');
    expect(svg).toContain('>人数</text>');
    expect(svg).toContain('<title>全国级 · 人数：1,376</title>');
  });

  it('draws one path per line series, breaks it at missing values and dashes the second series', () => {
    const spec: ChartSpec = {
      type: 'line',
      data: [
        {
          id: 't',
          values: [
            { w: '09-01', s: '在档户数', v: 30 },
            { w: '09-08', s: '在档户数', v: null },
            { w: '09-15', s: '在档户数', v: 26 },
            { w: '09-01', s: '按期清零', v: 30 },
            { w: '09-15', s: '按期清零', v: 20 },
            { w: '目标 12-31', s: '按期清零', v: 0 },
          ],
        },
      ],
      xField: 'w',
      yField: 'v',
      seriesField: 's',
    };
    const svg = renderChartSvg(spec, { id: 'trend' });
    expect(count(svg, 'path')).toBe(2);
    const actual = /<path d="([^"]+)"[^>]*data-series="在档户数"/.exec(svg)![1]!;
    expect(actual.match(/M/g)).toHaveLength(2); // the gap at 09-08 lifts the pen
    expect(svg).toMatch(/stroke-dasharray="5 4" data-series="按期清零"/);
    expect(count(svg, 'circle')).toBe(5);
    expect(svg).toContain('aria-labelledby="trend-title"');
  });

  it('escapes every text from the data', () => {
    const svg = renderChartSvg({
      type: 'bar',
      title: { text: '</title><script>alert(1)</script>' },
      data: [{ id: 'x', values: [{ k: '<img src=x onerror=alert(1)>', v: 1, s: '"><b>' }] }],
      xField: 'k',
      yField: 'v',
      seriesField: 's',
    });
    expect(svg).not.toMatch(/<script|<img|<b>/);
    expect(svg).toContain('&lt;/title&gt;&lt;script&gt;');
  });

  it('thins out crowded category labels but keeps the first and the last', () => {
    const values = Array.from({ length: 52 }, (_, i) => ({ week: `第${i + 1}周`, n: i }));
    const svg = renderChartSvg({ type: 'line', data: [{ id: 'w', values }], xField: 'week', yField: 'n' });
    const labels = [...svg.matchAll(/>(第\d+周)<\/text>/g)].map((m) => m[1]);
    expect(labels.length).toBeLessThan(20);
    expect(labels[0]).toBe('第1周');
    expect(labels.at(-1)).toBe('第52周');
  });

  it('says 暂无数据 for a spec without values, and reads numbers written as text', () => {
    expect(renderChartSvg({ ...bar, data: [] })).toContain('暂无数据');
    expect(renderChartSvg({ ...bar, data: [{ id: 'x', values: [{ level: 'a', n: null }] }] })).toContain('暂无数据');
    expect(renderChartSvg({ ...bar, data: [{ id: 'x', values: [{ level: 'a', n: '12' }] }] })).toContain('<title>a：12</title>');
  });
});

describe('niceScale', () => {
  it('picks a round maximum of 1, 2 or 5 times a power of ten, with ticks from zero', () => {
    expect(niceScale(0)).toEqual({ max: 1, ticks: [0, 1] });
    expect(niceScale(3)).toEqual({ max: 3, ticks: [0, 1, 2, 3] });
    expect(niceScale(14)).toEqual({ max: 15, ticks: [0, 5, 10, 15] });
    expect(niceScale(688).max).toBe(800);
    expect(niceScale(4819)).toEqual({ max: 6000, ticks: [0, 2000, 4000, 6000] });
  });
});

describe('chartBlock', () => {
  it('carries the spec as JSON no label can break out of, and the SVG as the fallback', () => {
    const hostile = '</script><script>alert(1)</script><!--';
    const spec: ChartSpec = { ...bar, title: { visible: true, text: hostile }, data: [{ id: 'x', values: [{ level: hostile, n: 1 }] }] };
    const block = chartBlock(spec, 'hostile').value;
    expect(block.match(/<script/g)).toHaveLength(1);
    expect(block.match(/<\/script>/g)).toHaveLength(1);
    const json = /<script type="application\/json" data-chart-spec>([\s\S]*?)<\/script>/.exec(block)![1]!;
    expect(JSON.parse(json)).toEqual(spec);
    expect(json).not.toMatch(/[<>&]/);
    expect(jsonForScript('a\u2028b&')).toBe('"a\\u2028b\\u0026"');
    expect(block).toContain('<div class="chart-fallback"><svg');
    expect(block).toContain(`aria-label="&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;!--"`);
  });
});
