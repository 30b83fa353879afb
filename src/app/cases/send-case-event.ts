// send-case-event: one actor lifetime per request — restore the case's XState actor from its
// snapshot, send the event, persist the new snapshot under an optimistic lock, enter the new state
// (clock, deadline, timers), audit. A lost race is reported as a conflict, never a lost update.
import { createActor } from 'xstate';
import { AppError } from '../../core/app-error.ts';
import { authorizeOperator, type Operator } from '../../core/engine/authorize-operator.ts';
import type { CaseClock } from '../../core/engine/case-clock.ts';
import { checkFormValues } from '../../core/flows/check-form-values.ts';
import type { FlowContext, FlowEvent } from '../../core/flows/flow-types.ts';
import { addDuration } from '../../core/time/deadline-math.ts';
import { localDate } from '../../core/time/local-date.ts';
import type { EngineDeps, Tx } from './engine-deps.ts';
import { enqueueCardRefreshes } from '../lark/card-messages.ts';
import { planStateEntry, writeStateEntry } from './enter-state.ts';
import { loadCase, type LoadedCase } from './load-case.ts';
import { activeMeta, isFinal, stateKey } from './snapshot-state.ts';
import { inAtomicStep, type AtomicStep } from '../../db/in-transaction.ts';
import { insertAuditEvent } from '../../db/insert-audit-event.ts';
import { lockAndWriteCase } from '../../db/lock-and-write-case.ts';

export interface CaseEventInput {
  caseId: number;
  type: string;
  form?: Record<string, unknown>;
  /** A person, or 'system' for the scheduler and admin operations. */
  operator: Operator | 'system';
  source: 'card' | 'chat' | 'scheduler' | 'admin' | 'cli' | 'api';
  now: Date;
  /** The state the operator saw (a card's state): a different current state is reported as stale. */
  expectedState?: string;
  /** The case as the caller just read it (a card click reads it once): used by the first attempt. */
  case?: LoadedCase;
  /**
   * The Lark message that is answered with the case's card (a card click): recorded in the same
   * step as showing this case, so a later change patches it as a case card.
   */
  cardShownOn?: string;
}

export type CaseEventResult =
  | {
      ok: true;
      fromState: string;
      toState: string;
      changed: boolean;
      final: boolean;
      /** The case as this event left it, for an answer card without a read; null when its officer changed. */
      case: LoadedCase | null;
    }
  | { ok: false; code: 'forbidden' | 'no_transition' | 'form_invalid' | 'stale' | 'conflict'; message: string; state: string };

class LockLost extends Error {}

/** Extra writes that must commit together with the transition (e.g. marking the timer that sent it fired). */
export type AlongWith = (tx: Tx, step: AtomicStep) => Promise<void>;

export async function sendCaseEvent(
  deps: EngineDeps,
  input: CaseEventInput,
  attempts = 3,
  alongWith?: AlongWith,
): Promise<CaseEventResult> {
  for (let i = 1; ; i++) {
    try {
      return await attempt(deps, i === 1 ? input : { ...input, case: undefined }, alongWith);
    } catch (error) {
      if (!(error instanceof LockLost)) throw error;
      if (i >= attempts || input.expectedState !== undefined) {
        const current = await deps.db.case.findUniqueOrThrow({ where: { id: input.caseId }, select: { state: true } });
        return { ok: false, code: 'conflict', message: '同时有其他人处理了这户，以对方的操作为准：请查看最新状态', state: current.state };
      }
    }
  }
}

async function attempt(deps: EngineDeps, input: CaseEventInput, alongWith: AlongWith | undefined): Promise<CaseEventResult> {
  const c = input.case ?? (await loadCase(deps.db, input.caseId));
  if (!c) throw new AppError('not_found', `案件 ${input.caseId} 不存在`);
  const refuse = (code: 'forbidden' | 'no_transition' | 'form_invalid' | 'stale', message: string): CaseEventResult => ({
    ok: false,
    code,
    message,
    state: c.state,
  });
  if (input.expectedState !== undefined && input.expectedState !== c.state)
    return refuse('stale', `这张卡片已过期：本户现在处于「${c.state}」`);
  const loaded = await deps.flows.get(c.flowId, c.flowVersion);
  const actor = createActor(loaded.machine, { snapshot: c.snapshot as never, input: undefined as never }).start();
  try {
    const before = actor.getSnapshot();
    const meta = activeMeta(before);
    const action = meta?.card?.actions.find((a) => a.event === input.type);
    let event: FlowEvent;
    if (input.operator === 'system') {
      event = {
        type: input.type,
        actor: { personId: 'system', role: 'system', regionPath: '', isAssignedOfficer: false, isDelegate: false },
        form: input.form,
      };
    } else {
      const officer = c.household.officer;
      const auth = authorizeOperator(
        input.operator,
        { regionPath: c.household.region.path, officerId: c.household.officerId, delegateId: officer?.onLeave ? officer.delegateId : null },
        action,
      );
      if (!auth.ok) return refuse('forbidden', auth.reason);
      event = { type: input.type, actor: auth.actor, form: input.form };
    }
    if (action?.form) {
      const problems = checkFormValues(action.form, input.form);
      if (problems.length > 0) return refuse('form_invalid', problems.join('；'));
    }
    if (!before.can(event)) return refuse('no_transition', `「${meta?.title ?? c.state}」这一步不能执行这个操作（或条件不满足）`);
    actor.send(event);
    const after = actor.getSnapshot();
    const fromState = c.state;
    const toState = stateKey(after.value);
    const changed = toState !== fromState;
    const final = isFinal(after);
    const context = after.context as FlowContext;
    const persisted = actor.getPersistedSnapshot() as object;

    const entrySeq = changed ? c.entrySeq + 1 : c.entrySeq;
    // The new state's clock, deadline and timers are worked out before the step, so the case row
    // is written once, by the statement that takes the lock.
    const planned = changed
      ? planStateEntry(
          deps,
          { id: c.id, entrySeq, clock: c.clock as CaseClock | null, householdDeadline: c.household.deadline },
          toState,
          activeMeta(after),
          context,
          input.now,
        )
      : undefined;
    const entered = planned ?? { deadlineAt: c.deadlineAt, clock: c.clock as CaseClock | null };
    const newOfficer = context.officerId;
    const reassigned = newOfficer !== (before.context as FlowContext).officerId && newOfficer !== null && /^\d+$/.test(newOfficer);
    // One atomic step (on D1 one batch): the step's writes are not read back inside it.
    await inAtomicStep(deps.db, async (tx, step) => {
      // Take the optimistic lock first: a lost race must end before anything else is written.
      const locked = await lockAndWriteCase(tx, {
        id: c.id,
        version: c.version,
        snapshot: persisted,
        state: toState,
        entrySeq,
        status: final ? 'closed' : 'active',
        updatedAt: input.now,
        ...(planned
          ? { entered: { at: input.now, deadlineAt: final ? null : planned.deadlineAt, clock: (planned.clock ?? null) as object | null } }
          : {}),
      });
      await step.expectChanged(locked, 1, () => new LockLost());
      if (planned) await writeStateEntry(tx, c.id, planned, input.now);
      await alongWith?.(tx, step);
      // Cards showing this case elsewhere (digests, escalation cards, lookups) are patched in place;
      // the clicked message is recorded as showing this case.
      await enqueueCardRefreshes(tx, c.id, input.now, `v${c.version + 1}`, input.cardShownOn);
      // assignOfficer changed the case's officer (改派): the household follows, so reminders,
      // scope checks and reports see the new officer.
      if (reassigned) {
        await tx.household.updateMany({ where: { id: c.householdId }, data: { officerId: Number(newOfficer), updatedAt: input.now } });
        await tx.auditEvent.create({
          data: {
            at: input.now,
            actor: input.operator === 'system' ? 'scheduler' : `person:${input.operator.personId}`,
            source: input.source,
            action: 'household.reassigned',
            householdId: c.householdId,
            caseId: c.id,
            before: { officerId: c.household.officerId },
            after: { officerId: Number(newOfficer) },
          },
        });
      }
      const personId = input.operator === 'system' ? null : input.operator.personId;
      await insertAuditEvent(tx, {
        at: input.now,
        actor: personId === null ? 'scheduler' : `person:${personId}`,
        source: input.source,
        action: changed ? 'case.transition' : 'case.event',
        caseId: c.id,
        householdId: c.householdId,
        fromState,
        toState,
        after: {
          event: input.type,
          form: (input.form ?? null) as object | null,
          asDelegate: event.actor.isDelegate,
          deadlineAt: entered.deadlineAt?.toISOString() ?? null,
        },
      });
      if (final) {
        const reason = context.closure?.reason ?? activeMeta(after)?.title ?? toState;
        await tx.household.updateMany({
          where: { id: c.householdId },
          data: { closedOn: localDate(input.now, deps.tz), closedReason: reason, updatedAt: input.now },
        });
        await tx.timer.updateMany({ where: { caseId: c.id, status: 'pending' }, data: { status: 'cancelled' } });
        const next = activeMeta(after)?.nextCycle;
        if (next) {
          // The yearly re-verification: a timer opens the next cycle's case, carrying this one's history.
          const cycle = context.cycle + 1;
          await tx.timer.create({
            data: {
              key: `c${c.id}:next_cycle`,
              caseId: c.id,
              kind: 'next_cycle',
              dueAt: addDuration(input.now, next.after, deps.calendar, deps.tz),
              payload: {
                previousCaseId: c.id,
                householdId: c.householdId,
                campaign: nextCampaign(c.campaign, cycle),
                flowId: c.flowId,
                cycle,
              },
              createdAt: input.now,
            },
          });
        }
      }
    });
    const written: LoadedCase | null = reassigned
      ? null
      : {
          ...c,
          snapshot: persisted,
          state: toState,
          status: final ? 'closed' : 'active',
          entrySeq,
          deadlineAt: changed ? (final ? null : entered.deadlineAt) : c.deadlineAt,
          clock: changed ? (entered.clock ?? c.clock) : c.clock,
          version: c.version + 1,
        };
    return { ok: true, fromState, toState, changed, final, case: written };
  } finally {
    actor.stop();
  }
}

/** The campaign name of a household's next cycle: "2026户户清" → "2026户户清 第2轮". */
export function nextCampaign(campaign: string, cycle: number): string {
  return `${campaign.replace(/ 第\d+轮$/, '')} 第${cycle}轮`;
}
