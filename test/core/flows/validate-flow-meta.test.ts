import { describe, expect, it } from 'vitest';
import { expectProblem, problemsOf, working } from './flow-fixture.ts';

const classifying = 'states.working.states.classifying';

describe('validateFlow: meta rules', () => {
  it('refuses a non-final state without a deadline', () => {
    const problems = problemsOf((f) => {
      const meta = working(f).classifying.meta;
      delete meta.deadline;
      delete meta.remind;
      delete meta.escalate;
    });
    expectProblem(problems, `${classifying}.meta.deadline`, 'classifying', '精准识别', '没有期限', '"openEnded": true');
  });

  it('accepts a state without a deadline when it is marked openEnded', () => {
    const problems = problemsOf((f) => {
      const meta = working(f).classifying.meta;
      delete meta.deadline;
      delete meta.remind;
      delete meta.escalate;
      meta.openEnded = true;
    });
    expect(problems).toEqual([]);
  });

  it('refuses a deadline and openEnded together, and reminders or a ladder without a deadline', () => {
    expectProblem(
      problemsOf((f) => {
        working(f).classifying.meta.openEnded = true;
      }),
      `${classifying}.meta.openEnded`,
      'classifying',
      '只能选一个',
    );
    const problems = problemsOf((f) => {
      const meta = working(f).classifying.meta;
      delete meta.deadline;
      meta.openEnded = true;
    });
    expectProblem(problems, `${classifying}.meta.remind`, 'classifying', '提醒无从算起');
    expectProblem(problems, `${classifying}.meta.escalate`, 'classifying', '督办无从算起');
  });

  it('refuses final states with deadlines or card buttons', () => {
    const problems = problemsOf((f) => {
      f.states.relieved.meta.deadline = { workdays: 1 };
      f.states.relieved.meta.card = { actions: [{ event: 'REVERIFY', label: '再核实' }] };
    });
    expectProblem(problems, 'states.relieved.meta.deadline', 'relieved', '终态 relieved 不能有 deadline');
    expectProblem(problems, 'states.relieved.meta.card', 'relieved', '终态 relieved 不能有 card');
  });

  it('refuses deadlines on a compound state (they belong to its children)', () => {
    const problems = problemsOf((f) => {
      f.states.working.meta.deadline = { workdays: 30 };
    });
    expectProblem(problems, 'states.working.meta.deadline', 'working', '复合', '子状态');
  });

  it('refuses a state without a Chinese title', () => {
    const problems = problemsOf((f) => {
      delete working(f).planning.meta.title;
    });
    expectProblem(problems, 'states.working.states.planning.meta.title', 'planning', '缺少必填字段 title');
  });

  it('refuses an escalation ladder whose rungs do not climb', () => {
    const problems = problemsOf((f) => {
      working(f).classifying.meta.escalate[1].after = { workdays: 1 };
    });
    expectProblem(problems, `${classifying}.meta.escalate[1].after`, 'classifying', '第 2 级', '不晚于上一级');
  });

  it('refuses nextCycle outside a final state or naming a missing state', () => {
    expectProblem(
      problemsOf((f) => {
        f.states.relieved.meta.nextCycle.initial = 'verifyng';
      }),
      'states.relieved.meta.nextCycle.initial',
      'relieved',
      '非终态',
      'verifyng',
    );
    expectProblem(
      problemsOf((f) => {
        f.states.acceptance.meta.nextCycle = { after: { days: 365 }, initial: 'verifying' };
      }),
      'states.acceptance.meta.nextCycle',
      'acceptance',
      '只能写在终态上',
    );
  });
});
