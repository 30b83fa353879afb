// The types of flows as data (derived from the zod schema, the one source of truth) and of the
// machine built from them: the case context, the events the engine sends, the problems validation lists.
import type { z } from 'zod';
import type { flowSchema, stateNodeSchema, transitionObjectSchema, transitionSchema } from './flow-schema.ts';
import type {
  cardActionSchema,
  deadlineSchema,
  durationSchema,
  escalationRungSchema,
  formFieldSchema,
  reminderSchema,
  stateMetaSchema,
} from './state-meta-schema.ts';
import type { CardRole } from './registry.ts';

export type FlowDefinition = z.output<typeof flowSchema>;
export type FlowStateNode = z.output<typeof stateNodeSchema>;
export type FlowTransition = z.output<typeof transitionSchema>;
export type FlowTransitionObject = z.output<typeof transitionObjectSchema>;
export type StateMeta = z.output<typeof stateMetaSchema>;
export type CardAction = z.output<typeof cardActionSchema>;
export type FormField = z.output<typeof formFieldSchema>;
/** Exactly one unit: { workdays: n } | { days: n } | { hours: n } | { minutes: n }. */
export type Duration = z.output<typeof durationSchema>;
/** A Duration, { date: 'YYYY-MM-DD' }, or { household: true } (the household's own 脱困时限). */
export type Deadline = z.output<typeof deadlineSchema>;
export type Reminder = z.output<typeof reminderSchema>;
export type EscalationRung = z.output<typeof escalationRungSchema>;

/** One problem of a flow file: where (JSON path, state key and title) and what to fix, in Chinese. */
export interface FlowProblem {
  path: string;
  state?: string;
  title?: string;
  line?: number;
  column?: number;
  message: string;
}

export type ValidateFlowResult = { ok: true; flow: FlowDefinition } | { ok: false; problems: FlowProblem[] };

/** Who sent an event. The engine computes the flags from the case and the roster; 'system' is the scheduler. */
export interface FlowActor {
  personId: string;
  role: CardRole | 'system';
  /** The region path of the person, e.g. "/1/7/" (a city); "" for none. */
  regionPath: string;
  isAssignedOfficer: boolean;
  isDelegate: boolean;
}

/** Every event sent to a flow machine: a card button (with its form values), a chat command, a timer. */
export interface FlowEvent {
  type: string;
  actor: FlowActor;
  form?: Record<string, unknown>;
}

export interface FlowReason {
  state: string;
  event: string;
  reason: string | null;
  personId: string;
  form: Record<string, unknown>;
}

export interface FlowExtension {
  workdays: number;
  note: string | null;
  personId: string;
}

export interface FlowClosure {
  state: string;
  event: string;
  reason: string | null;
  note: string | null;
  personId: string;
}

export interface FlowNotice {
  state: string;
  event: string;
  personId: string;
}

/** The case a machine carries (persisted in the snapshot). Registry actions only append or replace. */
export interface FlowContext {
  householdId: number;
  officerId: string | null;
  /** The household's region path, e.g. "/1/7/42/": a supervisor's path is a prefix of it. */
  regionPath: string;
  /** 1 for the first campaign; each yearly re-verification opens cycle + 1 as a new case. */
  cycle: number;
  /** Form values by the state whose transition recorded them (recordForm); a later value replaces. */
  forms: Record<string, Record<string, unknown>>;
  reasons: FlowReason[];
  extensions: FlowExtension[];
  closure: FlowClosure | null;
  /** Set by openNextCycle: the cycle the engine should open (see the final state's meta.nextCycle). */
  nextCycle: number | null;
  /** Appended by notifySupervisors: the engine sends one message per new entry. */
  notices: FlowNotice[];
}

/** What the engine passes to createActor(machine, { input }) when it opens a case. */
export interface FlowInput {
  householdId: number;
  officerId: string | null;
  regionPath: string;
  cycle?: number;
}

/** The parameters buildFlowMachine gives every named action and guard: the state whose `on` holds the transition. */
export interface StepParams {
  state: string;
}
