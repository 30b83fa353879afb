// Reading an XState snapshot the way the engine needs it: the state as its leaf key,
// the deepest active state's meta, whether the machine reached a final state.
import type { StateMeta } from '../../core/flows/flow-types.ts';
import { leafStateKey } from '../../core/flows/index-flow-states.ts';

interface SnapshotLike {
  value: unknown;
  status: string;
  getMeta(): Record<string, unknown>;
}

/** The case's state as stored: the leaf state key ("verifying"; keys are unique across a flow). */
export function stateKey(value: unknown): string {
  return leafStateKey(value as string | Record<string, unknown>);
}

export function activeMeta(snapshot: SnapshotLike): StateMeta | undefined {
  const entries = Object.entries(snapshot.getMeta()).filter(([, m]) => m && typeof m === 'object' && 'title' in (m as object));
  entries.sort(([a], [b]) => b.split('.').length - a.split('.').length);
  return entries[0]?.[1] as StateMeta | undefined;
}

export function isFinal(snapshot: SnapshotLike): boolean {
  return snapshot.status === 'done';
}
