// Property: validateFlow never throws, refuses with problems that each carry a JSON path and a
// Chinese message, and never accepts a flow that breaks the engine's invariants (flow-invariants.ts,
// written independently from docs/flows.md). An accepted flow also loads into XState and runs from
// its initial state: every event its states declare can be sent, the case only ever sits in a
// state of the flow, and each snapshot survives persist → restore.
import fc from 'fast-check';
import { createActor } from 'xstate';
import { describe, expect, it } from 'vitest';
import { buildFlowMachine } from '../../src/core/flows/build-flow-machine.ts';
import type { FlowActor, FlowDefinition } from '../../src/core/flows/flow-types.ts';
import { restoreFlowActor } from '../../src/core/flows/flow-actor.ts';
import { leafStateKey } from '../../src/core/flows/index-flow-states.ts';
import { resolveOptions } from '../../src/core/flows/option-lists.ts';
import { validateFlow } from '../../src/core/flows/validate-flow.ts';
import { defaultFlowText, flowPlan, flowText, type FlowPlan } from './arbitraries-flow.ts';
import { brokenInvariant, walk, type Node } from './flow-invariants.ts';
import { chinese } from './channel-app.ts';
import { runs } from './property-options.ts';

const admin: FlowActor = { personId: '1', role: 'admin', regionPath: '', isAssignedOfficer: true, isDelegate: false };

/** Values that satisfy a button's form, so hasRequiredForm lets the event through. */
function validForm(action: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  if (!Array.isArray(action?.form)) return undefined;
  const values: Record<string, unknown> = {};
  for (const f of action.form as Array<Record<string, unknown>>) {
    const name = f.name as string;
    if (f.type === 'number') values[name] = typeof f.min === 'number' ? f.min : typeof f.max === 'number' ? f.max : 1;
    else if (f.type === 'date') values[name] = '2025-10-13';
    else if (f.type === 'select') values[name] = resolveOptions(f.options as string[])[0];
    else if (f.type === 'multi_select') values[name] = resolveOptions(f.options as string[]).slice(0, 1);
    else if (f.type === 'person') values[name] = '11';
    else values[name] = '已核实';
  }
  return values;
}

/** Starts the flow's machine and sends up to `steps.length` events the active states declare. */
function run(flow: FlowDefinition, steps: number[]): void {
  const nodes = walk(flow as unknown as Record<string, unknown>);
  const byKey = new Map(nodes.map((n) => [n.key, n]));
  const machine = buildFlowMachine(flow);
  let actor = createActor(machine, { input: { householdId: 1, officerId: '11', regionPath: '/1/7/42/' } }).start();
  for (const step of steps) {
    const snapshot = actor.getSnapshot();
    expect(snapshot.status, `snapshot ${JSON.stringify(snapshot.value)}`).not.toBe('error');
    const leaf = byKey.get(leafStateKey(snapshot.value as string));
    expect(leaf, `the case sits in ${JSON.stringify(snapshot.value)}, not a state of the flow`).toBeDefined();
    expect(leaf?.kind === 'atomic' || leaf?.kind === 'final').toBe(true);
    if (snapshot.status === 'done') return;
    const declared: Array<[string, Node]> = [];
    for (let s: Node | null = leaf as Node; s; s = s.parent) for (const e of Object.keys((s.raw.on as object) ?? {})) declared.push([e, s]);
    const [event] = declared[step % Math.max(1, declared.length)] ?? [];
    if (event === undefined) return;
    const card = ((leaf as Node).raw.meta as { card?: { actions: Array<Record<string, unknown>> } } | undefined)?.card;
    actor.send({ type: event, actor: admin, form: validForm(card?.actions.find((a) => a.event === event)) });
    // One actor lifetime per request, as the engine does: persist, stop, restore.
    const persisted = actor.getPersistedSnapshot();
    actor.stop();
    actor = restoreFlowActor(machine, persisted as never);
    expect(actor.getSnapshot().value).toEqual(JSON.parse(JSON.stringify(persisted)).value);
  }
}

describe('validateFlow on generated variants of the default flow (fast-check)', () => {
  it('accepts the default flow itself, and the invariants hold for it (the oracle is not too strict)', () => {
    const result = validateFlow(defaultFlowText, 'flows/huhuqing.json');
    expect(result.ok).toBe(true);
    expect(brokenInvariant(defaultFlowText)).toBeNull();
  });

  it('never throws, explains every refusal in Chinese, and accepts only flows that keep the invariants and run', () => {
    let accepted = 0;
    let refused = 0;
    fc.assert(
      fc.property(flowPlan, fc.array(fc.nat(), { maxLength: 30 }), (plan: FlowPlan, steps: number[]) => {
        const text = flowText(plan);
        const result = validateFlow(text, 'variant.json');
        if (!result.ok) {
          refused++;
          expect(result.problems.length).toBeGreaterThan(0);
          for (const p of result.problems) {
            expect(typeof p.path).toBe('string');
            expect(p.message).toMatch(chinese);
          }
          return;
        }
        accepted++;
        expect(brokenInvariant(text), 'the validator accepted a flow that breaks an invariant').toBeNull();
        run(result.flow, steps);
      }),
      runs(300),
    );
    // Both sides must be exercised: harmless edits are accepted, the rest refused.
    expect(accepted).toBeGreaterThan(30);
    expect(refused).toBeGreaterThan(100);
  }, 120_000);
});
