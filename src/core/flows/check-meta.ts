// The domain rules of each state's meta: titles, deadlines (or openEnded), reminders and ladders
// that need a deadline, what final and compound states may not carry, and nextCycle.
import type { FlowProblem } from './flow-types.ts';
import { isRecord } from './json-path.ts';
import { makeProblem, nameState } from './make-problem.ts';
import type { StateEntry } from './walk-states.ts';

const leafOnly = ['deadline', 'openEnded', 'remind', 'escalate', 'pauseClock', 'card'] as const;

export function checkMeta(entries: readonly StateEntry[]): FlowProblem[] {
  const out: FlowProblem[] = [];
  for (const e of entries) {
    if (e.kind === 'history') continue;
    const meta = isRecord(e.node.meta) ? e.node.meta : {};
    const at = (key: string, message: string) => out.push(makeProblem(entries, [...e.path, 'meta', key], message));
    if (meta.title === undefined) at('title', `状态 ${e.key} 缺少中文标题：请写 "meta": { "title": "…" }`);
    const has = (key: string) => meta[key] !== undefined;
    if (e.kind === 'final') {
      for (const key of leafOnly) if (has(key)) at(key, `终态 ${e.key} 不能有 ${key}：案件到终态即结束，请删除`);
    } else if (e.kind === 'compound') {
      for (const key of leafOnly) if (has(key)) at(key, `复合${nameState(e)}的 meta 只写 title：${key} 请写在各个子状态上`);
    } else {
      if (!has('deadline') && !has('openEnded')) {
        at(
          'deadline',
          `${nameState(e)}不是终态，却没有期限：请写 meta.deadline（如 { "workdays": 10 }），或写 "openEnded": true 表示不设期限`,
        );
      }
      if (has('deadline') && has('openEnded')) at('openEnded', `${nameState(e)}同时写了 deadline 和 openEnded：二者只能选一个`);
      for (const key of ['remind', 'escalate']) {
        if (has(key) && !has('deadline'))
          at(key, `${nameState(e)}没有 deadline，${key === 'remind' ? '提醒' : '督办'}无从算起：请加 meta.deadline，或删除 ${key}`);
      }
      checkLadder(e, meta.escalate, (i, message) => out.push(makeProblem(entries, [...e.path, 'meta', 'escalate', i, 'after'], message)));
    }
    if (has('nextCycle')) {
      if (e.kind !== 'final') at('nextCycle', `${nameState(e)}不是终态：nextCycle 只能写在终态上（如 销档）`);
      const initial = isRecord(meta.nextCycle) ? meta.nextCycle.initial : undefined;
      const target = entries.find((s) => s.key === initial);
      if (typeof initial === 'string' && (!target || target.kind === 'final' || target.kind === 'history')) {
        out.push(
          makeProblem(
            entries,
            [...e.path, 'meta', 'nextCycle', 'initial'],
            `${nameState(e)}的 nextCycle.initial 应为流程里的非终态（如 verifying），现在是 ${initial}`,
          ),
        );
      }
    }
  }
  return out;
}

/** Rungs measured in the same unit must climb: each waits longer than the one before. */
function checkLadder(entry: StateEntry, ladder: unknown, report: (index: number, message: string) => void): void {
  if (!Array.isArray(ladder)) return;
  let previous: [string, number] | undefined;
  ladder.forEach((rung: unknown, i) => {
    const after = isRecord(rung) && isRecord(rung.after) ? Object.entries(rung.after) : [];
    const [unit, amount] = after[0] ?? [];
    if (after.length !== 1 || typeof unit !== 'string' || typeof amount !== 'number') return;
    if (previous && previous[0] === unit && amount <= previous[1]) {
      report(
        i,
        `${nameState(entry)}的督办第 ${i + 1} 级（${amount} ${unit}）不晚于上一级（${previous[1]} ${unit}）：每一级应比上一级等得更久`,
      );
    }
    previous = [unit, amount];
  });
}
