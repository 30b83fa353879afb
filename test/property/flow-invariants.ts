// The engine's invariants of a flow file, written from docs/flows.md without the validator's code:
// what a flow must satisfy for the engine to run it. Returns the first broken invariant, or null.
// Deliberately plain: a second, independent reading of the rules, for the property to hold the
// validator to ("accepted ⇒ these hold").

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const only = (o: Obj, keys: readonly string[]) => Object.keys(o).every((k) => keys.includes(k));

const guards = ['isAssignedOfficer', 'isSupervisorOfRegion', 'isAdmin', 'hasRequiredForm'];
const actions = ['assignOfficer', 'recordForm', 'extendDeadline', 'recordReason', 'closeCase', 'openNextCycle', 'notifySupervisors'];
const roles = ['officer', 'supervisor', 'admin'];
const ladderTargets = ['officer', 'inspection_group', 'county_supervisor', 'city_supervisor', 'province_supervisor'];
const fieldTypes = ['text', 'textarea', 'number', 'date', 'select', 'multi_select', 'person'];
const optionLists = ['causes', 'tiers', 'measures', 'close_reasons'];
const units = ['workdays', 'days', 'hours', 'minutes'];

export interface Node {
  key: string;
  raw: Obj;
  kind: 'atomic' | 'compound' | 'final' | 'history';
  parent: Node | null;
  children: Node[];
}

/** Duplicate keys in one JSON object: a parser keeps the last one and silently drops the rest. */
export function duplicateKey(text: string): string | null {
  const stack: Array<Set<string> | null> = [];
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      let j = i + 1;
      while (text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      const top = stack[stack.length - 1];
      if (top && expectKey) {
        const key = JSON.parse(text.slice(i, j + 1)) as string;
        if (top.has(key)) return key;
        top.add(key);
        expectKey = false;
      }
      i = j;
    } else if (c === '{') {
      stack.push(new Set());
      expectKey = true;
    } else if (c === '[') stack.push(null);
    else if (c === '}' || c === ']') stack.pop();
    else if (c === ',') expectKey = stack[stack.length - 1] !== null && stack.length > 0;
  }
  return null;
}

function isDuration(d: unknown): d is Obj {
  if (!isObj(d) || Object.keys(d).length !== 1) return false;
  const [unit, n] = Object.entries(d)[0] as [string, unknown];
  return units.includes(unit) && Number.isInteger(n) && (n as number) >= 1 && (n as number) <= 100_000;
}

function isCalendarDate(s: unknown): boolean {
  if (typeof s !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

function isDeadline(d: unknown): boolean {
  if (isDuration(d)) return true;
  if (!isObj(d) || Object.keys(d).length !== 1) return false;
  return ('date' in d && isCalendarDate(d.date)) || ('household' in d && d.household === true);
}

export function walk(flow: Obj): Node[] {
  const all: Node[] = [];
  const visit = (states: unknown, parent: Node | null): Node[] =>
    Object.entries(isObj(states) ? states : {}).map(([key, raw]) => {
      const r = isObj(raw) ? raw : {};
      const hasChildren = isObj(r.states) && Object.keys(r.states).length > 0;
      const kind = (typeof r.type === 'string' ? r.type : hasChildren ? 'compound' : 'atomic') as Node['kind'];
      const node: Node = { key, raw: r, kind, parent, children: [] };
      all.push(node);
      node.children = visit(r.states, node);
      return node;
    });
  visit(flow.states, null);
  return all;
}

/** XState v5 target resolution: "#id.path" from the root, ".child" from the source, else from the source's parent. */
export function resolve(nodes: Node[], flowId: unknown, from: Node, target: string): Node | undefined {
  let scope: Node[];
  let path: string[];
  if (target.startsWith('#')) {
    const [id, ...rest] = target.slice(1).split('.');
    if (id !== flowId || rest.length === 0) return undefined;
    scope = nodes.filter((n) => n.parent === null);
    path = rest;
  } else if (target.startsWith('.')) {
    scope = from.children;
    path = target.slice(1).split('.');
  } else {
    scope = from.parent ? from.parent.children : nodes.filter((n) => n.parent === null);
    path = target.split('.');
  }
  let found: Node | undefined;
  for (const key of path) {
    found = scope.find((n) => n.key === key);
    if (!found) return undefined;
    scope = found.children;
  }
  return found;
}

export function transitionList(value: unknown): Obj[] | null {
  if (typeof value === 'string') return value === '' ? null : [{ target: value }];
  if (isObj(value)) return [value];
  if (Array.isArray(value) && value.length > 0 && value.every(isObj)) return value as Obj[];
  return null;
}

/** The first invariant the flow breaks, in words; null when it satisfies all of them. */
export function brokenInvariant(text: string): string | null {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  let flow: unknown;
  try {
    flow = JSON.parse(body);
  } catch {
    return 'not JSON';
  }
  const dup = duplicateKey(body);
  if (dup !== null) return `key ${dup} twice in one object`;
  if (!isObj(flow)) return 'not an object';
  if (!only(flow, ['$schema', 'id', 'version', 'description', 'initial', 'states'])) return 'unknown top-level key';
  if (typeof flow.id !== 'string' || !/^[a-z][a-z0-9_-]*$/.test(flow.id)) return 'bad id';
  if (!Number.isInteger(flow.version) || (flow.version as number) < 1) return 'bad version';
  if (flow.description !== undefined && typeof flow.description !== 'string') return 'bad description';
  if (flow.$schema !== undefined && typeof flow.$schema !== 'string') return 'bad $schema';
  if (!isObj(flow.states) || Object.keys(flow.states).length === 0) return 'no states';
  const nodes = walk(flow);
  const seen = new Set<string>();
  for (const n of nodes) {
    if (seen.has(n.key)) return `state ${n.key} twice`;
    seen.add(n.key);
    if (!/^[a-z][a-z0-9_]*$/.test(n.key)) return `bad state name ${n.key}`;
    const r = n.raw;
    if (!isObj(n.parent ? (n.parent.raw.states as Obj)[n.key] : (flow.states as Obj)[n.key])) return `state ${n.key} is not an object`;
    if (!only(r, ['type', 'initial', 'history', 'description', 'meta', 'on', 'states']))
      return `state ${n.key} has a key XState or the engine refuses`;
    if (!['atomic', 'compound', 'final', 'history'].includes(n.kind)) return `state ${n.key} has type ${String(r.type)}`;
    if (r.description !== undefined && typeof r.description !== 'string') return `state ${n.key} description`;
    if (r.states !== undefined && !isObj(r.states)) return `state ${n.key} states is not an object`;
    if (n.kind === 'compound') {
      if (n.children.length === 0) return `compound ${n.key} without children`;
      if (!n.children.some((c) => c.key === r.initial && c.kind !== 'history')) return `compound ${n.key} initial is not one of its steps`;
    } else {
      if (n.children.length > 0) return `${n.kind} ${n.key} has children`;
      if (r.initial !== undefined) return `${n.kind} ${n.key} has initial`;
    }
    if (n.kind === 'final') {
      if (r.on !== undefined && !(isObj(r.on) && Object.keys(r.on).length === 0)) return `final ${n.key} has transitions`;
      if (n.parent !== null) return `final ${n.key} inside ${n.parent.key} never ends the case`;
    }
    if (n.kind === 'history') {
      if (n.parent?.kind !== 'compound') return `history ${n.key} not inside a compound state`;
      if (r.on !== undefined || r.states !== undefined) return `history ${n.key} has on/states`;
      if (r.history !== undefined && r.history !== 'shallow' && r.history !== 'deep') return `history ${n.key} kind`;
    } else if (r.history !== undefined) return `${n.key} has history but is not a history state`;
    const problem = checkTransitions(nodes, flow.id, n) ?? checkMeta(nodes, flow.id, n);
    if (problem) return problem;
  }
  const top = nodes.filter((n) => n.parent === null);
  const initial = top.find((n) => n.key === flow.initial);
  if (!initial) return 'initial is not a top-level state';
  const reached = reachable(nodes, flow.id, initial);
  const unreached = nodes.find((n) => n.kind !== 'history' && !reached.has(n));
  if (unreached) return `state ${unreached.key} unreachable`;
  if (!top.some((n) => n.kind === 'final' && reached.has(n))) return 'no reachable final state';
  return null;
}

function checkTransitions(nodes: Node[], flowId: unknown, n: Node): string | null {
  if (n.raw.on === undefined) return null;
  if (!isObj(n.raw.on)) return `${n.key}.on is not an object`;
  for (const [event, value] of Object.entries(n.raw.on)) {
    if (event === '') return `${n.key} has an empty event name`;
    const list = transitionList(value);
    if (!list) return `${n.key}.on.${event} is not a transition`;
    for (const t of list) {
      if (!only(t, ['target', 'guard', 'actions', 'reenter', 'description'])) return `${n.key}.on.${event} has an unknown key`;
      if (t.target !== undefined && (typeof t.target !== 'string' || t.target === '' || !resolve(nodes, flowId, n, t.target)))
        return `${n.key}.on.${event} target ${String(t.target)} does not exist`;
      if (t.guard !== undefined && !guards.includes(t.guard as string)) return `${n.key}.on.${event} guard ${String(t.guard)}`;
      const acts = t.actions === undefined ? [] : Array.isArray(t.actions) ? t.actions : [t.actions];
      if (!acts.every((a) => actions.includes(a as string))) return `${n.key}.on.${event} actions`;
      if (t.reenter !== undefined && typeof t.reenter !== 'boolean') return `${n.key}.on.${event} reenter`;
      if (t.description !== undefined && typeof t.description !== 'string') return `${n.key}.on.${event} description`;
    }
  }
  return null;
}

function handles(n: Node, event: string): boolean {
  for (let s: Node | null = n; s; s = s.parent) if (isObj(s.raw.on) && event in s.raw.on) return true;
  return false;
}

function checkMeta(nodes: Node[], flowId: unknown, n: Node): string | null {
  if (n.kind === 'history') return n.raw.meta === undefined ? null : `history ${n.key} has meta`;
  const meta = n.raw.meta;
  if (!isObj(meta)) return `${n.key} has no meta`;
  if (!only(meta, ['title', 'description', 'deadline', 'openEnded', 'remind', 'escalate', 'pauseClock', 'card', 'nextCycle']))
    return `${n.key}.meta has an unknown key`;
  if (typeof meta.title !== 'string' || meta.title === '') return `${n.key} has no title`;
  if (meta.description !== undefined && typeof meta.description !== 'string') return `${n.key} meta.description`;
  const leafOnly = ['deadline', 'openEnded', 'remind', 'escalate', 'pauseClock', 'card'];
  if (n.kind !== 'atomic' && leafOnly.some((k) => meta[k] !== undefined)) return `${n.kind} ${n.key} carries step rules`;
  if (meta.nextCycle !== undefined) {
    if (n.kind !== 'final') return `${n.key} has nextCycle but is not final`;
    const next = meta.nextCycle;
    if (!isObj(next) || !only(next, ['after', 'initial']) || !isDuration(next.after)) return `${n.key}.nextCycle`;
    const start = nodes.find((s) => s.key === next.initial);
    if (!start || start.kind === 'final' || start.kind === 'history') return `${n.key}.nextCycle.initial ${String(next.initial)}`;
  }
  if (n.kind !== 'atomic') return null;
  if ((meta.deadline === undefined) === (meta.openEnded === undefined)) return `${n.key} needs exactly one of deadline and openEnded`;
  if (meta.openEnded !== undefined && meta.openEnded !== true) return `${n.key}.openEnded`;
  if (meta.deadline !== undefined && !isDeadline(meta.deadline)) return `${n.key}.deadline ${JSON.stringify(meta.deadline)} does not parse`;
  if (meta.pauseClock !== undefined && meta.pauseClock !== true) return `${n.key}.pauseClock`;
  if (meta.remind !== undefined) {
    if (!Array.isArray(meta.remind) || meta.remind.length === 0 || meta.deadline === undefined) return `${n.key}.remind`;
    if (!meta.remind.every((r) => isObj(r) && only(r, ['before']) && isDuration(r.before))) return `${n.key}.remind duration`;
  }
  if (meta.escalate !== undefined) {
    if (!Array.isArray(meta.escalate) || meta.escalate.length === 0 || meta.deadline === undefined) return `${n.key}.escalate`;
    let previous: [string, number] | null = null;
    for (const rung of meta.escalate as unknown[]) {
      if (!isObj(rung) || !only(rung, ['after', 'to', 'urgent', 'repeat']) || !isDuration(rung.after)) return `${n.key}.escalate rung`;
      if (!ladderTargets.includes(rung.to as string)) return `${n.key}.escalate to ${String(rung.to)}`;
      if (rung.urgent !== undefined && typeof rung.urgent !== 'boolean') return `${n.key}.escalate urgent`;
      if (rung.repeat !== undefined) {
        const r = rung.repeat;
        if (
          !isObj(r) ||
          !only(r, ['every', 'times']) ||
          !isDuration(r.every) ||
          !Number.isInteger(r.times) ||
          (r.times as number) < 1 ||
          (r.times as number) > 20
        )
          return `${n.key}.escalate repeat`;
      }
      const [unit, amount] = Object.entries(rung.after)[0] as [string, number];
      if (previous && previous[0] === unit && amount <= previous[1]) return `${n.key}.escalate does not climb`;
      previous = [unit, amount];
    }
  }
  return meta.card === undefined ? null : checkCard(n, meta.card);
}

function checkCard(n: Node, card: unknown): string | null {
  if (!isObj(card) || !only(card, ['actions']) || !Array.isArray(card.actions) || card.actions.length === 0) return `${n.key}.card`;
  const events = new Set<string>();
  for (const a of card.actions as unknown[]) {
    if (!isObj(a) || !only(a, ['event', 'label', 'style', 'confirm', 'who', 'form'])) return `${n.key} card action`;
    if (typeof a.event !== 'string' || a.event === '' || typeof a.label !== 'string' || a.label === '')
      return `${n.key} card action event/label`;
    if (events.has(a.event)) return `${n.key} card event ${a.event} twice`;
    events.add(a.event);
    if (!handles(n, a.event)) return `${n.key} button ${a.event} has no transition`;
    if (a.style !== undefined && !['primary', 'danger', 'default'].includes(a.style as string)) return `${n.key} button style`;
    if (a.confirm !== undefined && (typeof a.confirm !== 'string' || a.confirm === '')) return `${n.key} button confirm`;
    if (a.who !== undefined && (!Array.isArray(a.who) || a.who.length === 0 || !a.who.every((w) => roles.includes(w as string))))
      return `${n.key} button who`;
    if (a.form === undefined) continue;
    if (!Array.isArray(a.form) || a.form.length === 0) return `${n.key} button form`;
    const names = new Set<string>();
    for (const f of a.form as unknown[]) {
      if (!isObj(f) || !only(f, ['name', 'label', 'type', 'required', 'options', 'min', 'max', 'maxLength'])) return `${n.key} form field`;
      if (typeof f.name !== 'string' || !/^[a-z][a-zA-Z0-9_]*$/.test(f.name) || names.has(f.name)) return `${n.key} form field name`;
      names.add(f.name);
      if (typeof f.label !== 'string' || f.label === '' || !fieldTypes.includes(f.type as string)) return `${n.key} form field ${f.name}`;
      if (f.required !== undefined && typeof f.required !== 'boolean') return `${n.key} form field required`;
      const select = f.type === 'select' || f.type === 'multi_select';
      const options = f.options;
      if (select !== (options !== undefined)) return `${n.key} form field ${f.name} options`;
      if (
        select &&
        !(
          optionLists.includes(options as string) ||
          (Array.isArray(options) && options.length > 0 && options.every((o) => typeof o === 'string' && o !== ''))
        )
      )
        return `${n.key} form field ${f.name} options list`;
      if ((f.min !== undefined || f.max !== undefined) && f.type !== 'number') return `${n.key} form field ${f.name} min/max`;
      if (f.min !== undefined && (typeof f.min !== 'number' || !Number.isFinite(f.min))) return `${n.key} form field min`;
      if (f.max !== undefined && (typeof f.max !== 'number' || !Number.isFinite(f.max))) return `${n.key} form field max`;
      if (typeof f.min === 'number' && typeof f.max === 'number' && f.min > f.max) return `${n.key} form field min > max`;
      if (
        f.maxLength !== undefined &&
        (!['text', 'textarea'].includes(f.type as string) || !Number.isInteger(f.maxLength) || (f.maxLength as number) < 1)
      )
        return `${n.key} form field maxLength`;
    }
  }
  return null;
}

/** States a case can reach from the initial state (guards ignored): entering a state enters its ancestors and its initial children. */
export function reachable(nodes: Node[], flowId: unknown, initial: Node): Set<Node> {
  const reached = new Set<Node>();
  const entered = new Set<Node>();
  const queue: Node[] = [];
  const enter = (n: Node | undefined) => {
    if (!n || entered.has(n)) return;
    entered.add(n);
    for (let s: Node | null = n; s; s = s.parent) {
      if (reached.has(s)) continue;
      reached.add(s);
      queue.push(s);
    }
    if (n.kind === 'compound') enter(n.children.find((c) => c.key === n.raw.initial));
    if (n.kind === 'history' && n.parent) enter(n.parent.children.find((c) => c.key === n.parent?.raw.initial));
  };
  enter(initial);
  while (queue.length > 0) {
    const n = queue.shift() as Node;
    for (const value of Object.values(isObj(n.raw.on) ? n.raw.on : {})) {
      for (const t of transitionList(value) ?? []) if (typeof t.target === 'string') enter(resolve(nodes, flowId, n, t.target));
    }
  }
  return reached;
}
