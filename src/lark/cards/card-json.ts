// The shapes of the card JSON 2.0 this project sends (lark-platform.md §3.5). Elements stay loose
// records on purpose: the checker also reads cards it did not build (the simulator's input).

export interface PlainText {
  tag: 'plain_text';
  content: string;
}

/** Any card component: `tag` plus the component's own properties. */
export interface CardElement {
  tag: string;
  [key: string]: unknown;
}

export const headerTemplates = [
  'blue',
  'wathet',
  'turquoise',
  'green',
  'yellow',
  'orange',
  'red',
  'carmine',
  'violet',
  'purple',
  'indigo',
  'grey',
  'default',
] as const;
export type HeaderTemplate = (typeof headerTemplates)[number];

export interface CardHeader {
  title: PlainText;
  subtitle?: PlainText;
  template: HeaderTemplate;
  text_tag_list?: CardElement[];
}

export interface Card {
  schema: '2.0';
  config: { update_multi: true; summary?: { content: string } };
  header: CardHeader;
  body: { elements: CardElement[] };
}

export function plainText(content: string): PlainText {
  return { tag: 'plain_text', content };
}
