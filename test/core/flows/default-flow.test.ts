import { createActor, createMachine } from 'xstate';
import { describe, expect, it } from 'vitest';
import { buildFlowMachine } from '../../../src/core/flows/build-flow-machine.ts';
import { caseStates, leafStateKey, stateValueOf } from '../../../src/core/flows/index-flow-states.ts';
import { validateFlow } from '../../../src/core/flows/validate-flow.ts';
import { defaultFlow, defaultFlowJson, defaultFlowText } from './flow-fixture.ts';

describe('the default flow (flows/huhuqing.json)', () => {
  it('validates without problems', () => {
    const result = validateFlow(defaultFlowText, 'flows/huhuqing.json');
    expect(result.ok ? [] : result.problems).toEqual([]);
  });

  it('has the nine states a case can be in, each with a Chinese title', () => {
    const states = caseStates(defaultFlow());
    expect(states.map((s) => s.key)).toEqual([
      'verifying',
      'classifying',
      'planning',
      'implementing',
      'extension_review',
      'acceptance',
      'public_notice',
      'relieved',
      'closed',
    ]);
    for (const s of states) expect(s.title).toMatch(/[\u4e00-\u9fff]/);
  });

  it('is a machine config plain XState accepts as it is, $schema and meta included', () => {
    const machine = createMachine(defaultFlowJson() as Parameters<typeof createMachine>[0]);
    const actor = createActor(machine).start();
    expect(actor.getSnapshot().value).toEqual({ working: 'verifying' });
    expect(actor.getSnapshot().getMeta()['huhuqing.working.verifying']).toMatchObject({ title: '入户核实', deadline: { workdays: 10 } });
    actor.stop();
  });

  it('builds with the registry and starts in 入户核实 with the case context from the input', () => {
    const actor = createActor(buildFlowMachine(defaultFlow()), {
      input: { householdId: 7, officerId: '11', regionPath: '/1/7/42/' },
    }).start();
    const snapshot = actor.getSnapshot();
    expect(leafStateKey(snapshot.value)).toBe('verifying');
    expect(snapshot.context).toMatchObject({ householdId: 7, officerId: '11', regionPath: '/1/7/42/', cycle: 1, forms: {}, reasons: [] });
    actor.stop();
  });

  it('gives the state value of any state key, for restoring or migrating a case', () => {
    const flow = defaultFlow();
    expect(stateValueOf(flow, 'planning')).toEqual({ working: 'planning' });
    expect(stateValueOf(flow, 'acceptance')).toBe('acceptance');
    expect(stateValueOf(flow, 'nope')).toBeUndefined();
  });
});
