import { describe, expect, it } from 'vitest';
import { checkCard } from '../../../src/lark/cards/check-card.ts';
import { formatDeadline, formatMoment } from '../../../src/lark/cards/format-card-time.ts';
import { renderBindHelpCard, renderHelpCard } from '../../../src/lark/cards/render-help-card.ts';
import { renderProgressCard } from '../../../src/lark/cards/render-progress-card.ts';
import { renderAckCard, renderResultCard } from '../../../src/lark/cards/render-result-card.ts';
import { callbackValues, now, tz } from './card-fixtures.ts';

const activity = {
  caseId: 42,
  archiveNo: 'QJ530302-2017-0000001',
  headName: '杨小华',
  actorName: '王芳',
  at: new Date('2025-11-20T02:05:00Z'),
  actionLabel: '已核实',
  fromStateTitle: '入户核实',
  toStateTitle: '精准识别',
};

describe('result and acknowledgement cards', () => {
  it('say who did what when, with the masked name', () => {
    const card = renderResultCard(activity, { now, tz, audience: 'group' });
    expect(checkCard(card)).toEqual([]);
    expect(card.config.summary?.content).toBe('王芳 于 11月20日 10:05 提交了「已核实」');
    const json = JSON.stringify(card);
    expect(json).toContain('入户核实 → 精准识别');
    expect(json).not.toContain('杨小华');
    expect(callbackValues(card)).toEqual([{ a: 'open', caseId: 42 }]);
  });

  it('say who acknowledged an escalation', () => {
    const card = renderAckCard({ ...activity, actorName: '李明' }, { now, tz, audience: 'group' });
    expect(checkCard(card)).toEqual([]);
    expect(card.config.summary?.content).toBe('李明 于 11月20日 10:05 已督办');
    expect(card.header.title.content).toBe('已督办 · QJ530302-2017-0000001');
  });
});

describe('help, binding and progress cards', () => {
  it('lists the commands, without repeating text that was not understood (it may carry personal data)', () => {
    const card = renderHelpCard({ unknownText: '杨小华 13812345678 你好*呀', hint: '请写明地区' });
    expect(checkCard(card)).toEqual([]);
    const json = JSON.stringify(card);
    for (const c of ['帮助', '我的', '进度', '查 &#60;档案编号&#62;', '绑定 督查组 &#60;地区&#62;']) expect(json).toContain(c);
    expect(json).toContain('没有看懂这条消息。');
    for (const typed of ['杨小华', '13812345678', '你好']) expect(json).not.toContain(typed);
    expect(json).toContain('请写明地区');
  });

  it('explains how an admin binds a group', () => {
    const card = renderBindHelpCard({ botName: '户户清' });
    expect(checkCard(card)).toEqual([]);
    const json = JSON.stringify(card);
    expect(json).toContain('@户户清 绑定 督查组 麒麟区');
    expect(json).toContain('@户户清 绑定 工作群 麒麟区');
  });

  it('shows a region’s counts by state and the overdue ones', () => {
    const card = renderProgressCard(
      {
        regionName: '麒麟区',
        at: now,
        total: 120,
        overdue: 5,
        byState: [
          { title: '入户核实', count: 80, overdue: 5 },
          { title: '落实帮扶', count: 40 },
        ],
      },
      { now, tz },
    );
    expect(checkCard(card)).toEqual([]);
    expect(card.header.template).toBe('orange');
    const json = JSON.stringify(card);
    expect(json).toContain('入户核实：**80** 户');
    expect(json).toContain('逾期 5');
    expect(card.config.summary?.content).toBe('麒麟区：共 120 户，逾期 5 户');
  });
});

describe('times on cards', () => {
  it('show the year only when it is not the current one, and a midnight deadline as the day before', () => {
    expect(formatMoment(new Date('2026-01-05T01:00:00Z'), tz, now)).toBe('2026年1月5日 09:00');
    expect(formatDeadline(new Date('2025-11-20T16:00:00Z'), tz, now)).toBe('11月20日（周四）');
    expect(formatDeadline(new Date('2025-11-20T07:30:00Z'), tz, now)).toBe('11月20日（周四）15:30');
  });
});
