// Moving running cases to a new flow version: an explicit state mapping (old state → new state;
// states that exist in both map to themselves), a dry run that lists per case where it would land
// and the deadline it would get, then one audited operation. Never done silently by publishing.
import { createActor } from 'xstate';
import { AppError } from '../../core/app-error.ts';
import { enterStateClock } from '../../core/engine/case-clock.ts';
import type { FlowContext } from '../../core/flows/flow-types.ts';
import { caseStates, stateValueOf } from '../../core/flows/index-flow-states.ts';
import type { EngineDeps } from './engine-deps.ts';
import { enterState } from './enter-state.ts';
import { metaOfState } from './meta-of-state.ts';
import { inTransaction } from '../../db/in-transaction.ts';

export interface MigrationPlanRow {
  caseId: number;
  archiveNo: string;
  fromState: string;
  toState: string;
  deadlineAt: string | null;
}

export interface MigrationInput {
  flowId: string;
  fromVersion: number;
  toVersion: number;
  mapping: Record<string, string>;
  dryRun: boolean;
  actor: string;
  now: Date;
}

export async function migrateCases(deps: EngineDeps, input: MigrationInput): Promise<{ plan: MigrationPlanRow[]; migrated: number }> {
  const target = await deps.flows.get(input.flowId, input.toVersion);
  const targetStates = new Set(caseStates(target.flow).map((s) => s.key));
  const cases = await deps.db.case.findMany({
    where: { flowId: input.flowId, flowVersion: input.fromVersion, status: 'active' },
    include: { household: true },
    orderBy: { id: 'asc' },
  });
  const unmapped = [...new Set(cases.map((c) => c.state).filter((s) => !(input.mapping[s] ?? (targetStates.has(s) ? s : undefined))))];
  const badTargets = Object.values(input.mapping).filter((s) => !targetStates.has(s));
  if (unmapped.length > 0 || badTargets.length > 0) {
    const problems = [
      ...unmapped.map((s) => `状态「${s}」在第 ${input.toVersion} 版中不存在：请在映射中指定它对应的新状态（--map ${s}=新状态）`),
      ...badTargets.map((s) => `映射的目标状态「${s}」在第 ${input.toVersion} 版中不存在`),
    ];
    throw new AppError('invalid_argument', `迁移映射不完整：\n- ${problems.join('\n- ')}`, problems);
  }
  const plan: MigrationPlanRow[] = [];
  for (const c of cases) {
    const toState = input.mapping[c.state] ?? c.state;
    const meta = await metaOfState(deps, input.flowId, input.toVersion, toState);
    const { deadline } = enterStateClock({
      state: toState,
      meta,
      previous: null,
      enteredAt: input.now,
      householdDeadline: c.household.deadline,
      extensions: [],
      cal: deps.calendar,
      tz: deps.tz,
    });
    plan.push({ caseId: c.id, archiveNo: c.household.archiveNo, fromState: c.state, toState, deadlineAt: deadline?.toISOString() ?? null });
  }
  if (input.dryRun) return { plan, migrated: 0 };

  await inTransaction(deps.db, async (tx) => {
    for (const c of cases) {
      const toState = input.mapping[c.state] ?? c.state;
      const context = (c.snapshot as unknown as { context: FlowContext }).context;
      const resolved = target.machine.resolveState({ value: stateValueOf(target.flow, toState) as never, context });
      const actor = createActor(target.machine, { snapshot: resolved as never, input: undefined as never });
      const persisted = actor.getPersistedSnapshot() as object;
      const meta = await metaOfState(deps, input.flowId, input.toVersion, toState);
      const entrySeq = c.entrySeq + 1;
      const entered = await enterState(
        deps,
        tx,
        { id: c.id, entrySeq, clock: null, householdDeadline: c.household.deadline },
        toState,
        meta,
        context,
        input.now,
      );
      const updated = await tx.case.updateMany({
        where: { id: c.id, version: c.version },
        data: {
          flowVersion: input.toVersion,
          snapshot: persisted,
          state: toState,
          entrySeq,
          stateEnteredAt: input.now,
          deadlineAt: entered.deadlineAt,
          clock: (entered.clock ?? undefined) as object | undefined,
          version: { increment: 1 },
          updatedAt: input.now,
        },
      });
      if (updated.count !== 1) throw new AppError('case_conflict', `案件 ${c.id} 在迁移过程中被修改：请重新试运行后再迁移`);
      await tx.auditEvent.create({
        data: {
          at: input.now,
          actor: input.actor,
          source: 'admin',
          action: 'case.migrated',
          caseId: c.id,
          householdId: c.householdId,
          fromState: c.state,
          toState,
          before: { version: input.fromVersion },
          after: { version: input.toVersion, deadlineAt: entered.deadlineAt?.toISOString() ?? null },
        },
      });
    }
    await tx.auditEvent.create({
      data: {
        at: input.now,
        actor: input.actor,
        source: 'admin',
        action: 'cases.migrated',
        after: {
          flowId: input.flowId,
          fromVersion: input.fromVersion,
          toVersion: input.toVersion,
          mapping: input.mapping,
          cases: cases.length,
        },
      },
    });
  });
  return { plan, migrated: cases.length };
}
