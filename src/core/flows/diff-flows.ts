// What a new version of a flow changes, state by state: states added, removed or moved; the meta
// rules (title, deadline, reminders, ladder, paused clock…); transitions; card buttons and forms.
import type { CardAction, FlowDefinition, FlowTransition } from './flow-types.ts';
import { indexFlowStates } from './index-flow-states.ts';
import type { FlowState } from './index-flow-states.ts';

export type FlowChangeKind =
  | 'version'
  | 'initial'
  | 'state_added'
  | 'state_removed'
  | 'state_moved'
  | 'title'
  | 'deadline'
  | 'open_ended'
  | 'remind'
  | 'escalate'
  | 'pause_clock'
  | 'next_cycle'
  | 'transition_added'
  | 'transition_removed'
  | 'transition_changed'
  | 'card_action_added'
  | 'card_action_removed'
  | 'card_action_changed';

export interface FlowChange {
  kind: FlowChangeKind;
  state?: string;
  /** The state's title in the new version (the old one for a removed state). */
  title?: string;
  event?: string;
  before?: unknown;
  after?: unknown;
}

const metaKinds = [
  ['title', 'title'],
  ['deadline', 'deadline'],
  ['openEnded', 'open_ended'],
  ['remind', 'remind'],
  ['escalate', 'escalate'],
  ['pauseClock', 'pause_clock'],
  ['nextCycle', 'next_cycle'],
] as const;

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** A transition in one canonical shape, so "x" and { "target": "x" } compare equal. */
export function normalizeTransition(t: FlowTransition | undefined): { target?: string; guard?: string; actions: string[] }[] {
  if (t === undefined) return [];
  const list = typeof t === 'string' ? [{ target: t }] : Array.isArray(t) ? t : [t];
  return list.map((one) => {
    const actions = one.actions === undefined ? [] : Array.isArray(one.actions) ? one.actions : [one.actions];
    return { ...(one.target !== undefined && { target: one.target }), ...(one.guard !== undefined && { guard: one.guard }), actions };
  });
}

export function diffFlows(before: FlowDefinition, after: FlowDefinition): FlowChange[] {
  const changes: FlowChange[] = [];
  if (before.version !== after.version) changes.push({ kind: 'version', before: before.version, after: after.version });
  if (before.initial !== after.initial) changes.push({ kind: 'initial', before: before.initial, after: after.initial });
  const old = indexFlowStates(before);
  const now = indexFlowStates(after);
  for (const [key, s] of old) if (!now.has(key)) changes.push({ kind: 'state_removed', state: key, title: s.title ?? key });
  for (const [key, s] of now) {
    const title = s.title ?? key;
    const was = old.get(key);
    if (!was) {
      changes.push({ kind: 'state_added', state: key, title });
      continue;
    }
    const at = (kind: FlowChangeKind, extra: Partial<FlowChange>) => changes.push({ kind, state: key, title, ...extra });
    if (was.path.join('.') !== s.path.join('.')) at('state_moved', { before: was.path.join('.'), after: s.path.join('.') });
    for (const [field, kind] of metaKinds) {
      const a = was.node.meta?.[field];
      const b = s.node.meta?.[field];
      if (!same(a, b)) at(kind, { before: a, after: b });
    }
    diffTransitions(was, s, at);
    diffCards(was, s, at);
  }
  return changes;
}

function diffTransitions(was: FlowState, s: FlowState, at: (kind: FlowChangeKind, extra: Partial<FlowChange>) => void): void {
  const a = was.node.on ?? {};
  const b = s.node.on ?? {};
  for (const event of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const x = normalizeTransition(a[event]);
    const y = normalizeTransition(b[event]);
    if (x.length === 0) at('transition_added', { event, after: y });
    else if (y.length === 0) at('transition_removed', { event, before: x });
    else if (!same(x, y)) at('transition_changed', { event, before: x, after: y });
  }
}

function diffCards(was: FlowState, s: FlowState, at: (kind: FlowChangeKind, extra: Partial<FlowChange>) => void): void {
  const byEvent = (list: CardAction[] | undefined) => new Map((list ?? []).map((c) => [c.event, c]));
  const a = byEvent(was.node.meta?.card?.actions);
  const b = byEvent(s.node.meta?.card?.actions);
  for (const [event, card] of a) if (!b.has(event)) at('card_action_removed', { event, before: card });
  for (const [event, card] of b) {
    const old = a.get(event);
    if (!old) at('card_action_added', { event, after: card });
    else if (!same(old, card)) at('card_action_changed', { event, before: old, after: card });
  }
}
