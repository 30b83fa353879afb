import { describe, it } from 'vitest';
import { expectProblem, problemsOf, working } from './flow-fixture.ts';

const verifying = 'states.working.states.verifying';

describe('validateFlow: structure', () => {
  it('refuses a state no transition reaches from the initial state', () => {
    const problems = problemsOf((f) => {
      f.states.orphan = { meta: { title: '孤儿', openEnded: true } };
    });
    expectProblem(problems, 'states.orphan', 'orphan', '状态 orphan（孤儿）', '无法到达');
  });

  it('refuses a transition to a state that does not exist', () => {
    const problems = problemsOf((f) => {
      working(f).verifying.on.VERIFIED.target = 'classifyin';
    });
    expectProblem(
      problems,
      `${verifying}.on.VERIFIED.target`,
      'verifying',
      '入户核实',
      'VERIFIED',
      '不存在的状态 classifyin',
      'classifying',
    );
  });

  it('refuses a string transition to a missing state, at the event path', () => {
    const problems = problemsOf((f) => {
      working(f).verifying.on.VERIFIED = 'nowhere';
    });
    expectProblem(problems, `${verifying}.on.VERIFIED`, 'verifying', '不存在的状态 nowhere');
  });

  it('explains how to reach a state on another level (XState looks from the parent)', () => {
    const problems = problemsOf((f) => {
      working(f).verifying.on.REQUEST_EXTENSION.target = 'extension_review';
    });
    expectProblem(problems, `${verifying}.on.REQUEST_EXTENSION.target`, 'verifying', '"#huhuqing.extension_review"');
  });

  it('refuses a missing initial state, and one that names no state', () => {
    expectProblem(
      problemsOf((f) => {
        delete f.initial;
      }),
      'initial',
      undefined,
      '缺少必填字段 initial',
    );
    expectProblem(
      problemsOf((f) => {
        f.initial = 'start';
      }),
      'initial',
      undefined,
      '不存在的状态 start',
      'working',
    );
  });

  it('refuses a compound state without initial, or whose initial is not its child', () => {
    expectProblem(
      problemsOf((f) => {
        delete f.states.working.initial;
      }),
      'states.working.initial',
      'working',
      '缺少 initial',
      'verifying',
    );
    expectProblem(
      problemsOf((f) => {
        f.states.working.initial = 'acceptance';
      }),
      'states.working.initial',
      'working',
      '不存在的子状态 acceptance',
    );
  });

  it('refuses the same state name twice in one flow', () => {
    const problems = problemsOf((f) => {
      working(f).acceptance = { meta: { title: '重复', openEnded: true } };
    });
    // The later one in the file is the duplicate.
    expectProblem(problems, 'states.acceptance', 'acceptance', '状态名 acceptance 重复', 'states.working.states.acceptance', '须唯一');
  });

  it('refuses a history state at the top level, where XState v5 remembers nothing', () => {
    const problems = problemsOf((f) => {
      f.states.back = { type: 'history' };
    });
    expectProblem(problems, 'states.back', 'back', '须放在复合状态里');
  });

  it('refuses transitions out of a final state', () => {
    const problems = problemsOf((f) => {
      f.states.relieved.on = { REVERIFY: '#huhuqing.working.verifying' };
    });
    expectProblem(problems, 'states.relieved.on', 'relieved', '终态 relieved 不能有转换', 'nextCycle');
  });
});
