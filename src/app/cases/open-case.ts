// Opens a household's case in a campaign: the flow's initial state, its clock and its timers.
// Opening twice for the same household and campaign returns the existing case.
import { createActor } from 'xstate';
import type { CaseClock } from '../../core/engine/case-clock.ts';
import type { FlowContext } from '../../core/flows/flow-types.ts';
import type { EngineDeps } from './engine-deps.ts';
import { enterState } from './enter-state.ts';
import { activeMeta, stateKey } from './snapshot-state.ts';
import { inTransaction } from '../../db/in-transaction.ts';

export interface OpenCaseInput {
  householdId: number;
  campaign: string;
  flowId: string;
  version?: number;
  cycle?: number;
  previousCaseId?: number;
  actor: string;
  source: string;
  now: Date;
}

export async function openCase(deps: EngineDeps, input: OpenCaseInput): Promise<{ caseId: number; created: boolean }> {
  const existing = await deps.db.case.findUnique({
    where: { householdId_campaign: { householdId: input.householdId, campaign: input.campaign } },
  });
  if (existing) return { caseId: existing.id, created: false };
  const flow = input.version ? await deps.flows.get(input.flowId, input.version) : await deps.flows.latest(input.flowId);
  const household = await deps.db.household.findUniqueOrThrow({ where: { id: input.householdId }, include: { region: true } });
  const actor = createActor(flow.machine, {
    input: {
      householdId: household.id,
      officerId: household.officerId === null ? null : String(household.officerId),
      regionPath: household.region.path,
      cycle: input.cycle ?? 1,
    },
  }).start();
  const snapshot = actor.getSnapshot();
  const persisted = actor.getPersistedSnapshot();
  actor.stop();
  const state = stateKey(snapshot.value);
  return inTransaction(deps.db, async (tx) => {
    const c = await tx.case.create({
      data: {
        householdId: household.id,
        campaign: input.campaign,
        flowId: input.flowId,
        flowVersion: flow.version,
        snapshot: persisted as object,
        state,
        regionId: household.regionId,
        stateEnteredAt: input.now,
        entrySeq: 1,
        previousCaseId: input.previousCaseId ?? null,
        createdAt: input.now,
        updatedAt: input.now,
      },
    });
    const entered = await enterState(
      deps,
      tx,
      { id: c.id, entrySeq: 1, clock: null, householdDeadline: household.deadline },
      state,
      activeMeta(snapshot),
      snapshot.context as FlowContext,
      input.now,
    );
    await tx.case.update({
      where: { id: c.id },
      data: { deadlineAt: entered.deadlineAt, clock: (entered.clock ?? undefined) as CaseClock as object | undefined },
    });
    await tx.auditEvent.create({
      data: {
        at: input.now,
        actor: input.actor,
        source: input.source,
        action: 'case.opened',
        caseId: c.id,
        householdId: household.id,
        toState: state,
        after: {
          flowId: input.flowId,
          version: flow.version,
          campaign: input.campaign,
          deadlineAt: entered.deadlineAt?.toISOString() ?? null,
        },
      },
    });
    return { caseId: c.id, created: true };
  });
}
