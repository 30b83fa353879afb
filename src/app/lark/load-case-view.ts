// A case as its card shows it: the household (masked by the renderer), the officer, the state's
// title, deadline and buttons from the exact flow version the case runs.
import type { CardAction, FlowDefinition, StateMeta } from '../../core/flows/flow-types.ts';
import { indexFlowStates, type FlowState } from '../../core/flows/index-flow-states.ts';
import type { CaseView, DigestItem } from '../../lark/cards/card-views.ts';
import type { EngineDeps } from '../cases/engine-deps.ts';
import { loadCase, type LoadedCase } from '../cases/load-case.ts';

export async function loadCaseView(deps: EngineDeps, caseId: number): Promise<CaseView | null> {
  const c = await loadCase(deps.db, caseId);
  return c ? caseViewOf(deps, c) : null;
}

/** The card's view of a case already read (or just written: sendCaseEvent's result). */
export async function caseViewOf(deps: EngineDeps, c: LoadedCase): Promise<CaseView> {
  const { flow } = await deps.flows.get(c.flowId, c.flowVersion);
  const meta = stateIndexOf(flow).get(c.state)?.node.meta as StateMeta | undefined;
  // Buttons declared on a parent state (改派, 撤档 on 办理中) appear on each child's card already.
  const actions: CardAction[] = c.status === 'active' ? [...(meta?.card?.actions ?? [])] : [];
  return {
    caseId: c.id,
    archiveNo: c.household.archiveNo,
    headName: c.household.headName,
    regionName: c.household.region.name,
    officerName: c.household.officer?.name ?? null,
    officerOpenId: c.household.officer?.openId ?? null,
    state: c.state,
    stateTitle: meta?.title ?? c.state,
    deadlineAt: c.deadlineAt,
    actions,
    flowId: c.flowId,
    flowVersion: c.flowVersion,
    version: c.version,
  };
}

/** The title of a state in a case's flow version (for toasts: 「入户核实」). */
export async function stateTitle(deps: EngineDeps, flowId: string, version: number, state: string): Promise<string> {
  const { flow } = await deps.flows.get(flowId, version);
  return (stateIndexOf(flow).get(state)?.node.meta as StateMeta | undefined)?.title ?? state;
}

// A published version's states, indexed once: the catalog's flow objects are never changed.
const stateIndexes = new WeakMap<FlowDefinition, Map<string, FlowState>>();

function stateIndexOf(flow: FlowDefinition): Map<string, FlowState> {
  let index = stateIndexes.get(flow);
  if (!index) stateIndexes.set(flow, (index = indexFlowStates(flow)));
  return index;
}

/** Digest rows for cases already loaded with their household. */
export async function toDigestItems(
  deps: EngineDeps,
  cases: readonly {
    id: number;
    flowId: string;
    flowVersion: number;
    state: string;
    deadlineAt: Date | null;
    household: { archiveNo: string; headName: string };
  }[],
): Promise<DigestItem[]> {
  const items: DigestItem[] = [];
  for (const c of cases) {
    items.push({
      caseId: c.id,
      archiveNo: c.household.archiveNo,
      headName: c.household.headName,
      stateTitle: await stateTitle(deps, c.flowId, c.flowVersion, c.state),
      deadlineAt: c.deadlineAt,
    });
  }
  return items;
}
