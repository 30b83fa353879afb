// The meta of one state of a published flow version, by its state key.
import type { StateMeta } from '../../core/flows/flow-types.ts';
import { indexFlowStates } from '../../core/flows/index-flow-states.ts';
import type { EngineDeps } from './engine-deps.ts';

export async function metaOfState(deps: EngineDeps, flowId: string, version: number, state: string): Promise<StateMeta | undefined> {
  const { flow } = await deps.flows.get(flowId, version);
  return indexFlowStates(flow).get(state)?.node.meta as StateMeta | undefined;
}
