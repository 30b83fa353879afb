// Card rules: every button's event has a transition in its state (or an enclosing one), no button
// twice, and well-formed forms (unique names, options only and always on selects, min ≤ max).
import type { FlowProblem } from './flow-types.ts';
import { isRecord } from './json-path.ts';
import type { PathSegment } from './json-path.ts';
import { makeProblem, nameState } from './make-problem.ts';
import { ancestorsOf, transitionsOf } from './walk-states.ts';
import type { StateEntry } from './walk-states.ts';

const selects = new Set(['select', 'multi_select']);
const texts = new Set(['text', 'textarea']);

export function checkCards(entries: readonly StateEntry[]): FlowProblem[] {
  const out: FlowProblem[] = [];
  for (const e of entries) {
    const meta = e.node.meta;
    const actions = isRecord(meta) && isRecord(meta.card) ? meta.card.actions : undefined;
    if (!Array.isArray(actions)) continue;
    const base: PathSegment[] = [...e.path, 'meta', 'card', 'actions'];
    const at = (path: PathSegment[], message: string) => out.push(makeProblem(entries, [...base, ...path], message));
    const handled = new Set([e, ...ancestorsOf(e)].flatMap((s) => transitionsOf(s).map(([event]) => event)));
    const events = new Set<string>();
    actions.forEach((action: unknown, i) => {
      if (!isRecord(action) || typeof action.event !== 'string') return;
      const label = typeof action.label === 'string' ? `「${action.label}」` : '';
      if (events.has(action.event)) at([i, 'event'], `${nameState(e)}的卡片里事件 ${action.event} 出现了两次：每个事件只放一个按钮`);
      events.add(action.event);
      if (e.kind !== 'final' && !handled.has(action.event)) {
        at(
          [i, 'event'],
          `${nameState(e)}的按钮${label}发送事件 ${action.event}，但该状态没有 ${action.event} 的转换：请在 on 里加上，或删掉这个按钮`,
        );
      }
      if (Array.isArray(action.form)) checkForm(e, label, action.form, (path, message) => at([i, 'form', ...path], message));
    });
  }
  return out;
}

function checkForm(e: StateEntry, label: string, form: unknown[], at: (path: PathSegment[], message: string) => void): void {
  const names = new Set<string>();
  const where = `${nameState(e)}的按钮${label}表单`;
  form.forEach((field: unknown, j) => {
    if (!isRecord(field)) return;
    const name = typeof field.name === 'string' ? field.name : `第 ${j + 1} 个字段`;
    const type = typeof field.type === 'string' ? field.type : '';
    if (typeof field.name === 'string') {
      if (names.has(field.name)) at([j, 'name'], `${where}里字段名 ${field.name} 重复：请改名`);
      names.add(field.name);
    }
    if (selects.has(type) && field.options === undefined) {
      at([j, 'options'], `${where}的字段 ${name} 是下拉选择，缺少 options：写选项数组，或 causes、tiers、measures、close_reasons 之一`);
    }
    if (!selects.has(type) && type !== '' && field.options !== undefined)
      at([j, 'options'], `${where}的字段 ${name} 类型是 ${type}，不能写 options：只有 select / multi_select 有选项`);
    if (type !== 'number' && type !== '' && (field.min !== undefined || field.max !== undefined)) {
      at(
        [j, field.min !== undefined ? 'min' : 'max'],
        `${where}的字段 ${name} 类型是 ${type}，不能写 min / max：只有 number 字段有取值范围`,
      );
    }
    if (typeof field.min === 'number' && typeof field.max === 'number' && field.min > field.max) {
      at([j, 'min'], `${where}的字段 ${name} 的 min（${field.min}）大于 max（${field.max}）：请对调或改正`);
    }
    if (!texts.has(type) && type !== '' && field.maxLength !== undefined)
      at([j, 'maxLength'], `${where}的字段 ${name} 类型是 ${type}，不能写 maxLength：只有 text / textarea 有字数限制`);
  });
}
