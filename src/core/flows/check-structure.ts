// Structural rules of a flow: initial states, unique state names, history and final states,
// transition targets that exist, and states reachable from the initial state.
import type { FlowProblem } from './flow-types.ts';
import { isRecord } from './json-path.ts';
import { makeProblem, nameState } from './make-problem.ts';
import { resolveTarget } from './resolve-target.ts';
import { splitTransition, transitionsOf } from './walk-states.ts';
import type { StateEntry } from './walk-states.ts';

export function checkStructure(raw: Record<string, unknown>, entries: readonly StateEntry[]): FlowProblem[] {
  const out: FlowProblem[] = [];
  const at = (path: (string | number)[], message: string) => out.push(makeProblem(entries, path, message));
  const machineId = typeof raw.id === 'string' ? raw.id : undefined;
  const top = entries.filter((e) => e.parent === null);
  const keys = (list: readonly StateEntry[]) => list.map((e) => e.key).join('、') || '（无）';

  if (typeof raw.initial === 'string' && !top.some((e) => e.key === raw.initial)) {
    at(['initial'], `initial 指向不存在的状态 ${raw.initial}：请改为顶层状态之一：${keys(top)}`);
  }
  const seen = new Map<string, StateEntry>();
  for (const e of entries) {
    const first = seen.get(e.key);
    if (first) at(e.path, `状态名 ${e.key} 重复（已用于 ${first.path.join('.')}）：状态名在整个流程里须唯一，请改名`);
    else seen.set(e.key, e);
  }
  for (const e of entries) {
    const { node } = e;
    if (e.kind === 'compound') {
      if (typeof node.initial !== 'string')
        at([...e.path, 'initial'], `复合${nameState(e)}缺少 initial：请写明先进入哪个子状态（${keys(e.children)}）`);
      else if (!e.children.some((c) => c.key === node.initial)) {
        at([...e.path, 'initial'], `${nameState(e)}的 initial 指向不存在的子状态 ${node.initial}：请改为 ${keys(e.children)} 之一`);
      } else if (e.children.some((c) => c.key === node.initial && c.kind === 'history')) {
        // XState starts such a state in its error status: the history state has nothing to return to yet.
        const steps = e.children.filter((c) => c.kind !== 'history');
        at([...e.path, 'initial'], `${nameState(e)}的 initial 是历史状态 ${node.initial}：历史状态只是返回点，请改为 ${keys(steps)} 之一`);
      }
    } else if (node.initial !== undefined) at([...e.path, 'initial'], `${nameState(e)}没有子状态，不能写 initial：请删除`);
    if (e.kind === 'final' && isRecord(node.on) && Object.keys(node.on).length > 0) {
      at([...e.path, 'on'], `终态 ${e.key} 不能有转换（on）：案件到终态即结束；要重新开始请用 meta.nextCycle`);
    }
    if (e.kind === 'final' && e.children.length > 0) at([...e.path, 'states'], `终态 ${e.key} 不能有子状态：请删除 states`);
    if (e.kind === 'final' && e.parent !== null) {
      at(
        e.path,
        `终态 ${e.key} 放在复合${nameState(e.parent)}里：只有顶层终态才结束案件，嵌套的终态会让案件停在那里。请把它移到顶层 states`,
      );
    }
    if (e.kind === 'history') {
      if (e.parent === null || e.parent.kind !== 'compound') {
        at(e.path, `历史状态 ${e.key} 须放在复合状态里：顶层的历史状态在 XState v5 中记不住任何状态`);
      }
      if (node.on !== undefined || node.states !== undefined) at(e.path, `历史状态 ${e.key} 只是返回点，不能有 on 或 states：请删除`);
    }
  }
  for (const e of entries) {
    for (const [event, value] of transitionsOf(e)) {
      for (const t of splitTransition(value, [...e.path, 'on', event])) {
        if (t.target === undefined || resolveTarget(entries, e, t.target, machineId)) continue;
        const elsewhere = entries.find((s) => s.key === t.target?.split('.').pop());
        const hint = elsewhere
          ? `${elsewhere.key} 不是它的同级状态：XState 从上一级找目标，请写成 "#${machineId ?? '流程id'}.${absoluteKeys(elsewhere)}"`
          : `请改为已有的状态（同级：${keys(e.parent ? e.parent.children : top)}；子状态写成 "父.子"）`;
        at(t.path, `${nameState(e)}的事件 ${event} 指向不存在的状态 ${t.target}：${hint}`);
      }
    }
  }
  for (const e of unreachable(raw, entries, machineId)) {
    at(e.path, `${nameState(e)}无法到达：从 initial 出发没有任何转换能进入它。请添加指向它的转换，或删除它`);
  }
  // Only a top-level final state ends a case (the machine is done); without one no case ever ends.
  if (top.length > 0 && !top.some((e) => e.kind === 'final')) {
    at(
      ['states'],
      '流程没有顶层的终态（"type": "final"）：案件永远无法结束。请保留或添加一个顶层终态（如 销档、撤档），并让某个转换指向它',
    );
  }
  return out;
}

function absoluteKeys(entry: StateEntry): string {
  const keys: string[] = [];
  for (let s: StateEntry | null = entry; s; s = s.parent) keys.unshift(s.key);
  return keys.join('.');
}

/** States no path of transitions reaches from the machine's initial state (history states excepted). */
function unreachable(raw: Record<string, unknown>, entries: readonly StateEntry[], machineId: string | undefined): StateEntry[] {
  const reached = new Set<StateEntry>();
  const entered = new Set<StateEntry>();
  const queue: StateEntry[] = [];
  const enter = (e: StateEntry | undefined) => {
    // Each state is entered once: a compound whose initial is its own history state would recurse forever.
    if (!e || entered.has(e)) return;
    entered.add(e);
    for (let s: StateEntry | null = e; s; s = s.parent) {
      if (reached.has(s)) continue;
      reached.add(s);
      queue.push(s);
    }
    if (e.kind === 'compound') enter(e.children.find((c) => c.key === e.node.initial));
    if (e.kind === 'history' && e.parent) enter(e.parent.children.find((c) => c.key === e.parent?.node.initial));
  };
  enter(entries.find((e) => e.parent === null && e.key === raw.initial));
  while (queue.length > 0) {
    const e = queue.shift() as StateEntry;
    for (const [event, value] of transitionsOf(e)) {
      for (const t of splitTransition(value, [event])) if (t.target !== undefined) enter(resolveTarget(entries, e, t.target, machineId));
    }
  }
  return raw.initial === undefined ? [] : entries.filter((e) => !reached.has(e) && e.kind !== 'history');
}
