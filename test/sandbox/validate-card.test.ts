import { describe, expect, it } from 'vitest';
import { validateCard } from '../../src/sandbox/simulator/validate-card.ts';
import { button, card, formCard, markdown } from './simulator-fixture.ts';

const form = (name: string, elements: unknown[]) => ({ tag: 'form', name, elements });
const submit = (name: string) => button('提交', { name, form_action_type: 'submit' });

describe('card JSON 2.0 validation', () => {
  it('accepts a 2.0 card with a form and exactly 200 components', () => {
    expect(validateCard(formCard())).toBeUndefined();
    expect(validateCard(card(Array.from({ length: 200 }, (_, i) => markdown(`${i}`))))).toBeUndefined();
  });

  it('requires schema 2.0, body.elements and a plain_text title', () => {
    expect(validateCard({ config: { wide_screen_mode: true }, elements: [] })).toMatch(/schema must be "2.0"/);
    expect(validateCard({ schema: '2.0', body: {} })).toMatch(/body.elements/);
    expect(validateCard(card([], { header: { title: { content: '无 tag' } } }))).toMatch(/header.title/);
    expect(validateCard(card([], { header: { title: { tag: 'plain_text', content: '标题' }, template: 'pink' } }))).toMatch(
      /template "pink"/,
    );
    expect(validateCard('{"schema":"2.0"}')).toMatch(/JSON object/);
  });

  it('allows update_multi only as true and refuses the removed action module', () => {
    expect(validateCard(card([], { config: { update_multi: false } }))).toMatch(/update_multi may only be true/);
    expect(validateCard(card([{ tag: 'action', actions: [button('旧按钮')] }]))).toMatch(/"action" module/);
  });

  it('counts nested components towards the 200 limit', () => {
    const nested = { tag: 'collapsible_panel', elements: Array.from({ length: 200 }, (_, i) => markdown(`${i}`)) };
    expect(validateCard(card([nested]))).toMatch(/201 components/);
  });

  it('enforces the form rules: root only, not nested, unique names, named inputs, a submit button', () => {
    expect(validateCard(card([{ tag: 'column_set', columns: [{ tag: 'column', elements: [form('f', [submit('s')])] }] }]))).toMatch(
      /card root/,
    );
    expect(validateCard(card([form('outer', [form('inner', [submit('s1')]), submit('s2')])]))).toMatch(/cannot be nested/);
    expect(validateCard(card([form('f', [{ tag: 'input', name: 'x' }, submit('x')])]))).toMatch(/"x" is used twice/);
    expect(validateCard(card([form('f', [{ tag: 'input' }, submit('s')])]))).toMatch(/input inside form "f" needs a "name"/);
    expect(validateCard(card([form('f', [{ tag: 'input', name: 'x' }, button('提交', { name: 's' })])]))).toMatch(/no button with/);
    expect(validateCard(card([form('f', [submit('s')]), form('f', [submit('t')])]))).toMatch(/"f" is used twice/);
  });

  it('limits button text to 100 characters and checks select option values', () => {
    expect(validateCard(card([button('办'.repeat(100))]))).toBeUndefined();
    expect(validateCard(card([button('办'.repeat(101))]))).toMatch(/longer than 100/);
    const options = [1, 1].map((v) => ({ text: { tag: 'plain_text', content: `${v}` }, value: `${v}` }));
    expect(validateCard(card([{ tag: 'select_static', name: 'pick', options }]))).toMatch(/unique/);
  });
});
