// What each named action does to the case context: pure reducers, wrapped in XState's assign by
// buildFlowMachine. Side effects (messages, timers) are the engine's: it reads what changed.
import { numberValue, textValue } from './check-form-values.ts';
import type { FlowContext, FlowEvent, FlowInput, StepParams } from './flow-types.ts';
import type { ActionName } from './registry.ts';

export type ActionReducer = (context: FlowContext, event: FlowEvent, params: StepParams) => Partial<FlowContext>;

export const registryActions: Record<ActionName, ActionReducer> = {
  assignOfficer: (context, event) => ({ officerId: textValue(event.form?.officer) ?? context.officerId }),
  recordForm: (context, event, { state }) =>
    event.form === undefined ? {} : { forms: { ...context.forms, [state]: { ...context.forms[state], ...event.form } } },
  extendDeadline: (context, event) => {
    // The supervisor's form may name the workdays; otherwise the officer's request is granted as asked.
    const requested = [...context.reasons]
      .reverse()
      .map((r) => numberValue(r.form.workdays))
      .find((n) => n !== null);
    const workdays = numberValue(event.form?.workdays) ?? requested ?? null;
    if (workdays === null || !Number.isInteger(workdays) || workdays <= 0) return {};
    const note = textValue(event.form?.note) ?? textValue(event.form?.reason);
    return { extensions: [...context.extensions, { workdays, note, personId: event.actor.personId }] };
  },
  recordReason: (context, event, { state }) => ({
    reasons: [
      ...context.reasons,
      { state, event: event.type, reason: textValue(event.form?.reason), personId: event.actor.personId, form: { ...event.form } },
    ],
  }),
  closeCase: (_context, event, { state }) => ({
    closure: {
      state,
      event: event.type,
      reason: textValue(event.form?.reason),
      note: textValue(event.form?.note),
      personId: event.actor.personId,
    },
  }),
  openNextCycle: (context) => ({ nextCycle: context.cycle + 1 }),
  notifySupervisors: (context, event, { state }) => ({
    notices: [...context.notices, { state, event: event.type, personId: event.actor.personId }],
  }),
};

export function initialFlowContext(input: FlowInput): FlowContext {
  return {
    householdId: input.householdId,
    officerId: input.officerId,
    regionPath: input.regionPath,
    cycle: input.cycle ?? 1,
    forms: {},
    reasons: [],
    extensions: [],
    closure: null,
    nextCycle: null,
    notices: [],
  };
}
