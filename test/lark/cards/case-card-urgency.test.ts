import { describe, expect, it } from 'vitest';
import { renderCaseCard } from '../../../src/lark/cards/render-case-card.ts';
import { calendar, caseView, endOf, now, tz } from './card-fixtures.ts';

const colour = (deadlineAt: Date | null, at = now, withCalendar = true) =>
  renderCaseCard(caseView({ deadlineAt }), { now: at, tz, audience: 'group', ...(withCalendar ? { calendar } : {}) }).header;

describe('the case card header colour by urgency (now: Tue 18 Nov 2025, 10:00)', () => {
  it('is red once the deadline has passed, with the days overdue', () => {
    const header = colour(endOf('2025-11-17'));
    expect(header.template).toBe('red');
    expect(header.text_tag_list?.[0]).toMatchObject({ text: { content: '已逾期 1 天' }, color: 'red' });
  });

  it('is orange with at most one working day left, and on the last day', () => {
    expect(colour(endOf('2025-11-19')).template).toBe('orange');
    expect(colour(endOf('2025-11-18')).text_tag_list?.[0]).toMatchObject({ text: { content: '今天到期' } });
  });

  it('is blue with more time left, or without a deadline', () => {
    expect(colour(endOf('2025-11-20')).template).toBe('blue');
    expect(colour(null).template).toBe('blue');
  });

  it('counts working days with a calendar and calendar days without one', () => {
    const friday = new Date('2025-11-21T02:00:00Z');
    const monday = endOf('2025-11-24');
    expect(colour(monday, friday).template).toBe('orange'); // one working day: Monday
    expect(colour(monday, friday, false).template).toBe('blue'); // three calendar days
    expect(colour(monday, friday, false).text_tag_list).toBeUndefined();
  });

  it('says 剩 N 天 with calendar days when no calendar is given', () => {
    const card = renderCaseCard(caseView(), { now, tz, audience: 'group' });
    expect(card.body.elements[0]?.content).toContain('剩 10 天');
  });
});
