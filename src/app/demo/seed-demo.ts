// The sandbox's demo city on first start: the roster (officers, supervisors, an admin, a 工作群 and
// a 督查组 per county), a few dozen households through the real importers, their cases opened at
// different times in the past so that some are due soon and some overdue, and one scheduler tick.
import { generateHouseholds, householdHeaders } from '../../demo/generate-households.ts';
import { generateRoster } from '../../demo/generate-roster.ts';
import { rosterHeaders, toRosterRows } from '../../demo/roster-format.ts';
import type { HouseholdBatchStore } from '../../core/ports/household-batch-store.ts';
import { localDate } from '../../core/time/local-date.ts';
import { rowsSource } from '../../files/rows-source.ts';
import type { EngineDeps } from '../cases/engine-deps.ts';
import { openCase } from '../cases/open-case.ts';
import { advanceDemoCase } from './advance-demo-cases.ts';
import { publishBundledFlows } from '../flows/publish-bundled-flows.ts';
import { importHouseholds } from '../households/import-households.ts';
import { importRoster } from '../roster/import-roster.ts';
import { runDueTimers } from '../timers/run-due-timers.ts';

export const demoCampaign = '户户清（演示）';

export async function seedDemo(
  deps: EngineDeps,
  households: HouseholdBatchStore,
  now: Date,
  count = 36,
): Promise<{ households: number; cases: number }> {
  const today = localDate(now, deps.tz);
  const roster = generateRoster({ seed: 1 });
  await importRoster(deps.db, rowsSource(rosterHeaders, toRosterRows(roster)), { dryRun: false, now, actor: 'demo', fileName: '演示名册' });
  const rows = [...generateHouseholds({ count, seed: 1, roster, today, overdueShare: 0.2 })];
  await importHouseholds({ db: deps.db, households }, async () => rowsSource(householdHeaders, rows), {
    dryRun: false,
    strict: false,
    now,
    today,
    actor: 'demo',
    fileName: '演示档案',
  });
  await publishBundledFlows(deps.db, now);
  const all = await deps.db.household.findMany({ orderBy: { id: 'asc' }, select: { id: true } });
  let cases = 0;
  for (const [i, h] of all.entries()) {
    // Opened 0–23 days ago: some cases are fresh, some due soon, some overdue and escalated.
    const openedAt = new Date(now.getTime() - (i % 24) * 24 * 3600_000 - 3600_000);
    const r = await openCase(deps, {
      householdId: h.id,
      campaign: demoCampaign,
      flowId: 'huhuqing',
      actor: 'demo',
      source: 'admin',
      now: openedAt,
    });
    if (!r.created) continue;
    cases++;
    // Every fifth case stays at 入户核实; the others have moved 1–4 steps on (fewer when fresh).
    const steps = Math.min(i % 5, Math.ceil((i % 24) / 4));
    await advanceDemoCase(deps, r.caseId, steps, openedAt, now);
  }
  // Catch up as a scheduler that had been running would have: deadlines passed, reminders sent,
  // escalations climbed. Each tick fires what the previous one scheduled, until nothing is due.
  for (let i = 0; i < 20; i++) if ((await runDueTimers(deps, now)).claimed === 0) break;
  return { households: all.length, cases };
}
