import { describe, expect, it } from 'vitest';
import type { DigestItem } from '../../../src/lark/cards/card-views.ts';
import { checkCard } from '../../../src/lark/cards/check-card.ts';
import { measureCard } from '../../../src/lark/cards/measure-card.ts';
import { renderDigestCards } from '../../../src/lark/cards/render-digest-card.ts';
import { calendar, callbackValues, endOf, now, tz } from './card-fixtures.ts';

const surnames = ['杨', '李', '王', '张', '欧阳'];

function households(n: number): DigestItem[] {
  return Array.from({ length: n }, (_, i) => ({
    caseId: i + 1,
    archiveNo: `QJ530302-2017-${String(i + 1).padStart(7, '0')}`,
    headName: `${surnames[i % surnames.length]}小华${i % 7}`,
    stateTitle: i % 2 ? '入户核实' : '落实帮扶',
    deadlineAt: endOf(`2025-11-${String(10 + (i % 20)).padStart(2, '0')}`),
  }));
}

describe('an officer’s digest', () => {
  it('paginates 300 households into cards that each pass the card checks', () => {
    const cards = renderDigestCards(households(300), { now, tz, calendar });
    expect(cards.length).toBeGreaterThan(1);
    cards.forEach((card, i) => {
      expect(checkCard(card), `page ${i + 1}`).toEqual([]);
      expect(card.header.title.content).toContain(`第 ${i + 1}/${cards.length} 页`);
      expect(measureCard(card).elements).toBeLessThanOrEqual(200);
    });
    const opened = cards.flatMap(callbackValues) as { a: string; caseId: number }[];
    expect(opened).toHaveLength(300);
    expect(new Set(opened.map((v) => v.caseId)).size).toBe(300);
    expect(opened.every((v) => v.a === 'open')).toBe(true);
  });

  it('lists the most urgent first, with state, deadline and days left, names masked', () => {
    const [card] = renderDigestCards(households(3), { now, tz, calendar });
    expect(card?.header.template).toBe('red');
    expect(card?.config.summary?.content).toBe('待办提醒：共 3 户，其中已逾期 3 户');
    const json = JSON.stringify(card);
    expect(json).not.toMatch(/杨小华|李小华|王小华/);
    const first = JSON.stringify(card?.body.elements[1]);
    expect(first).toContain('杨&#42;&#42;0');
    expect(first).toContain('落实帮扶');
    expect(first).toContain('11月10日（周一）');
    expect(first).toContain('已逾期 8 天');
    expect(first).toContain('办理');
  });

  it('says so when nothing is due, still as one valid card', () => {
    const cards = renderDigestCards([], { now, tz });
    expect(cards).toHaveLength(1);
    expect(checkCard(cards[0])).toEqual([]);
  });

  it('stays within 30 KB even with very long texts', () => {
    const long = households(120).map((h) => ({ ...h, stateTitle: '很长的环节名称'.repeat(30) }));
    const cards = renderDigestCards(long, { now, tz, calendar });
    for (const card of cards) expect(checkCard(card)).toEqual([]);
    expect(cards.length).toBeGreaterThan(4);
  });
});
