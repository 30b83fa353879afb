import { describe, expect, it } from 'vitest';
import { expectProblem, problemsOf, working } from './flow-fixture.ts';

const verifying = 'states.working.states.verifying';

describe('validateFlow: names from the registry and the shape of the file', () => {
  it('refuses an action that is not in the registry, naming the ones that are', () => {
    const problems = problemsOf((f) => {
      working(f).verifying.on.VERIFIED.actions = 'sendEmail';
    });
    expectProblem(problems, `${verifying}.on.VERIFIED.actions`, 'verifying', '未知的动作', '「sendEmail」', 'recordForm', 'extendDeadline');
  });

  it('refuses an unknown action inside a list, at its index', () => {
    const problems = problemsOf((f) => {
      working(f).verifying.on.REQUEST_EXTENSION.actions = ['recordReason', 'runScript'];
    });
    expectProblem(problems, `${verifying}.on.REQUEST_EXTENSION.actions[1]`, 'verifying', '未知的动作', '「runScript」');
  });

  it('refuses a guard that is not in the registry', () => {
    const problems = problemsOf((f) => {
      working(f).verifying.on.VERIFIED.guard = 'isBoss';
    });
    expectProblem(problems, `${verifying}.on.VERIFIED.guard`, 'verifying', '未知的条件', '「isBoss」', 'isSupervisorOfRegion');
  });

  it('refuses an escalation target that is not a rung of the ladder', () => {
    const problems = problemsOf((f) => {
      working(f).verifying.meta.escalate[1].to = 'mayor';
    });
    expectProblem(problems, `${verifying}.meta.escalate[1].to`, 'verifying', '未知的督办对象', '「mayor」', 'city_supervisor');
  });

  it('refuses malformed deadlines and durations with what shapes are allowed', () => {
    const problems = problemsOf((f) => {
      working(f).verifying.meta.deadline = { workdays: 0 };
      working(f).classifying.meta.deadline = { workdays: 5, days: 2 };
      working(f).planning.meta.deadline = { date: '2020-02-30' };
      working(f).implementing.meta.deadline = { weeks: 2 };
    });
    expectProblem(problems, `${verifying}.meta.deadline.workdays`, 'verifying', 'workdays 应不小于 1');
    expectProblem(problems, 'states.working.states.classifying.meta.deadline', 'classifying', '只有一个单位');
    expectProblem(problems, 'states.working.states.planning.meta.deadline.date', 'planning', '真实存在的日期', '2020-02-30');
    expectProblem(problems, 'states.working.states.implementing.meta.deadline', 'implementing', '{ "household": true }');
  });

  it('refuses XState features that would carry code or in-memory timers', () => {
    const problems = problemsOf((f) => {
      working(f).verifying.after = { 1000: 'classifying' };
      working(f).classifying.entry = 'doSomething';
    });
    expectProblem(problems, verifying, 'verifying', '不认识的字段 after', 'meta.deadline');
    expectProblem(problems, 'states.working.states.classifying', 'classifying', '不认识的字段 entry', '不写代码');
  });

  it('refuses state names XState cannot address', () => {
    const problems = problemsOf((f) => {
      f.states['Bad.Name'] = { meta: { title: '坏名字', openEnded: true } };
    });
    expect(problems.find((p) => p.path === 'states["Bad.Name"]')?.message).toContain('小写英文字母');
  });
});
