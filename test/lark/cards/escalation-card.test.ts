import { describe, expect, it } from 'vitest';
import type { EscalationItem } from '../../../src/lark/cards/card-views.ts';
import { checkCard } from '../../../src/lark/cards/check-card.ts';
import { renderEscalationCards } from '../../../src/lark/cards/render-escalation-card.ts';
import { allElements, calendar, callbackValues, endOf, now, tz } from './card-fixtures.ts';

function overdue(n: number): EscalationItem[] {
  return Array.from({ length: n }, (_, i) => ({
    caseId: 100 + i,
    archiveNo: `QJ530302-2017-${String(i + 1).padStart(7, '0')}`,
    headName: i % 2 ? '杨小华' : '李建国',
    regionName: '麒麟区',
    stateTitle: '入户核实',
    deadlineAt: endOf(i % 2 ? '2025-11-14' : '2025-11-17'),
    officerName: i % 2 ? '王芳' : '赵强',
    officerOpenId: i % 2 ? 'ou_wangfang' : 'ou_zhaoqiang',
  }));
}

describe('the escalation card for an inspection group', () => {
  const [card] = renderEscalationCards(overdue(2), { now, tz, calendar, regionName: '麒麟区' });

  it('passes the card checks and is red', () => {
    expect(checkCard(card)).toEqual([]);
    expect(card?.header.template).toBe('red');
    expect(card?.header.title.content).toBe('逾期督办 · 麒麟区');
  });

  it('@mentions the officers, masks the names and says how many days overdue, longest first', () => {
    const json = JSON.stringify(card);
    expect(json).toContain('<at id=ou_wangfang></at>');
    expect(json).toContain('<at id=ou_zhaoqiang></at>');
    expect(json).not.toMatch(/杨小华|李建国/);
    const rows = allElements(card!)
      .filter((e) => e.tag === 'markdown')
      .map((e) => e.content as string);
    expect(rows[1]).toContain('杨&#42;华');
    expect(rows[1]).toContain('已逾期 4 天');
    expect(rows[2]).toContain('李&#42;国');
    expect(rows[2]).toContain('已逾期 1 天');
  });

  it('has a 督办 button per household', () => {
    const buttons = allElements(card!).filter((e) => e.tag === 'button');
    expect(buttons.map((b) => (b.text as { content: string }).content)).toEqual(['督办', '督办']);
    expect(callbackValues(card!)).toEqual([
      { a: 'ack', caseId: 101 },
      { a: 'ack', caseId: 100 },
    ]);
  });

  it('shows the urgent flag', () => {
    const [urgent] = renderEscalationCards(overdue(1), { now, tz, calendar, urgent: true });
    expect(urgent?.header.title.content).toContain('【加急】');
    expect(urgent?.header.text_tag_list?.[0]).toMatchObject({ text: { content: '加急' } });
    expect(urgent?.config.summary?.content).toContain('加急');
  });

  it('replaces the button with who acknowledged and when', () => {
    const items = overdue(2).map((i) =>
      i.caseId === 100 ? { ...i, acknowledged: { byName: '李明', at: new Date('2025-11-18T01:05:00Z') } } : i,
    );
    const [acked] = renderEscalationCards(items, { now, tz, calendar });
    expect(JSON.stringify(acked)).toContain('李明 于 11月18日 09:05 已督办');
    expect(callbackValues(acked!)).toEqual([{ a: 'ack', caseId: 101 }]);
    expect(checkCard(acked)).toEqual([]);
  });

  it('paginates a long list into valid cards', () => {
    const cards = renderEscalationCards(overdue(300), { now, tz, calendar, urgent: true });
    expect(cards.length).toBeGreaterThan(1);
    for (const c of cards) expect(checkCard(c)).toEqual([]);
    expect(cards.flatMap(callbackValues)).toHaveLength(300);
  });
});
