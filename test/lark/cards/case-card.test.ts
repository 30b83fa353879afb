import { describe, expect, it } from 'vitest';
import { caseStates, findCardAction } from '../../../src/core/flows/index-flow-states.ts';
import { checkFormValues } from '../../../src/core/flows/check-form-values.ts';
import { optionLists } from '../../../src/core/flows/option-lists.ts';
import { parseCallbackValue } from '../../../src/lark/cards/callback-value.ts';
import { checkCard } from '../../../src/lark/cards/check-card.ts';
import { readFormValues } from '../../../src/lark/cards/form-names.ts';
import { renderCaseCard } from '../../../src/lark/cards/render-case-card.ts';
import { defaultFlow } from '../../core/flows/flow-fixture.ts';
import { actionsOf, allElements, calendar, callbackValues, caseView, named, now, tz } from './card-fixtures.ts';

const group = { now, tz, calendar, audience: 'group' as const };

describe('the case card of the default flow', () => {
  const card = renderCaseCard(caseView(), group);

  it('passes the card checks: schema 2.0, shared, within limits, forms at the root', () => {
    expect(checkCard(card)).toEqual([]);
    expect(card.schema).toBe('2.0');
    expect(card.config.update_multi).toBe(true);
    expect(card.header.title.content).toBe('入户核实 · QJ530302-2017-0000001');
  });

  it('has one form per action with a form, every component named once', () => {
    const forms = card.body.elements.filter((e) => e.tag === 'form').map((e) => e.name);
    expect(forms).toEqual(['f_VERIFIED', 'f_REQUEST_EXTENSION', 'f_REASSIGN', 'f_CLOSE']);
    const names = allElements(card).flatMap((e) => (typeof e.name === 'string' ? [e.name] : []));
    expect(new Set(names).size).toBe(names.length);
  });

  it('maps each field type to its component with the required flag', () => {
    expect(named(card, 'f_VERIFIED__persons')).toMatchObject({ tag: 'input', required: true });
    expect(named(card, 'f_VERIFIED__causes')).toMatchObject({ tag: 'multi_select_static', required: true });
    expect(named(card, 'f_VERIFIED__visit_date')).toMatchObject({ tag: 'date_picker', required: true });
    expect(named(card, 'f_VERIFIED__co_visitor')).toMatchObject({ tag: 'select_person', required: false });
    expect(named(card, 'f_VERIFIED__notes')).toMatchObject({
      tag: 'input',
      input_type: 'multiline_text',
      max_length: 500,
      required: false,
    });
    expect(named(card, 'f_CLOSE__reason')).toMatchObject({ tag: 'select_static', required: true });
  });

  it('offers the canonical causes as the options of 致困原因', () => {
    const options = named(card, 'f_VERIFIED__causes')?.options as { value: string; text: { content: string } }[];
    expect(options.map((o) => o.value)).toEqual(optionLists.causes);
    expect(options.map((o) => o.text.content)).toEqual(optionLists.causes);
    expect(named(card, 'f_CLOSE__reason')?.options).toHaveLength(optionLists.close_reasons.length);
  });

  it('gives every submit button the event, state and case version, and asks before 撤档', () => {
    const submit = named(card, 's_VERIFIED');
    expect(submit).toMatchObject({ tag: 'button', form_action_type: 'submit', type: 'primary' });
    expect(callbackValues(card)).toContainEqual({ a: 'event', caseId: 42, event: 'VERIFIED', state: 'verifying', v: 7 });
    expect(named(card, 's_CLOSE')).toMatchObject({ type: 'danger', confirm: { text: { content: '撤档后本户不再跟踪，确定吗？' } } });
    for (const value of callbackValues(card)) expect(parseCallbackValue(value)).toEqual(value);
  });

  it('@mentions the officer and shows the deadline with the working days left', () => {
    const facts = card.body.elements[0]?.content as string;
    expect(facts).toContain('<at id=ou_wangfang></at>');
    expect(facts).toContain('11月28日（周五）');
    expect(facts).toContain('剩 8 个工作日');
  });

  it('renders a plain button for an action without a form', () => {
    const view = caseView({ actions: [{ event: 'PROGRESS', label: '报告进展', confirm: '确定？' }] });
    const plain = renderCaseCard(view, group).body.elements.find((e) => e.tag === 'button');
    expect(plain).toMatchObject({ text: { content: '报告进展' }, type: 'default', confirm: { text: { content: '确定？' } } });
    expect(plain?.behaviors).toEqual([
      { type: 'callback', value: { a: 'event', caseId: 42, event: 'PROGRESS', state: 'verifying', v: 7 } },
    ]);
  });

  it('shows only the buttons the viewer’s roles may press when asked to', () => {
    const officer = renderCaseCard(caseView(), { ...group, roles: ['officer'] });
    expect(officer.body.elements.filter((e) => e.tag === 'form').map((e) => e.name)).toEqual(['f_VERIFIED', 'f_REQUEST_EXTENSION']);
  });

  it('renders a valid card for every state of the default flow', () => {
    for (const s of caseStates(defaultFlow())) {
      const view = caseView({ state: s.key, stateTitle: s.title, actions: actionsOf(s.key), deadlineAt: null });
      expect(checkCard(renderCaseCard(view, group)), s.key).toEqual([]);
    }
  });
});

describe('what a submitted form gives back', () => {
  it('maps form_value by component name to the flow fields, in the shape checkFormValues expects', () => {
    const action = findCardAction(defaultFlow(), 'verifying', 'VERIFIED')!;
    const values = readFormValues(action, {
      f_VERIFIED__persons: '3',
      f_VERIFIED__causes: ['收入低', '子女上学'],
      f_VERIFIED__visit_date: '2025-11-17 +0800',
      f_VERIFIED__co_visitor: 'ou_lisi',
      f_VERIFIED__notes: '  已入户  ',
      f_OTHER__x: 'ignored',
    });
    expect(values).toEqual({
      persons: '3',
      causes: ['收入低', '子女上学'],
      visit_date: '2025-11-17',
      co_visitor: 'ou_lisi',
      notes: '已入户',
    });
    expect(checkFormValues(action.form ?? [], values)).toEqual([]);
  });

  it('refuses callback values that are not ours', () => {
    for (const bad of [
      null,
      'x',
      [],
      { a: 'event', caseId: 1 },
      { a: 'open', caseId: -1 },
      { a: 'drop', caseId: 1 },
      { a: 'ack', caseId: '1' },
    ]) {
      expect(parseCallbackValue(bad)).toBeNull();
    }
    expect(parseCallbackValue({ a: 'ack', caseId: 5, extra: 1 })).toEqual({ a: 'ack', caseId: 5 });
  });
});
