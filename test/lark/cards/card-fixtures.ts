// Views, times and walkers shared by the card tests: the default flow's real card actions, a fixed
// clock (Tuesday 18 Nov 2025, 10:00 in Shanghai) and the 2025 working-day calendar.
import type { CardAction } from '../../../src/core/flows/flow-types.ts';
import { indexFlowStates } from '../../../src/core/flows/index-flow-states.ts';
import { createWorkCalendar } from '../../../src/core/time/work-calendar.ts';
import type { Card, CardElement } from '../../../src/lark/cards/card-json.ts';
import type { CaseView } from '../../../src/lark/cards/card-views.ts';
import { defaultFlow } from '../../core/flows/flow-fixture.ts';

export const tz = 'Asia/Shanghai';
export const now = new Date('2025-11-18T02:00:00Z');
export const calendar = createWorkCalendar();

/** The end of a local day (00:00 of the next), as deadlines are stored. */
export function endOf(day: string): Date {
  const next = new Date(`${day}T00:00:00+08:00`);
  return new Date(next.getTime() + 86_400_000);
}

export function actionsOf(state: string): CardAction[] {
  return [...(indexFlowStates(defaultFlow()).get(state)?.node.meta?.card?.actions ?? [])];
}

export function caseView(overrides: Partial<CaseView> = {}): CaseView {
  return {
    caseId: 42,
    archiveNo: 'QJ530302-2017-0000001',
    headName: '杨小华',
    idNumber: '53030219800101123X',
    persons: 3,
    causes: ['收入低', '本人或供养直系亲属大病', '子女上学'],
    regionName: '麒麟区',
    officerName: '王芳',
    officerOpenId: 'ou_wangfang',
    state: 'verifying',
    stateTitle: '入户核实',
    deadlineAt: endOf('2025-11-28'),
    actions: actionsOf('verifying'),
    flowId: 'huhuqing',
    flowVersion: 1,
    version: 7,
    ...overrides,
  };
}

/** Every component of a card's body, nested ones included, depth first. */
export function allElements(card: Card): CardElement[] {
  const out: CardElement[] = [];
  const visit = (list: unknown) => {
    if (!Array.isArray(list)) return;
    for (const e of list as CardElement[]) {
      out.push(e);
      visit(e.elements);
      visit(e.columns);
    }
  };
  visit(card.body.elements);
  return out;
}

export function named(card: Card, name: string): CardElement | undefined {
  return allElements(card).find((e) => e.name === name);
}

export function callbackValues(card: Card): unknown[] {
  return allElements(card)
    .filter((e) => e.tag === 'button')
    .map((e) => (e.behaviors as { value: unknown }[])[0]?.value);
}
