import { describe, expect, it } from 'vitest';
import type { Card, CardElement } from '../../../src/lark/cards/card-json.ts';
import { buildCard, button, markdown, submitButton } from '../../../src/lark/cards/card-elements.ts';
import { checkCard } from '../../../src/lark/cards/check-card.ts';
import { measureCard } from '../../../src/lark/cards/measure-card.ts';

const card = (...elements: CardElement[]): Card => buildCard({ title: '测试', template: 'blue', summary: '测试', elements });
const input = (name: string): CardElement => ({ tag: 'input', name });
const submit = (name: string) => submitButton({ name, text: '提交', value: { a: 'x' } });
const form = (name: string, ...elements: CardElement[]): CardElement => ({ tag: 'form', name, elements });

describe('checkCard', () => {
  it('accepts a small valid card', () => {
    expect(checkCard(card(markdown('你好'), form('f1', input('a'), submit('s1'))))).toEqual([]);
  });

  it('refuses a wrong schema, update_multi false and a bad header', () => {
    const bad = { ...card(), schema: '1.0', config: { update_multi: false }, header: { title: {}, template: 'pink' } };
    expect(checkCard(bad)).toEqual([
      'schema 必须为 "2.0"',
      'JSON 2.0 卡片的 config.update_multi 只能为 true',
      'header.title 需要 { tag: "plain_text", content }',
    ]);
    expect(checkCard('{}')).toEqual(['卡片必须是 JSON 对象']);
  });

  it('counts nested components against the 200 limit', () => {
    const rows = Array.from({ length: 67 }, () => ({ tag: 'column_set', columns: [{ tag: 'column', elements: [markdown('x')] }] }));
    expect(measureCard(card(...rows)).elements).toBe(201);
    expect(checkCard(card(...rows))).toEqual(['组件数 201 超过上限 200']);
  });

  it('refuses a card over 30 KB', () => {
    const problems = checkCard(card(markdown('字'.repeat(11_000))));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/超过上限 30720 字节/);
  });

  it('refuses nested forms, forms below the root and forms without a submit button', () => {
    expect(checkCard(card(form('outer', form('inner', submit('s2')), submit('s1'))))).toContain('表单容器 inner 嵌套在另一个表单里');
    const inColumn = { tag: 'column_set', columns: [{ tag: 'column', elements: [form('f', submit('s'))] }] };
    expect(checkCard(card(inColumn))).toContain('表单容器 f 只能放在卡片 body 的根层级');
    expect(checkCard(card(form('f', input('a'), button({ text: '普通', value: {} }))))).toContain(
      '表单容器 f 没有提交按钮（form_action_type: "submit"）',
    );
  });

  it('refuses duplicate and missing names', () => {
    expect(checkCard(card(form('f', input('a'), input('a'), submit('s'))))).toEqual(['组件名 a 出现 2 次：同一卡片内 name 必须唯一']);
    expect(checkCard(card(form('f', { tag: 'date_picker' }, submit('s'))))).toEqual(['表单内的 date_picker 组件缺少 name']);
    expect(checkCard(card({ tag: 'form', elements: [submit('s')] }))).toContain('表单容器缺少 name');
  });

  it('refuses long button text, a submit button outside a form, the old action module and non-object values', () => {
    const long = { tag: 'button', text: { tag: 'plain_text', content: '长'.repeat(101) }, behaviors: [{ type: 'callback', value: 'x' }] };
    const problems = checkCard(card(long, submit('s'), { tag: 'action', actions: [] }));
    expect(problems.some((p) => p.includes('超过 100 个字符'))).toBe(true);
    expect(problems.some((p) => p.includes('回调 value 必须是对象'))).toBe(true);
    expect(problems).toContain('按钮「提交」设置了 form_action_type，却不在表单里');
    expect(problems).toContain('JSON 2.0 不再支持 action 模块：按钮直接放进 elements');
  });

  it('clips button text the builder is given to 100 characters', () => {
    const b = button({ text: '长'.repeat(150), value: {} });
    expect(Array.from((b.text as { content: string }).content)).toHaveLength(100);
  });
});
