// The rules a card JSON 2.0 must satisfy before Lark accepts it (lark-platform.md §3.5), the same
// ones the simulator enforces: schema 2.0, update_multi only true, ≤ 200 components, ≤ 30 KB, forms
// only at the body root and never nested, card-unique component names, a submit button per form,
// interactive form components named, button text ≤ 100 characters. Empty when the card is valid.
import { headerTemplates } from './card-json.ts';
import { MAX_BUTTON_TEXT } from './card-elements.ts';
import { MAX_CARD_BYTES, MAX_CARD_ELEMENTS, childrenOf, isRecord, measureCard } from './measure-card.ts';

const formInputs = new Set([
  'input',
  'date_picker',
  'picker_time',
  'picker_datetime',
  'select_static',
  'multi_select_static',
  'select_person',
  'multi_select_person',
  'checker',
  'select_img',
]);

export function checkCard(card: unknown): string[] {
  if (!isRecord(card)) return ['卡片必须是 JSON 对象'];
  const problems: string[] = [];
  if (card.schema !== '2.0') problems.push('schema 必须为 "2.0"');
  if (isRecord(card.config) && card.config.update_multi !== undefined && card.config.update_multi !== true) {
    problems.push('JSON 2.0 卡片的 config.update_multi 只能为 true');
  }
  checkHeader(card.header, problems);
  const body = isRecord(card.body) ? card.body : undefined;
  if (!body || !Array.isArray(body.elements)) problems.push('缺少 body.elements');
  const size = measureCard(card);
  if (size.elements > MAX_CARD_ELEMENTS) problems.push(`组件数 ${size.elements} 超过上限 ${MAX_CARD_ELEMENTS}`);
  if (size.bytes > MAX_CARD_BYTES) problems.push(`卡片 ${size.bytes} 字节，超过上限 ${MAX_CARD_BYTES} 字节（30 KB）`);
  const names = new Map<string, number>();
  for (const e of Array.isArray(body?.elements) ? body.elements : []) walk(e, { root: true, inForm: false }, names, problems);
  for (const [name, n] of names) if (n > 1) problems.push(`组件名 ${name} 出现 ${n} 次：同一卡片内 name 必须唯一`);
  return problems;
}

function checkHeader(header: unknown, problems: string[]): void {
  if (header === undefined) return;
  if (!isRecord(header) || !isRecord(header.title) || typeof header.title.content !== 'string' || header.title.content === '') {
    problems.push('header.title 需要 { tag: "plain_text", content }');
    return;
  }
  if (header.template !== undefined && !(headerTemplates as readonly unknown[]).includes(header.template)) {
    problems.push(`header.template「${String(header.template)}」不是飞书支持的颜色`);
  }
}

interface Where {
  root: boolean;
  inForm: boolean;
}

function walk(e: unknown, where: Where, names: Map<string, number>, problems: string[]): void {
  if (!isRecord(e) || typeof e.tag !== 'string') {
    problems.push('每个组件都必须是带 tag 的对象');
    return;
  }
  if (e.tag === 'action') problems.push('JSON 2.0 不再支持 action 模块：按钮直接放进 elements');
  if (typeof e.name === 'string' && e.name !== '') names.set(e.name, (names.get(e.name) ?? 0) + 1);
  if (e.tag === 'form') {
    checkForm(e, where, names, problems);
    return;
  }
  if (e.tag === 'button') checkButton(e, where, problems);
  if (where.inForm && formInputs.has(e.tag) && (typeof e.name !== 'string' || e.name === '')) {
    problems.push(`表单内的 ${e.tag} 组件缺少 name`);
  }
  if ((e.tag === 'select_static' || e.tag === 'multi_select_static') && Array.isArray(e.options)) {
    const values = e.options.map((o) => (isRecord(o) ? o.value : undefined));
    if (new Set(values).size !== values.length) problems.push(`下拉组件 ${String(e.name ?? '')} 的选项 value 重复`);
  }
  for (const child of childrenOf(e)) walk(child, { root: false, inForm: where.inForm }, names, problems);
}

function checkForm(form: Record<string, unknown>, where: Where, names: Map<string, number>, problems: string[]): void {
  const name = typeof form.name === 'string' && form.name !== '' ? form.name : '';
  if (!name) problems.push('表单容器缺少 name');
  if (where.inForm) problems.push(`表单容器 ${name} 嵌套在另一个表单里`);
  else if (!where.root) problems.push(`表单容器 ${name} 只能放在卡片 body 的根层级`);
  const children = childrenOf(form);
  for (const child of children) walk(child, { root: false, inForm: true }, names, problems);
  if (!hasSubmit(children)) problems.push(`表单容器 ${name} 没有提交按钮（form_action_type: "submit"）`);
}

function hasSubmit(list: unknown[]): boolean {
  return list.some((e) => isRecord(e) && ((e.tag === 'button' && e.form_action_type === 'submit') || hasSubmit(childrenOf(e))));
}

function checkButton(b: Record<string, unknown>, where: Where, problems: string[]): void {
  const text = isRecord(b.text) && typeof b.text.content === 'string' ? b.text.content : undefined;
  if (text === undefined || text === '') problems.push('按钮缺少文字 text.content');
  else if (Array.from(text).length > MAX_BUTTON_TEXT) problems.push(`按钮「${text.slice(0, 20)}…」的文字超过 ${MAX_BUTTON_TEXT} 个字符`);
  if (b.form_action_type !== undefined) {
    if (!where.inForm) problems.push(`按钮「${text ?? ''}」设置了 form_action_type，却不在表单里`);
    if (typeof b.name !== 'string' || b.name === '') problems.push(`表单按钮「${text ?? ''}」缺少 name`);
  }
  const behaviors = Array.isArray(b.behaviors) ? b.behaviors : [];
  for (const bh of behaviors) {
    if (isRecord(bh) && bh.type === 'callback' && !isRecord(bh.value)) problems.push(`按钮「${text ?? ''}」的回调 value 必须是对象`);
  }
}
