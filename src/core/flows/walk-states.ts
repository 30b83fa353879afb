// Lists every state of a flow, however malformed the rest of the file: validation reports all
// problems at once, so the structural checks run on the raw JSON, not only on a parsed flow.
import { isRecord } from './json-path.ts';
import type { PathSegment } from './json-path.ts';

export type StateKind = 'atomic' | 'compound' | 'final' | 'history';

export interface StateEntry {
  key: string;
  /** JSON path of the state node, e.g. ['states', 'working', 'states', 'verifying']. */
  path: PathSegment[];
  node: Record<string, unknown>;
  kind: StateKind;
  /** The enclosing state, or null for top-level states (children of the machine). */
  parent: StateEntry | null;
  children: StateEntry[];
  title: string | undefined;
}

export function stateKind(node: Record<string, unknown>): StateKind {
  const type = node.type;
  if (type === 'final' || type === 'history' || type === 'compound' || type === 'atomic') return type;
  return isRecord(node.states) && Object.keys(node.states).length > 0 ? 'compound' : 'atomic';
}

/** Every state in document order (depth first), with its parent and children linked. */
export function walkStates(root: unknown): StateEntry[] {
  const all: StateEntry[] = [];
  const visit = (states: unknown, base: PathSegment[], parent: StateEntry | null): StateEntry[] => {
    if (!isRecord(states)) return [];
    const out: StateEntry[] = [];
    for (const [key, node] of Object.entries(states)) {
      if (!isRecord(node)) continue;
      const meta = node.meta;
      const title = isRecord(meta) && typeof meta.title === 'string' ? meta.title : undefined;
      const entry: StateEntry = { key, path: [...base, 'states', key], node, kind: stateKind(node), parent, children: [], title };
      all.push(entry);
      out.push(entry);
      entry.children = visit(node.states, entry.path, entry);
    }
    return out;
  };
  visit(isRecord(root) ? root.states : undefined, [], null);
  return all;
}

/** The state whose node holds a JSON path (the deepest `states.<key>` in it). */
export function stateAtPath(entries: readonly StateEntry[], path: readonly PathSegment[]): StateEntry | undefined {
  let best: StateEntry | undefined;
  for (const e of entries) {
    if (e.path.length <= path.length && e.path.every((seg, i) => path[i] === seg) && (!best || e.path.length > best.path.length)) best = e;
  }
  return best;
}

export function ancestorsOf(entry: StateEntry): StateEntry[] {
  const out: StateEntry[] = [];
  for (let p = entry.parent; p; p = p.parent) out.push(p);
  return out;
}

/** The transitions of a state as [event, transition value] pairs. */
export function transitionsOf(entry: StateEntry): [string, unknown][] {
  return isRecord(entry.node.on) ? Object.entries(entry.node.on) : [];
}

/** Each single transition of an `on` entry with its JSON path and its target string (if any). */
export function splitTransition(
  value: unknown,
  path: PathSegment[],
): { path: PathSegment[]; target: string | undefined; value: unknown }[] {
  if (typeof value === 'string') return [{ path, target: value, value }];
  if (Array.isArray(value)) return value.flatMap((v, i) => splitTransition(v, [...path, i]));
  if (isRecord(value)) return [{ path: [...path, 'target'], target: typeof value.target === 'string' ? value.target : undefined, value }];
  return [];
}
