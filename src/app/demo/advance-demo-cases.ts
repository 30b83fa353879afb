// The demo city's cases spread over the flow: some still at 入户核实, others moved on by their
// officer through 精准识别, 制定措施 and 落实帮扶 to 脱困验收, each step a real engine event with
// a filled-in form at its own moment in the past, so timelines, deadlines and cards look lived-in.
import type { Operator } from '../../core/engine/authorize-operator.ts';
import { findCardAction } from '../../core/flows/index-flow-states.ts';
import type { FormField } from '../../core/flows/flow-types.ts';
import { resolveOptions } from '../../core/flows/option-lists.ts';
import { localDate } from '../../core/time/local-date.ts';
import type { EngineDeps } from '../cases/engine-deps.ts';
import { sendCaseEvent } from '../cases/send-case-event.ts';

/** The officer's path through the default flow; a case takes the first `steps` of it. */
const PATH = ['VERIFIED', 'CLASSIFIED', 'PLANNED', 'IMPLEMENTED'] as const;

export async function advanceDemoCase(deps: EngineDeps, caseId: number, steps: number, openedAt: Date, now: Date): Promise<number> {
  if (steps <= 0) return 0;
  const c = await deps.db.case.findUniqueOrThrow({ where: { id: caseId }, include: { household: { include: { region: true } } } });
  if (c.household.officerId === null) return 0;
  const operator: Operator = { personId: c.household.officerId, role: 'officer', regionPath: c.household.region.path };
  const { flow } = await deps.flows.get(c.flowId, c.flowVersion);
  // Steps spread over the time the case has been open, at most a working day apart.
  const gap = Math.min(20 * 3600_000, (now.getTime() - openedAt.getTime()) / (steps + 1));
  let done = 0;
  for (const [i, event] of PATH.slice(0, steps).entries()) {
    const at = new Date(openedAt.getTime() + (i + 1) * gap);
    const state = (await deps.db.case.findUniqueOrThrow({ where: { id: caseId }, select: { state: true } })).state;
    const action = findCardAction(flow, state, event);
    const form = fillDemoForm(action?.form ?? [], localDate(at, deps.tz));
    const r = await sendCaseEvent(deps, { caseId, type: event, form, operator, source: 'card', now: at });
    if (!r.ok) break;
    done++;
  }
  return done;
}

/** Plausible values for a form: numbers in range, the first option(s), the day, a short note. */
export function fillDemoForm(fields: readonly FormField[], day: string): Record<string, unknown> {
  const form: Record<string, unknown> = {};
  for (const f of fields) {
    if (!f.required && f.type !== 'multi_select') continue;
    const options = resolveOptions(f.options);
    switch (f.type) {
      case 'number':
        form[f.name] = String(Math.max(f.min ?? 1, Math.min(f.max ?? 3, 3)));
        break;
      case 'select':
        if (options[0] !== undefined) form[f.name] = options[0];
        break;
      case 'multi_select':
        form[f.name] = options.slice(0, 2);
        break;
      case 'date':
        form[f.name] = day;
        break;
      case 'person':
        break;
      default:
        form[f.name] = '演示：已按要求办理';
    }
  }
  return form;
}
