// Resolves a transition target the way XState v5 does: "sibling" or "sibling.child" from the
// source's parent, ".child" from the source itself, "#machineId.path.to.state" from the root.
import type { StateEntry } from './walk-states.ts';

export function resolveTarget(
  entries: readonly StateEntry[],
  source: StateEntry,
  target: string,
  machineId: string | undefined,
): StateEntry | undefined {
  if (target.startsWith('#')) {
    const [id, ...rest] = target.slice(1).split('.');
    return id === machineId && rest.length > 0 ? descend(entries, null, rest) : undefined;
  }
  if (target.startsWith('.')) return descend(entries, source, target.slice(1).split('.'));
  return descend(entries, source.parent, target.split('.'));
}

function descend(entries: readonly StateEntry[], from: StateEntry | null, keys: string[]): StateEntry | undefined {
  let current: StateEntry | null = from;
  for (const key of keys) {
    const next: StateEntry | undefined = (current ? current.children : entries.filter((e) => e.parent === null)).find((e) => e.key === key);
    if (!next) return undefined;
    current = next;
  }
  return current ?? undefined;
}
