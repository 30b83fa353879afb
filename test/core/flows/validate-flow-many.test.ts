import { describe, expect, it } from 'vitest';
import { validateFlow } from '../../../src/core/flows/validate-flow.ts';
import { problemsOf, working } from './flow-fixture.ts';

describe('validateFlow: every problem at once', () => {
  it('lists schema, structure, meta and card problems together, each with its path and state', () => {
    const problems = problemsOf((f) => {
      working(f).verifying.on.VERIFIED.guard = 'isBoss'; // schema
      working(f).classifying.on.CLASSIFIED.target = 'plannning'; // structure (and planning becomes unreachable)
      delete working(f).implementing.meta.deadline; // meta (reminders and ladder lose their deadline too)
      f.states.acceptance.meta.card.actions[0].form[0].type = 'select'; // a select without options
      f.states.relieved.meta.deadline = { days: 1 }; // a final state with a deadline
    });
    const byPath = Object.fromEntries(problems.map((p) => [p.path, p.state]));
    expect(byPath).toMatchObject({
      'states.working.states.verifying.on.VERIFIED.guard': 'verifying',
      'states.working.states.classifying.on.CLASSIFIED.target': 'classifying',
      'states.working.states.planning': 'planning',
      'states.working.states.implementing.meta.deadline': 'implementing',
      'states.working.states.implementing.meta.remind': 'implementing',
      'states.working.states.implementing.meta.escalate': 'implementing',
      'states.acceptance.meta.card.actions[0].form[0].options': 'acceptance',
      'states.relieved.meta.deadline': 'relieved',
    });
    expect(problems.length).toBeGreaterThanOrEqual(8);
    for (const p of problems) expect(p.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('still checks the structure of a file whose schema is broken in many places', () => {
    const result = validateFlow(JSON.stringify({ id: 'x', version: 0, initial: 'a', states: { a: { on: { GO: 'b' } } } }), 'x.json');
    expect(result.ok).toBe(false);
    const paths = result.ok ? [] : result.problems.map((p) => p.path);
    expect(paths).toEqual(expect.arrayContaining(['version', 'states.a.on.GO', 'states.a.meta.title', 'states.a.meta.deadline']));
  });

  it('says the top level must be an object', () => {
    const result = validateFlow('[1, 2]', 'list.json');
    expect(result.ok ? [] : result.problems).toEqual([
      expect.objectContaining({ path: '', message: expect.stringContaining('顶层应为对象') }),
    ]);
  });
});
