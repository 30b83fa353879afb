// What each named guard checks, from the operator in the event and the case context. Admins may do
// everything (product.md), so they pass the supervisor's guard too.
import { checkFormValues } from './check-form-values.ts';
import type { FlowActor, FlowContext, FlowDefinition, FlowEvent, StepParams } from './flow-types.ts';
import { findCardAction } from './index-flow-states.ts';
import type { GuardName } from './registry.ts';

export type GuardPredicate = (context: FlowContext, event: FlowEvent, params: StepParams) => boolean;

const withSlash = (path: string) => (path.endsWith('/') ? path : `${path}/`);

/** A supervisor whose region path ("/1/7/") is a prefix of the case's ("/1/7/42/"), or an admin. */
export function isSupervisorOfRegion(actor: FlowActor | undefined, caseRegionPath: string): boolean {
  if (actor?.role === 'admin') return true;
  if (actor?.role !== 'supervisor' || actor.regionPath === '') return false;
  return withSlash(caseRegionPath).startsWith(withSlash(actor.regionPath));
}

export function createRegistryGuards(flow: FlowDefinition): Record<GuardName, GuardPredicate> {
  return {
    isAssignedOfficer: (context, { actor }) =>
      actor !== undefined &&
      (actor.isAssignedOfficer || actor.isDelegate || (context.officerId !== null && actor.personId === context.officerId)),
    isSupervisorOfRegion: (context, { actor }) => isSupervisorOfRegion(actor, context.regionPath),
    isAdmin: (_context, { actor }) => actor?.role === 'admin',
    hasRequiredForm: (_context, event, { state }) => {
      const action = findCardAction(flow, state, event.type);
      return action?.form === undefined || checkFormValues(action.form, event.form).length === 0;
    },
  };
}
