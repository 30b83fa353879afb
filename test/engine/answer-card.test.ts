// A card click is answered with the case as the transition wrote it, without reading it back: that
// case must be exactly what a fresh read gives, on every kind of step.
import { afterEach, describe, expect, it } from 'vitest';
import { loadCase } from '../../src/app/cases/load-case.ts';
import { sendCaseEvent } from '../../src/app/cases/send-case-event.ts';
import { caseViewOf, loadCaseView } from '../../src/app/lark/load-case-view.ts';
import { at, createCampaign, type Campaign } from '../helpers/engine-fixture.ts';

let campaign: Campaign | undefined;
afterEach(async () => campaign?.db.cleanup());

const steps: [string, keyof Campaign['people'], string, Record<string, unknown>][] = [
  ['2025-09-29 10:00', 'officer', 'VERIFIED', { persons: 3, causes: ['收入低'], visit_date: '2025-09-28' }],
  ['2025-09-30 10:00', 'officer', 'CLASSIFIED', { causes: ['收入低'], tier: '相对困难' }],
  ['2025-10-09 10:00', 'officer', 'PLANNED', { measures: ['就业帮扶'], responsible: '麒麟区总工会' }],
  ['2025-10-10 10:00', 'officer', 'PROGRESS', { progress: '已联系用人单位' }],
  ['2025-10-11 10:00', 'officer', 'REQUEST_EXTENSION', { workdays: 3, reason: '等待岗位' }],
  ['2025-10-13 10:00', 'county', 'GRANT_EXTENSION', { workdays: 3 }],
  ['2025-10-15 10:00', 'officer', 'IMPLEMENTED', { summary: '已安排公益性岗位' }],
  ['2025-10-20 10:00', 'county', 'CONFIRM_RELIEF', { accepted_on: '2025-10-20' }],
  ['2025-10-30 10:00', 'city', 'NOTICE_PASSED', { notice_end: '2025-10-30' }],
];

describe('the answer card of a click', () => {
  it('shows the case as written, the same as a fresh read, through state changes, a pause, progress and closing', async () => {
    campaign = await createCampaign({ households: 1, openedAt: at('2025-09-26 15:30'), deadline: '2025-12-31' });
    const c = campaign;
    const caseId = c.caseIds[0]!;
    let loaded = await loadCase(c.db.prisma, caseId);
    for (const [when, who, type, form] of steps) {
      const r = await sendCaseEvent(c.deps, { caseId, type, form, operator: c.people[who], source: 'card', now: at(when), case: loaded! });
      expect(r, type).toMatchObject({ ok: true });
      if (!r.ok) return;
      const read = await loadCase(c.db.prisma, caseId);
      expect(r.case, type).toEqual(read);
      expect(await caseViewOf(c.deps, r.case!), type).toEqual(await loadCaseView(c.deps, caseId));
      loaded = read;
    }
    expect(loaded).toMatchObject({ status: 'closed', state: 'relieved' });
  });

  it('reads the case again when the step changed its officer (改派)', async () => {
    campaign = await createCampaign({ households: 1, openedAt: at('2025-09-26 15:30') });
    const c = campaign;
    const caseId = c.caseIds[0]!;
    for (const [when, who, type, form] of steps.slice(0, 3)) {
      await sendCaseEvent(c.deps, { caseId, type, form, operator: c.people[who], source: 'card', now: at(when) });
    }
    const r = await sendCaseEvent(c.deps, {
      caseId,
      type: 'REASSIGN',
      form: { officer: String(c.people.delegate.personId), reason: '调岗' },
      operator: c.people.county,
      source: 'card',
      now: at('2025-10-10 11:00'),
    });
    expect(r).toMatchObject({ ok: true, case: null });
    expect((await loadCaseView(c.deps, caseId))?.officerName).toBe('李强');
  });
});
