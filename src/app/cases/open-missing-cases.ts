// Opens a case in a campaign for every household on file (optionally in one region) that has none.
import type { EngineDeps } from './engine-deps.ts';
import { openCase } from './open-case.ts';

export async function openMissingCases(
  deps: EngineDeps,
  input: { campaign: string; flowId: string; regionPath?: string; actor: string; now: Date },
): Promise<{ opened: number }> {
  const households = await deps.db.household.findMany({
    where: {
      closedOn: null,
      cases: { none: { campaign: input.campaign } },
      ...(input.regionPath ? { region: { path: { startsWith: input.regionPath } } } : {}),
    },
    select: { id: true },
    orderBy: { id: 'asc' },
  });
  let opened = 0;
  for (const h of households) {
    const r = await openCase(deps, {
      householdId: h.id,
      campaign: input.campaign,
      flowId: input.flowId,
      actor: input.actor,
      source: 'admin',
      now: input.now,
    });
    if (r.created) opened++;
  }
  return { opened };
}
