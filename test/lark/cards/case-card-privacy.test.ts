import { describe, expect, it } from 'vitest';
import type { CaseView } from '../../../src/lark/cards/card-views.ts';
import { maskForGroup } from '../../../src/lark/cards/mask-for-group.ts';
import { renderCaseCard } from '../../../src/lark/cards/render-case-card.ts';
import { calendar, caseView, now, tz } from './card-fixtures.ts';

// A view filled carelessly from a household row: extra personal fields must never reach the card.
const careless = { ...caseView(), phone: '13812345678', employer: '曲靖某厂', idNumber: '53030219800101123X' } as CaseView;

describe('privacy on case cards', () => {
  it('shows a group the masked name and the ID tail only, never the full name, ID, phone or illness', () => {
    const card = renderCaseCard(careless, { now, tz, calendar, audience: 'group' });
    const json = JSON.stringify(card);
    expect(json).toContain('杨*华');
    expect(json).toContain('123X');
    for (const secret of ['杨小华', '53030219800101123X', '0219800101', '13812345678', '曲靖某厂']) expect(json).not.toContain(secret);
    // The form still offers 大病 as an option to pick; the household's own causes omit it.
    const facts = card.body.elements[0]?.content as string;
    expect(facts).toContain('**致困原因**：收入低、子女上学');
    expect(facts).not.toContain('大病');
  });

  it('keeps the name masked in a direct chat too, but shows every cause there', () => {
    const json = JSON.stringify(renderCaseCard(careless, { now, tz, calendar, audience: 'private' }));
    expect(json).toContain('杨*华');
    expect(json).not.toContain('杨小华');
    expect(json).not.toContain('53030219800101123X');
    expect(json).toContain('本人或供养直系亲属大病');
  });

  it('shows the full name only in a direct chat and only when told to', () => {
    expect(JSON.stringify(renderCaseCard(careless, { now, tz, audience: 'private', revealName: true }))).toContain('杨小华');
    expect(JSON.stringify(renderCaseCard(careless, { now, tz, audience: 'group', revealName: true }))).not.toContain('杨小华');
  });

  it('escapes the mask so markdown does not read it as emphasis', () => {
    const facts = renderCaseCard(careless, { now, tz, audience: 'group' }).body.elements[0]?.content as string;
    expect(facts).toContain('杨&#42;华');
  });

  it('masks in one place: name, ID and health causes', () => {
    expect(maskForGroup({ headName: '欧阳小华', idNumber: '530302198001011234', causes: ['职业病', '下岗失业', '工伤', '残疾'] })).toEqual({
      headName: '欧**华',
      idNumber: '**************1234',
      causes: ['下岗失业'],
    });
  });
});
