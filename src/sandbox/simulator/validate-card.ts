// Card JSON 2.0 rules Lark enforces when a card is sent, patched or returned by a callback
// (lark-platform.md §3.5): schema "2.0", header/body shape, ≤ 200 elements counting nested ones,
// forms only at the root and never nested, card-unique component names, a submit button in every
// form, named interactive children in forms, button text ≤ 100 chars, update_multi only true.
// Returns the first problem found as a sentence, or undefined when the card is valid.

const INTERACTIVE_TAGS = new Set([
  'button',
  'input',
  'select_static',
  'multi_select_static',
  'select_person',
  'multi_select_person',
  'date_picker',
  'picker_time',
  'picker_datetime',
  'checker',
  'select_img',
  'overflow',
]);
const HEADER_TEMPLATES = new Set('blue wathet turquoise green yellow orange red carmine violet purple indigo grey default'.split(' '));
export const MAX_CARD_ELEMENTS = 200;

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

interface Walk {
  count: number;
  names: Set<string>;
}
interface FormScope {
  name: string;
  hasSubmit: boolean;
}

export function validateCard(card: unknown): string | undefined {
  if (!isObject(card)) return 'the card must be a JSON object';
  if (card.type === 'template') return 'template cards are not supported by the simulator; send card JSON 2.0';
  if (card.schema !== '2.0') return 'schema must be "2.0" (card JSON 2.0)';
  if ('elements' in card) return 'card JSON 2.0 has no top-level "elements"; put components in body.elements';
  const config = card.config;
  if (config !== undefined && !isObject(config)) return 'config must be an object';
  if (isObject(config) && config.update_multi !== undefined && config.update_multi !== true)
    return 'config.update_multi may only be true in card JSON 2.0 (2.0 cards are always shared)';
  const headerProblem = card.header === undefined ? undefined : validateHeader(card.header);
  if (headerProblem) return headerProblem;
  const body = card.body;
  if (!isObject(body) || !Array.isArray(body.elements)) return 'body.elements must be an array of components';
  const walk: Walk = { count: 0, names: new Set() };
  const problem = walkElements(body.elements, 'body.elements', walk, { root: true, form: undefined });
  if (problem) return problem;
  if (walk.count > MAX_CARD_ELEMENTS)
    return `the card has ${walk.count} components; at most ${MAX_CARD_ELEMENTS} are allowed, nested ones included`;
  return undefined;
}

function validateHeader(header: unknown): string | undefined {
  if (!isObject(header)) return 'header must be an object';
  const title = header.title;
  if (!isObject(title) || typeof title.content !== 'string' || (title.tag !== 'plain_text' && title.tag !== 'lark_md'))
    return 'header.title must be {"tag":"plain_text","content":"…"}';
  if (header.template !== undefined && (typeof header.template !== 'string' || !HEADER_TEMPLATES.has(header.template)))
    return `header.template "${String(header.template)}" is not one of: ${[...HEADER_TEMPLATES].join(', ')}`;
  return undefined;
}

function walkElements(
  elements: unknown[],
  path: string,
  walk: Walk,
  where: { root: boolean; form: FormScope | undefined },
): string | undefined {
  for (const [i, element] of elements.entries()) {
    const problem = checkElement(element, `${path}[${i}]`, walk, where);
    if (problem) return problem;
  }
  return undefined;
}

function checkElement(
  element: unknown,
  path: string,
  walk: Walk,
  where: { root: boolean; form: FormScope | undefined },
): string | undefined {
  if (!isObject(element) || typeof element.tag !== 'string') return `${path}: every component needs a "tag"`;
  walk.count += 1;
  const tag = element.tag;
  if (tag === 'action') return `${path}: the "action" module does not exist in card JSON 2.0; put buttons directly in elements`;
  const name = element.name;
  if (name !== undefined) {
    if (typeof name !== 'string' || name === '') return `${path}: "name" must be a non-empty string`;
    if (walk.names.has(name)) return `${path}: component name "${name}" is used twice; names must be unique across the card`;
    walk.names.add(name);
  }
  if (where.form && INTERACTIVE_TAGS.has(tag) && name === undefined)
    return `${path}: the ${tag} inside form "${where.form.name}" needs a "name"`;
  if (tag === 'button') {
    const problem = checkButton(element, path, where.form);
    if (problem) return problem;
  }
  if (tag === 'select_static' || tag === 'multi_select_static') {
    const values = Array.isArray(element.options) ? element.options.map((o) => (isObject(o) ? o.value : undefined)) : [];
    if (new Set(values).size !== values.length) return `${path}: option values of a ${tag} must be unique`;
  }
  if (tag === 'form') return checkForm(element, path, walk, where);
  const children = [
    ...(Array.isArray(element.elements) ? element.elements : []),
    ...(Array.isArray(element.columns) ? element.columns : []),
  ];
  const childPath = Array.isArray(element.columns) ? `${path}.columns` : `${path}.elements`;
  return walkElements(children, childPath, walk, { root: false, form: where.form });
}

function checkForm(form: Json, path: string, walk: Walk, where: { root: boolean; form: FormScope | undefined }): string | undefined {
  if (where.form) return `${path}: forms cannot be nested (inside form "${where.form.name}")`;
  if (!where.root) return `${path}: a form container may only sit at the card root (body.elements)`;
  if (typeof form.name !== 'string') return `${path}: a form container needs a "name"`;
  if (!Array.isArray(form.elements)) return `${path}: form "${form.name}" needs an "elements" array`;
  const scope: FormScope = { name: form.name, hasSubmit: false };
  const problem = walkElements(form.elements, `${path}.elements`, walk, { root: false, form: scope });
  if (problem) return problem;
  if (!scope.hasSubmit) return `${path}: form "${form.name}" has no button with "form_action_type":"submit"`;
  return undefined;
}

function checkButton(button: Json, path: string, form: FormScope | undefined): string | undefined {
  const text = button.text;
  if (!isObject(text) || typeof text.content !== 'string') return `${path}: a button needs text {"tag":"plain_text","content":"…"}`;
  if ([...text.content].length > 100) return `${path}: button text is longer than 100 characters`;
  const action = button.form_action_type;
  if (action !== undefined && action !== 'submit' && action !== 'reset')
    return `${path}: form_action_type must be "submit" or "reset", not ${JSON.stringify(action)}`;
  if (action === 'submit' && form) form.hasSubmit = true;
  return undefined;
}
