// A page that only says something: a refusal, a missing household, an expired form — with what to do next.
import { html } from './html.ts';
import { layout, type PageChrome } from './layout.ts';

export function messagePage(
  chrome: PageChrome,
  message: { heading: string; text: string; links?: Array<{ href: string; label: string }> },
): string {
  return layout(
    chrome,
    html`<section class="card" data-testid="message">
      <h1>${message.heading}</h1>
      <p>${message.text}</p>
      ${message.links?.length ? html`<p>${message.links.map((l) => html`<a href="${l.href}">${l.label}</a> `)}</p>` : ''}
    </section>`,
  ).value;
}
