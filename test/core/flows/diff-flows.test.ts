import { describe, expect, it } from 'vitest';
import { diffFlows } from '../../../src/core/flows/diff-flows.ts';
import type { FlowDefinition } from '../../../src/core/flows/flow-types.ts';
import { renderFlowDiff } from '../../../src/core/flows/render-flow-diff.ts';
import { validateFlow } from '../../../src/core/flows/validate-flow.ts';
import { defaultFlow, defaultFlowJson, working } from './flow-fixture.ts';
import type { FlowJson } from './flow-fixture.ts';

function variant(mutate: (f: FlowJson) => void): FlowDefinition {
  const json = defaultFlowJson();
  mutate(json);
  const result = validateFlow(JSON.stringify(json), 'v2.json');
  if (!result.ok) throw new Error(JSON.stringify(result.problems, null, 2));
  return result.flow;
}

describe('diffFlows', () => {
  const v1 = defaultFlow();

  it('finds nothing between a flow and itself', () => {
    expect(diffFlows(v1, v1)).toEqual([]);
    expect(renderFlowDiff(v1, v1, [])).toContain('没有变化');
  });

  it('reports a changed deadline, a new state with its transition and button, and a longer ladder', () => {
    const v2 = variant((f) => {
      f.version = 2;
      working(f).verifying.meta.deadline = { workdays: 15 };
      working(f).verifying.meta.escalate.push({ after: { workdays: 5 }, to: 'province_supervisor', urgent: true });
      f.states.follow_up = { meta: { title: '回访', deadline: { days: 30 } }, on: { FOLLOWED_UP: 'relieved' } };
      f.states.public_notice.on.NOTICE_PASSED.target = 'follow_up';
      f.states.public_notice.meta.card.actions[0].label = '公示无异议，回访';
    });
    const changes = diffFlows(v1, v2);
    expect(changes).toEqual(
      expect.arrayContaining([
        { kind: 'version', before: 1, after: 2 },
        { kind: 'deadline', state: 'verifying', title: '入户核实', before: { workdays: 10 }, after: { workdays: 15 } },
        expect.objectContaining({ kind: 'escalate', state: 'verifying' }),
        { kind: 'state_added', state: 'follow_up', title: '回访' },
        expect.objectContaining({ kind: 'transition_changed', state: 'public_notice', event: 'NOTICE_PASSED' }),
        expect.objectContaining({ kind: 'card_action_changed', state: 'public_notice', event: 'NOTICE_PASSED' }),
      ]),
    );
    const text = renderFlowDiff(v1, v2, changes);
    expect(text).toContain('huhuqing：版本 1 → 2');
    expect(text).toContain('入户核实（verifying）：期限 10 个工作日 → 15 个工作日');
    expect(text).toContain('逾期 5 个工作日 → 省督查员（加急）');
    expect(text).toContain('新增状态 follow_up（回访）');
    expect(text).toContain('转换 NOTICE_PASSED：→ relieved');
    expect(text).toContain('改为 → follow_up');
    expect(text).not.toContain('注意');
  });

  it('reports removed states and transitions, paused clocks, reminders and form fields', () => {
    const v2 = variant((f) => {
      f.version = 2;
      delete f.states.extension_review;
      for (const s of ['verifying', 'classifying', 'planning', 'implementing']) {
        delete working(f)[s].on.REQUEST_EXTENSION;
        working(f)[s].meta.card.actions = working(f)[s].meta.card.actions.filter((a: FlowJson) => a.event !== 'REQUEST_EXTENSION');
      }
      delete f.states.public_notice.meta.pauseClock;
      working(f).verifying.meta.remind = [{ before: { workdays: 2 } }];
      working(f).verifying.meta.card.actions[0].form.push({ name: 'income', label: '家庭月收入', type: 'number', min: 0 });
    });
    const text = renderFlowDiff(v1, v2, diffFlows(v1, v2));
    expect(text).toContain('删除状态 extension_review（延期审核）');
    expect(text).toContain('入户核实（verifying）：删除转换 REQUEST_EXTENSION');
    expect(text).toContain('删除按钮「申请延期」（REQUEST_EXTENSION）');
    expect(text).toContain('公示（public_notice）：停表 是 → 否');
    expect(text).toContain('提醒 期限前 3 个工作日、期限前 4 小时 → 期限前 2 个工作日');
    expect(text).toContain('按钮「已核实」（VERIFIED）：表单新增字段 income');
  });

  it('warns when the new version number does not increase', () => {
    const v2 = variant((f) => {
      working(f).verifying.meta.deadline = { workdays: 12 };
    });
    expect(renderFlowDiff(v1, v2, diffFlows(v1, v2))).toContain('新版本号应大于 1');
  });
});
