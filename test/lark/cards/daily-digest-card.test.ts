import { describe, expect, it } from 'vitest';
import type { DailyDigestView, DigestFigures } from '../../../src/lark/cards/card-views.ts';
import { checkCard } from '../../../src/lark/cards/check-card.ts';
import { measureCard } from '../../../src/lark/cards/measure-card.ts';
import { renderDailyDigestCard } from '../../../src/lark/cards/render-daily-digest-card.ts';
import { validateCard } from '../../../src/sandbox/simulator/validate-card.ts';
import { allElements, calendar, endOf, now, tz } from './card-fixtures.ts';

const states = ['入户核实', '精准识别', '制定措施', '落实帮扶', '延期审核', '脱困验收', '公示', '未立案'];

function figures(households: number, change: number | null): DigestFigures {
  return {
    households,
    persons: households * 3,
    overdue: Math.floor(households / 10),
    householdsChange: change,
    overdueChange: change === null ? null : -change,
  };
}

/** The largest card the app builds: 20 regions (19 + 其他), every state, 10 overdue households. */
function bigView(): DailyDigestView {
  return {
    regionName: '云南省',
    day: '2025-11-18',
    takenAt: new Date('2025-11-18T00:37:00Z'),
    total: figures(123_456, -321),
    byState: states.map((title, i) => ({ title, ...figures(10_000 + i, i - 3) })),
    byRegion: Array.from({ length: 20 }, (_, r) => ({
      name: r === 19 ? '其他 112 个地区' : `第${r + 1}个县级市名称较长区`,
      ...figures(5_000 + r, r),
      byState: states.map((title, i) => ({ title, households: 100 * r + i })),
    })),
    topOverdue: Array.from({ length: 10 }, (_, i) => ({
      caseId: i + 1,
      archiveNo: `QJ530302-2017-${String(i + 1).padStart(7, '0')}`,
      headName: i % 2 ? '欧阳小华' : '李建国',
      regionName: '麒麟区',
      stateTitle: '入户核实',
      deadlineAt: endOf('2025-11-10'),
      officerName: '王芳',
      officerOpenId: 'ou_wangfang',
    })),
  };
}

describe('the daily digest card', () => {
  it('stays within Lark’s limits at its largest and passes the simulator’s validation', () => {
    const card = renderDailyDigestCard(bigView(), { now, tz, calendar });
    expect(checkCard(card)).toEqual([]);
    expect(validateCard(card)).toBeUndefined();
    const size = measureCard(card);
    expect(size.bytes).toBeLessThan(20 * 1024);
    expect(size.elements).toBeLessThan(20);
  });

  it('holds a VChart stacked bar of households by state per region', () => {
    const card = renderDailyDigestCard(bigView(), { now, tz, calendar });
    const charts = allElements(card).filter((e) => e.tag === 'chart');
    expect(charts).toHaveLength(1);
    const spec = charts[0]!.chart_spec as {
      type: string;
      data: { id: string; values: { region: string; state: string; households: number }[] }[];
    };
    expect(spec).toMatchObject({ type: 'bar', xField: 'region', yField: 'households', seriesField: 'state', stack: true });
    expect(spec.data[0]!.values).toContainEqual({ region: '第2个县级市名称较长区', state: '精准识别', households: 101 });
    // Zero bars are left out.
    expect(spec.data[0]!.values.some((v) => v.households === 0)).toBe(false);
  });

  it('masks the names, signs the changes and says "—" without yesterday', () => {
    const card = renderDailyDigestCard(bigView(), { now, tz, calendar });
    const json = JSON.stringify(card);
    expect(json).not.toMatch(/欧阳小华|李建国/);
    expect(json).toContain('欧&#42;&#42;华');
    expect(json).toContain('较昨日 -321');
    expect(json).toContain('<at id=ou_wangfang></at>');
    expect(json).toContain('（共 12,345 户逾期）');
    const first = renderDailyDigestCard(
      { ...bigView(), total: figures(3, null), byState: [{ title: '入户核实', ...figures(3, null) }], byRegion: [], topOverdue: [] },
      { now, tz, calendar },
    );
    const text = JSON.stringify(first);
    expect(text).toContain('3 户 · 9 人（较昨日 —）');
    expect(text).toContain('「—」表示没有前一天的统计');
    expect(first.header.template).toBe('green');
  });

  it('has no chart when nothing is on file', () => {
    const card = renderDailyDigestCard(
      { ...bigView(), total: figures(0, 0), byState: [], byRegion: [], topOverdue: [] },
      { now, tz, calendar },
    );
    expect(allElements(card).some((e) => e.tag === 'chart')).toBe(false);
    expect(checkCard(card)).toEqual([]);
  });
});
