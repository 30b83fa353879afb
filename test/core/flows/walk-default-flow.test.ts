import type { Snapshot } from 'xstate';
import { describe, expect, it } from 'vitest';
import { buildFlowMachine } from '../../../src/core/flows/build-flow-machine.ts';
import type { FlowMachine } from '../../../src/core/flows/build-flow-machine.ts';
import { restoreFlowActor, startFlowActor } from '../../../src/core/flows/flow-actor.ts';
import type { FlowActor } from '../../../src/core/flows/flow-types.ts';
import { leafStateKey } from '../../../src/core/flows/index-flow-states.ts';
import { admin, caseRegion, defaultFlow, officer, supervisor } from './flow-fixture.ts';

const machine: FlowMachine = buildFlowMachine(defaultFlow());

const forms = {
  VERIFIED: { persons: 3, causes: ['收入低', '子女上学'], visit_date: '2020-03-02', co_visitor: '12' },
  CLASSIFIED: { causes: ['收入低', '子女上学'], tier: '深度困难' },
  PLANNED: { measures: ['就业帮扶', '助学帮扶'], responsible: '麒麟区总工会' },
  IMPLEMENTED: { summary: '妻子已就业，子女获助学金' },
} as const;

function openCase() {
  const actor = startFlowActor(machine, { householdId: 7, officerId: '11', regionPath: caseRegion });
  const send = (type: string, who: FlowActor, form?: Record<string, unknown>) => {
    actor.send({ type, actor: who, ...(form && { form }) });
    return leafStateKey(actor.getSnapshot().value);
  };
  const toImplementing = () => {
    send('VERIFIED', officer(), forms.VERIFIED);
    send('CLASSIFIED', officer(), forms.CLASSIFIED);
    return send('PLANNED', officer(), forms.PLANNED);
  };
  return { actor, send, toImplementing, context: () => actor.getSnapshot().context };
}

describe('walking the default flow', () => {
  it('goes from 入户核实 to 销档, recording each step’s form and opening the next cycle', () => {
    const c = openCase();
    expect(c.send('VERIFIED', officer(), forms.VERIFIED)).toBe('classifying');
    expect(c.send('CLASSIFIED', officer(), forms.CLASSIFIED)).toBe('planning');
    expect(c.send('PLANNED', officer(), forms.PLANNED)).toBe('implementing');
    expect(c.send('PROGRESS', officer(), { progress: '已推荐到社区岗位' })).toBe('implementing');
    expect(c.send('IMPLEMENTED', officer(), forms.IMPLEMENTED)).toBe('acceptance');
    expect(c.send('CONFIRM_RELIEF', supervisor(), { accepted_on: '2020-05-06' })).toBe('public_notice');
    expect(c.send('NOTICE_PASSED', supervisor(), { notice_end: '2020-05-13' })).toBe('relieved');
    const snapshot = c.actor.getSnapshot();
    expect(snapshot.status).toBe('done');
    expect(snapshot.context.forms.verifying).toMatchObject({ persons: 3, visit_date: '2020-03-02' });
    expect(snapshot.context.forms.classifying).toMatchObject({ tier: '深度困难' });
    expect(snapshot.context.forms.implementing).toMatchObject({ progress: '已推荐到社区岗位', summary: forms.IMPLEMENTED.summary });
    expect(snapshot.context.notices).toEqual([{ state: 'implementing', event: 'IMPLEMENTED', personId: '11' }]);
    expect(snapshot.context.closure).toMatchObject({ state: 'public_notice', event: 'NOTICE_PASSED', reason: null });
    expect(snapshot.context.nextCycle).toBe(2);
  });

  it('continues after a restore from a persisted snapshot, as the engine runs it', () => {
    const c = openCase();
    c.toImplementing();
    const persisted = JSON.parse(JSON.stringify(c.actor.getPersistedSnapshot())) as Snapshot<unknown>;
    c.actor.stop();
    const restored = restoreFlowActor(machine, persisted);
    restored.send({ type: 'IMPLEMENTED', actor: officer(), form: forms.IMPLEMENTED });
    expect(leafStateKey(restored.getSnapshot().value)).toBe('acceptance');
    expect(restored.getSnapshot().context.forms.planning).toMatchObject({ responsible: '麒麟区总工会' });
  });

  it('stays put when the form is incomplete or the wrong person presses the button', () => {
    const c = openCase();
    expect(c.send('VERIFIED', officer(), { persons: 3 })).toBe('verifying');
    c.toImplementing();
    c.send('IMPLEMENTED', officer(), forms.IMPLEMENTED);
    expect(c.send('CONFIRM_RELIEF', officer(), { accepted_on: '2020-05-06' })).toBe('acceptance');
    expect(c.send('CONFIRM_RELIEF', supervisor('/1/8/'), { accepted_on: '2020-05-06' })).toBe('acceptance');
    expect(c.send('CONFIRM_RELIEF', admin(), { accepted_on: '2020-05-06' })).toBe('public_notice');
  });

  it('sends a case back to 入户核实 with the supervisor’s reason, from acceptance and from a working step', () => {
    const c = openCase();
    c.toImplementing();
    c.send('IMPLEMENTED', officer(), forms.IMPLEMENTED);
    expect(c.send('SEND_BACK', supervisor(), { reason: '家庭收入核实有误' })).toBe('verifying');
    expect(c.context().reasons.at(-1)).toMatchObject({
      state: 'acceptance',
      event: 'SEND_BACK',
      reason: '家庭收入核实有误',
      personId: '21',
    });
    c.send('VERIFIED', officer(), forms.VERIFIED);
    expect(c.send('SEND_BACK', officer(), { reason: '自己退回' })).toBe('classifying');
    expect(c.send('SEND_BACK', supervisor(), { reason: '人口数有误' })).toBe('verifying');
  });

  it('returns from 延期审核 to the step that asked, with the granted workdays recorded', () => {
    const c = openCase();
    c.send('VERIFIED', officer(), forms.VERIFIED);
    c.send('CLASSIFIED', officer(), forms.CLASSIFIED);
    expect(c.send('REQUEST_EXTENSION', officer(), { workdays: 5, reason: '户主住院，无法入户' })).toBe('extension_review');
    expect(c.context().reasons.at(-1)).toMatchObject({ state: 'planning', event: 'REQUEST_EXTENSION', reason: '户主住院，无法入户' });
    expect(c.context().notices.at(-1)).toMatchObject({ state: 'planning', event: 'REQUEST_EXTENSION' });
    expect(c.send('GRANT_EXTENSION', supervisor(), { workdays: 3, note: '同意三天' })).toBe('planning');
    expect(c.context().extensions).toEqual([{ workdays: 3, note: '同意三天', personId: '21' }]);
    // Granted as asked when the supervisor names no number; refused with a reason.
    c.send('REQUEST_EXTENSION', officer(), { workdays: 4, reason: '再等等' });
    expect(c.send('GRANT_EXTENSION', supervisor(), {})).toBe('planning');
    expect(c.context().extensions.at(-1)).toMatchObject({ workdays: 4 });
    c.send('PLANNED', officer(), forms.PLANNED);
    c.send('REQUEST_EXTENSION', officer(), { workdays: 10, reason: '事多' });
    expect(c.send('REFUSE_EXTENSION', supervisor(), { reason: '理由不足' })).toBe('implementing');
    expect(c.context().reasons.at(-1)).toMatchObject({ state: 'extension_review', event: 'REFUSE_EXTENSION', reason: '理由不足' });
  });

  it('lets only the officer (or a delegate) ask for more time, and only a supervisor grant it', () => {
    const c = openCase();
    expect(c.send('REQUEST_EXTENSION', supervisor(), { workdays: 5, reason: '代申请' })).toBe('verifying');
    expect(
      c.send('REQUEST_EXTENSION', officer({ personId: '12', isAssignedOfficer: false, isDelegate: true }), { workdays: 5, reason: '代理' }),
    ).toBe('extension_review');
    expect(c.send('GRANT_EXTENSION', officer(), { workdays: 5 })).toBe('extension_review');
    expect(c.send('GRANT_EXTENSION', supervisor('/1/7/42/'), { workdays: 5 })).toBe('verifying');
  });

  it('closes a file with a reason (退休, 调离, 死亡, 不再符合条件), by a supervisor or an admin only', () => {
    const c = openCase();
    c.toImplementing();
    expect(c.send('CLOSE', officer(), { reason: '退休' })).toBe('implementing');
    expect(c.send('CLOSE', supervisor(), { reason: '退休', note: '2020年4月退休' })).toBe('closed');
    expect(c.actor.getSnapshot().status).toBe('done');
    expect(c.context().closure).toMatchObject({ event: 'CLOSE', reason: '退休', note: '2020年4月退休', personId: '21' });
    expect(c.context().nextCycle).toBeNull();

    const d = openCase();
    d.send('REQUEST_EXTENSION', officer(), { workdays: 5, reason: '户主去世，家属外出' });
    expect(d.send('CLOSE', admin(), { reason: '死亡' })).toBe('closed');
  });

  it('reassigns the officer without leaving the step', () => {
    const c = openCase();
    c.send('VERIFIED', officer(), forms.VERIFIED);
    expect(c.send('REASSIGN', supervisor(), { officer: '15', reason: '原责任人调岗' })).toBe('classifying');
    expect(c.context().officerId).toBe('15');
  });
});
