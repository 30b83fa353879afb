// fast-check arbitraries of flow files: the default flow (flows/huhuqing.json) with one to three
// edits of the kinds people make — states deleted, renamed, added (reachable or not), targets
// broken, durations made garbage, required fields removed, values of the wrong type, final states
// removed or nested, XState features the engine refuses — plus edits of the text itself
// (duplicate keys, trailing commas, comments, truncation). Some edits are harmless on purpose, so
// the validator also gets flows it should accept.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { sometimes } from './property-options.ts';

type Json = unknown;
type Obj = Record<string, Json>;

export const defaultFlowText = readFileSync(path.resolve('flows/huhuqing.json'), 'utf8');

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Every state node of a parsed flow with its parent's `states` object and its key. */
export function stateSlots(flow: Json): Array<{ parent: Obj; key: string; node: Obj; depth: number }> {
  const out: Array<{ parent: Obj; key: string; node: Obj; depth: number }> = [];
  const visit = (states: Json, depth: number) => {
    if (!isObj(states)) return;
    for (const [key, node] of Object.entries(states)) {
      if (!isObj(node)) continue;
      out.push({ parent: states, key, node, depth });
      visit(node.states, depth + 1);
    }
  };
  if (isObj(flow)) visit(flow.states, 0);
  return out;
}

/** Every [container, key] in the document, depth first: the places a value can be replaced or removed. */
function slots(value: Json): Array<[Obj | Json[], string | number]> {
  const out: Array<[Obj | Json[], string | number]> = [];
  const visit = (v: Json) => {
    const children: Array<[string | number, Json]> = Array.isArray(v) ? v.map((c, i) => [i, c]) : isObj(v) ? Object.entries(v) : [];
    for (const [key, child] of children) {
      out.push([v as Obj | Json[], key]);
      visit(child);
    }
  };
  visit(value);
  return out;
}

/** Every transition object or string in `on` maps: [the on map, event]. */
function transitions(flow: Json): Array<[Obj, string]> {
  return stateSlots(flow).flatMap(({ node }) =>
    isObj(node.on) ? Object.keys(node.on).map((e): [Obj, string] => [node.on as Obj, e]) : [],
  );
}

const garbageDurations: Json[] = [
  { workdays: 0 },
  { workdays: -3 },
  { workdays: 1.5 },
  { days: '3' },
  { weeks: 1 },
  { workdays: 1, days: 2 },
  {},
  null,
  'P3D',
  '10 个工作日',
  10,
  [{ days: 1 }],
  { workdays: 1e9 },
  { hours: Number.MAX_SAFE_INTEGER },
  { date: '2025-13-45' },
  { date: '2025-02-30' },
  { date: '2025/06/30' },
  { household: false },
  { household: 'true' },
];
const goodDurations: Json[] = [{ days: 3 }, { workdays: 7 }, { hours: 12 }, { minutes: 90 }, { date: '2030-06-30' }, { household: true }];
const oddValues: Json[] = [null, 0, -1, 1.5, '', 'x', true, false, [], {}, [null], { x: 1 }, '入户核实', 'verifying', 'CLOSE', 1e21];
const badTargets = [
  'nowhere',
  'verifying',
  'working.nowhere',
  '.verifying',
  '#huhuqing.verifying',
  '#other.working',
  '#huhuqing',
  'working.',
  '..',
  '#huhuqing.working.resume.x',
  '',
];
const forbiddenKeys: Array<[string, Json]> = [
  ['entry', 'recordForm'],
  ['exit', ['closeCase']],
  ['after', { 1000: 'closed' }],
  ['always', 'closed'],
  ['invoke', { src: 'x' }],
  ['context', { a: 1 }],
  ['type', 'parallel'],
  ['tags', ['x']],
  ['onDone', 'closed'],
];

export type FlowEdit =
  | { kind: 'delete_state'; at: number }
  | { kind: 'rename_state'; at: number; name: string; updateRefs: boolean }
  | { kind: 'break_target'; at: number; target: string }
  | { kind: 'duration'; at: number; where: 'deadline' | 'remind' | 'escalate' | 'next_cycle' | 'repeat'; value: Json }
  | { kind: 'remove_key'; at: number }
  | { kind: 'wrong_type'; at: number; value: Json }
  | { kind: 'add_state'; at: number; name: string; reachable: boolean; final: boolean }
  | { kind: 'remove_finals'; dropRefs: boolean }
  | { kind: 'nest_final'; at: number }
  | { kind: 'forbidden_key'; at: number; key: string; value: Json }
  | { kind: 'card_event'; at: number; event: string }
  | { kind: 'unknown_name'; at: number; guard: boolean }
  | {
      kind: 'form_field';
      at: number;
      change: 'select_no_options' | 'min_over_max' | 'max_length_on_number' | 'options_on_text' | 'duplicate_name' | 'bad_type';
    }
  | { kind: 'ladder_down'; at: number }
  | { kind: 'top_history' }
  | { kind: 'next_cycle'; initial: string }
  | { kind: 'compound_initial'; name: string }
  | { kind: 'final_with_on' }
  | { kind: 'drop_transitions'; at: number }
  | { kind: 'harmless'; at: number; change: 'title' | 'description' | 'reorder' | 'good_duration' | 'version' | 'label'; value: number };

export type TextEdit =
  | { kind: 'duplicate_key'; at: number }
  | { kind: 'trailing_comma'; at: number }
  | { kind: 'comment' }
  | { kind: 'truncate'; at: number }
  | { kind: 'bom' }
  | { kind: 'chinese_quote'; at: number };

export interface FlowPlan {
  edits: FlowEdit[];
  text: TextEdit | null;
}

const stateName = fc.oneof(
  fc.constantFrom('new_step', 'verifying', 'closed', 'working', 'x1', 'Bad-Name', '入户', '_x', 'a.b'),
  fc.stringMatching(/^[a-z][a-z0-9_]{0,8}$/),
);

const flowEdit: fc.Arbitrary<FlowEdit> = fc.oneof(
  fc.record({ kind: fc.constant('delete_state' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('rename_state' as const), at: fc.nat(), name: stateName, updateRefs: fc.boolean() }),
  fc.record({ kind: fc.constant('break_target' as const), at: fc.nat(), target: fc.oneof(fc.constantFrom(...badTargets), stateName) }),
  fc.record({
    kind: fc.constant('duration' as const),
    at: fc.nat(),
    where: fc.constantFrom('deadline', 'remind', 'escalate', 'next_cycle', 'repeat') as fc.Arbitrary<'deadline'>,
    value: fc.oneof(fc.constantFrom(...garbageDurations), fc.constantFrom(...goodDurations)),
  }),
  fc.record({ kind: fc.constant('remove_key' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('wrong_type' as const),
    at: fc.nat(),
    value: fc.oneof(fc.constantFrom(...oddValues), fc.jsonValue({ maxDepth: 2 })),
  }),
  fc.record({ kind: fc.constant('add_state' as const), at: fc.nat(), name: stateName, reachable: fc.boolean(), final: fc.boolean() }),
  fc.record({ kind: fc.constant('remove_finals' as const), dropRefs: fc.boolean() }),
  fc.record({ kind: fc.constant('nest_final' as const), at: fc.nat() }),
  fc.tuple(fc.nat(), fc.constantFrom(...forbiddenKeys)).map(([at, [key, value]]) => ({ kind: 'forbidden_key' as const, at, key, value })),
  fc.record({
    kind: fc.constant('card_event' as const),
    at: fc.nat(),
    event: fc.constantFrom('NOPE', 'VERIFIED', 'CLOSE', 'REASSIGN', 'verified'),
  }),
  fc.record({ kind: fc.constant('unknown_name' as const), at: fc.nat(), guard: fc.boolean() }),
  fc.record({
    kind: fc.constant('form_field' as const),
    at: fc.nat(),
    change: fc.constantFrom(
      'select_no_options',
      'min_over_max',
      'max_length_on_number',
      'options_on_text',
      'duplicate_name',
      'bad_type',
    ) as fc.Arbitrary<'bad_type'>,
  }),
  fc.record({ kind: fc.constant('ladder_down' as const), at: fc.nat() }),
  fc.constant({ kind: 'top_history' as const }),
  fc.record({
    kind: fc.constant('next_cycle' as const),
    initial: fc.constantFrom('closed', 'resume', 'nowhere', 'working', 'classifying'),
  }),
  fc.record({ kind: fc.constant('compound_initial' as const), name: fc.constantFrom('nowhere', 'resume', 'closed', 'planning') }),
  fc.constant({ kind: 'final_with_on' as const }),
  fc.record({ kind: fc.constant('drop_transitions' as const), at: fc.nat() }),
  {
    arbitrary: fc.record({ kind: fc.constant('harmless' as const), at: fc.nat(), change: fc.constant('title' as const), value: fc.nat() }),
    weight: 3,
  },
);

const textEdit: fc.Arbitrary<TextEdit> = fc.oneof(
  fc.record({ kind: fc.constant('duplicate_key' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('trailing_comma' as const), at: fc.nat() }),
  fc.constant({ kind: 'comment' as const }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.constant({ kind: 'bom' as const }),
  fc.record({ kind: fc.constant('chinese_quote' as const), at: fc.nat() }),
);

const harmlessEdit: fc.Arbitrary<FlowEdit> = fc.record({
  kind: fc.constant('harmless' as const),
  at: fc.nat(),
  change: fc.constantFrom('title', 'description', 'reorder', 'good_duration', 'version', 'label') as fc.Arbitrary<'title'>,
  value: fc.nat(),
});

export const flowPlan: fc.Arbitrary<FlowPlan> = fc.record({
  // A third of the plans only make harmless edits, so the validator also has flows to accept.
  edits: fc.oneof(
    { weight: 1, arbitrary: fc.array(harmlessEdit, { minLength: 1, maxLength: 3 }) },
    { weight: 2, arbitrary: fc.array(flowEdit, { minLength: 1, maxLength: 3 }) },
  ),
  text: sometimes(textEdit, 20),
});

const pick = <T>(items: readonly T[], at: number): T | undefined => (items.length === 0 ? undefined : items[at % items.length]);

function retarget(flow: Json, from: string, to: string): void {
  for (const [on, event] of transitions(flow)) {
    const t = on[event];
    const fix = (s: string) =>
      s
        .split('.')
        .map((seg) => (seg === from ? to : seg))
        .join('.');
    if (typeof t === 'string') on[event] = fix(t);
    else for (const o of Array.isArray(t) ? t : [t]) if (isObj(o) && typeof o.target === 'string') o.target = fix(o.target);
  }
}

function targetsOf(t: Json): string[] {
  if (typeof t === 'string') return [t];
  return (Array.isArray(t) ? t : [t]).flatMap((o) => (isObj(o) && typeof o.target === 'string' ? [o.target] : []));
}

function applyEdit(flow: Obj, e: FlowEdit): void {
  const states = stateSlots(flow);
  const leaves = states.filter((s) => !isObj(s.node.states) && s.node.type !== 'final' && s.node.type !== 'history');
  const metas = states.flatMap((s) => (isObj(s.node.meta) ? [s.node.meta] : []));
  switch (e.kind) {
    case 'delete_state': {
      const s = pick(states, e.at);
      if (s) delete s.parent[s.key];
      return;
    }
    case 'rename_state': {
      const s = pick(states, e.at);
      if (!s) return;
      const entries = Object.entries(s.parent).map(([k, v]): [string, Json] => [k === s.key ? e.name : k, v]);
      for (const k of Object.keys(s.parent)) delete s.parent[k];
      for (const [k, v] of entries) s.parent[k] = v;
      if (e.updateRefs) {
        retarget(flow, s.key, e.name);
        for (const st of stateSlots(flow)) if (st.node.initial === s.key) st.node.initial = e.name;
        if (flow.initial === s.key) flow.initial = e.name;
      }
      return;
    }
    case 'break_target': {
      const t = pick(transitions(flow), e.at);
      if (!t) return;
      const [on, event] = t;
      const v = on[event];
      if (typeof v === 'string' || !isObj(v)) on[event] = e.target;
      else v.target = e.target;
      return;
    }
    case 'duration': {
      const s = pick(leaves, e.at);
      const meta = s && isObj(s.node.meta) ? s.node.meta : undefined;
      if (!meta) return;
      if (e.where === 'deadline') meta.deadline = e.value;
      if (e.where === 'remind') meta.remind = [{ before: e.value }];
      if (e.where === 'escalate') meta.escalate = [{ after: e.value, to: 'inspection_group' }];
      if (e.where === 'repeat') meta.escalate = [{ after: { days: 1 }, to: 'county_supervisor', repeat: { every: e.value, times: 2 } }];
      if (e.where === 'next_cycle') {
        const relieved = states.find((x) => x.key === 'relieved');
        if (relieved && isObj(relieved.node.meta)) relieved.node.meta.nextCycle = { after: e.value, initial: 'verifying' };
      }
      return;
    }
    case 'remove_key': {
      const [container, key] = pick(slots(flow), e.at) ?? [];
      if (Array.isArray(container) && typeof key === 'number') container.splice(key, 1);
      else if (isObj(container) && typeof key === 'string') delete container[key];
      return;
    }
    case 'wrong_type': {
      const [container, key] = pick(slots(flow), e.at) ?? [];
      if (Array.isArray(container) && typeof key === 'number') container[key] = e.value;
      else if (isObj(container) && typeof key === 'string') container[key] = e.value;
      return;
    }
    case 'add_state': {
      const s = pick(states, e.at);
      const parent = s?.parent ?? (flow.states as Obj);
      // A new step leads to the top-level final state 撤档, so it never strands a case.
      parent[e.name] = e.final
        ? { type: 'final', meta: { title: '新终态' } }
        : { meta: { title: '新步骤', deadline: { workdays: 3 } }, on: { DONE: '#huhuqing.closed' } };
      if (e.reachable && s && isObj(s.node.on) === false && s.node.type !== 'final' && s.node.type !== 'history') s.node.on = {};
      if (e.reachable && s && isObj(s.node.on) && s.node.type !== 'final') s.node.on.GO_NEW = e.name;
      return;
    }
    case 'remove_finals': {
      for (const s of states) {
        if (s.node.type !== 'final') continue;
        delete s.parent[s.key];
        if (!e.dropRefs) continue;
        for (const [on, event] of transitions(flow)) if (targetsOf(on[event]).some((t) => t.split('.').pop() === s.key)) delete on[event];
        for (const m of stateSlots(flow)) {
          const card = isObj(m.node.meta) && isObj(m.node.meta.card) ? m.node.meta.card : undefined;
          const handled = new Set(stateSlots(flow).flatMap((x) => (isObj(x.node.on) ? Object.keys(x.node.on) : [])));
          if (card && Array.isArray(card.actions)) card.actions = card.actions.filter((a) => isObj(a) && handled.has(String(a.event)));
        }
      }
      return;
    }
    case 'nest_final': {
      const compound = states.find((s) => isObj(s.node.states));
      const final = pick(
        states.filter((s) => s.node.type === 'final'),
        e.at,
      );
      if (!compound || !final) return;
      delete final.parent[final.key];
      (compound.node.states as Obj)[final.key] = final.node;
      return;
    }
    case 'forbidden_key': {
      const s = pick(states, e.at);
      if (s) s.node[e.key] = e.value;
      else flow[e.key] = e.value;
      return;
    }
    case 'card_event': {
      const s = pick(
        leaves.filter((l) => isObj(l.node.meta) && isObj(l.node.meta.card)),
        e.at,
      );
      const card = s && isObj(s.node.meta) && isObj(s.node.meta.card) ? s.node.meta.card : undefined;
      if (card && Array.isArray(card.actions)) card.actions.push({ event: e.event, label: '新按钮' });
      return;
    }
    case 'unknown_name': {
      const t = pick(transitions(flow), e.at);
      if (!t) return;
      const [on, event] = t;
      const v = on[event];
      const o = isObj(v) ? v : Array.isArray(v) && isObj(v[0]) ? v[0] : undefined;
      if (o && e.guard) o.guard = 'isMayor';
      else if (o) o.actions = ['recordForm', 'sendEmail'];
      else on[event] = { target: typeof v === 'string' ? v : 'closed', guard: 'alwaysTrue' };
      return;
    }
    case 'form_field': {
      const forms = metas.flatMap((m) =>
        isObj(m.card) && Array.isArray(m.card.actions)
          ? m.card.actions.flatMap((a) => (isObj(a) && Array.isArray(a.form) ? [a.form as Json[]] : []))
          : [],
      );
      const form = pick(forms, e.at);
      if (!form) return;
      if (e.change === 'select_no_options') form.push({ name: 'pick_one', label: '选择', type: 'select' });
      if (e.change === 'min_over_max') form.push({ name: 'count_x', label: '数量', type: 'number', min: 10, max: 1 });
      if (e.change === 'max_length_on_number') form.push({ name: 'count_y', label: '数量', type: 'number', maxLength: 3 });
      if (e.change === 'options_on_text') form.push({ name: 'note_z', label: '说明', type: 'text', options: ['a'] });
      if (e.change === 'duplicate_name' && isObj(form[0])) form.push({ ...form[0] });
      if (e.change === 'bad_type') form.push({ name: 'file_x', label: '附件', type: 'file' });
      return;
    }
    case 'ladder_down': {
      const m = pick(
        metas.filter((x) => Array.isArray(x.escalate)),
        e.at,
      );
      if (m) m.escalate = [...(m.escalate as Json[]), { after: { workdays: 1 }, to: 'province_supervisor' }];
      return;
    }
    case 'top_history':
      (flow.states as Obj).back = { type: 'history' };
      return;
    case 'next_cycle': {
      const relieved = states.find((x) => x.key === 'relieved');
      if (relieved && isObj(relieved.node.meta)) relieved.node.meta.nextCycle = { after: { days: 365 }, initial: e.initial };
      return;
    }
    case 'compound_initial': {
      const compound = states.find((s) => isObj(s.node.states));
      if (compound) compound.node.initial = e.name;
      return;
    }
    case 'final_with_on': {
      const final = states.find((s) => s.node.type === 'final');
      if (final) final.node.on = { REOPEN: 'working' };
      return;
    }
    case 'drop_transitions': {
      const s = pick(
        states.filter((x) => isObj(x.node.on)),
        e.at,
      );
      if (s) delete s.node.on;
      return;
    }
    case 'harmless': {
      const s = pick(states, e.at);
      const meta = s && isObj(s.node.meta) ? s.node.meta : undefined;
      if (e.change === 'title' && meta) meta.title = `${String(meta.title)}（${e.value}）`;
      if (e.change === 'description') flow.description = `第 ${e.value} 版说明`;
      if (e.change === 'version') flow.version = 1 + (e.value % 1000);
      if (e.change === 'good_duration') {
        const leaf = pick(leaves, e.at);
        const m = leaf && isObj(leaf.node.meta) ? leaf.node.meta : undefined;
        if (m && m.deadline !== undefined) m.deadline = goodDurations[e.value % goodDurations.length];
      }
      if (e.change === 'label' && meta && isObj(meta.card) && Array.isArray(meta.card.actions) && isObj(meta.card.actions[0])) {
        meta.card.actions[0].label = `按钮${e.value}`;
      }
      if (e.change === 'reorder' && s) {
        const entries = Object.entries(s.parent).reverse();
        for (const k of Object.keys(s.parent)) delete s.parent[k];
        for (const [k, v] of entries) s.parent[k] = v;
      }
      return;
    }
  }
}

/** The text of a plan: the default flow with its edits, then (maybe) an edit of the text itself. */
export function flowText(plan: FlowPlan): string {
  const flow = JSON.parse(defaultFlowText) as Obj;
  for (const e of plan.edits) applyEdit(flow, e);
  const text = JSON.stringify(flow, null, 2);
  const t = plan.text;
  if (t === null) return text;
  switch (t.kind) {
    case 'duplicate_key': {
      // Repeat one state (under a sibling's name): a JSON parser silently keeps only the last one.
      const keys = [...text.matchAll(/\n(\s+)"([a-z_]+)": \{\n\1 {2}"(meta|type)"/g)];
      const m = pick(keys, t.at);
      if (!m || m.index === undefined) return text;
      const sibling = keys.find((k) => k[1] === m[1] && k[2] !== m[2]);
      const name = sibling?.[2] ?? m[2];
      const copy = `\n${m[1]}"${name}": { "type": "final", "meta": { "title": "重复" } },`;
      return text.slice(0, m.index) + copy + text.slice(m.index);
    }
    case 'trailing_comma': {
      const closes = [...text.matchAll(/\n\s*[}\]]/g)];
      const m = pick(closes, t.at);
      return m?.index === undefined ? text : `${text.slice(0, m.index)},${text.slice(m.index)}`;
    }
    case 'comment':
      return text.replace('{', '{\n  // 户户清流程');
    case 'truncate':
      return text.slice(0, t.at % text.length);
    case 'bom':
      return `\uFEFF${text}`;
    case 'chinese_quote': {
      const quotes = [...text.matchAll(/"/g)];
      const m = pick(quotes, t.at);
      return m?.index === undefined ? text : `${text.slice(0, m.index)}“${text.slice(m.index + 1)}`;
    }
  }
}
