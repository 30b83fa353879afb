import { describe, it } from 'vitest';
import { expectProblem, problemsOf, working } from './flow-fixture.ts';

const card = 'states.working.states.verifying.meta.card.actions';

describe('validateFlow: cards and forms', () => {
  it('refuses a button whose event has no transition in its state', () => {
    const problems = problemsOf((f) => {
      working(f).verifying.meta.card.actions.push({ event: 'SKIP', label: '跳过' });
    });
    expectProblem(problems, `${card}[4].event`, 'verifying', '「跳过」', 'SKIP', '没有 SKIP 的转换', '请在 on 里加上');
  });

  it('accepts a button whose transition is declared on the enclosing state', () => {
    // CLOSE and REASSIGN are on `working`; their buttons sit in each step's card.
    expectProblem(
      problemsOf((f) => {
        delete f.states.working.on.CLOSE;
      }),
      `${card}[3].event`,
      'verifying',
      '没有 CLOSE 的转换',
    );
  });

  it('refuses the same event twice on one card', () => {
    const problems = problemsOf((f) => {
      working(f).verifying.meta.card.actions.push({ event: 'VERIFIED', label: '再核实' });
    });
    expectProblem(problems, `${card}[4].event`, 'verifying', 'VERIFIED 出现了两次');
  });

  it('refuses duplicate field names in a form', () => {
    const problems = problemsOf((f) => {
      working(f).verifying.meta.card.actions[0].form[1].name = 'persons';
    });
    expectProblem(problems, `${card}[0].form[1].name`, 'verifying', '「已核实」', '字段名 persons 重复');
  });

  it('refuses a select without options, and options on a field that is not a select', () => {
    const problems = problemsOf((f) => {
      const form = working(f).verifying.meta.card.actions[0].form;
      delete form[1].options;
      form[4].options = ['好', '坏'];
    });
    expectProblem(problems, `${card}[0].form[1].options`, 'verifying', '字段 causes', '缺少 options', 'close_reasons');
    expectProblem(problems, `${card}[0].form[4].options`, 'verifying', '字段 notes', '不能写 options');
  });

  it('refuses an unknown option list name', () => {
    const problems = problemsOf((f) => {
      working(f).verifying.meta.card.actions[0].form[1].options = 'colors';
    });
    expectProblem(problems, `${card}[0].form[1].options`, 'verifying', '未知的选项清单', '「colors」', 'measures');
  });

  it('refuses min greater than max, and ranges or lengths on the wrong field types', () => {
    const problems = problemsOf((f) => {
      const form = working(f).verifying.meta.card.actions[0].form;
      form[0].min = 40;
      form[2].max = 3;
      form[0].maxLength = 2;
    });
    expectProblem(problems, `${card}[0].form[0].min`, 'verifying', 'min（40）大于 max（30）');
    expectProblem(problems, `${card}[0].form[2].max`, 'verifying', '字段 visit_date', '只有 number');
    expectProblem(problems, `${card}[0].form[0].maxLength`, 'verifying', '只有 text / textarea');
  });

  it('refuses an unknown field type and an unknown role', () => {
    const problems = problemsOf((f) => {
      working(f).verifying.meta.card.actions[0].form[0].type = 'integer';
      working(f).verifying.meta.card.actions[0].who = ['officer', 'mayor'];
    });
    expectProblem(problems, `${card}[0].form[0].type`, 'verifying', '未知的类型', '「integer」', 'multi_select');
    expectProblem(problems, `${card}[0].who[1]`, 'verifying', '未知的角色', '「mayor」');
  });
});
