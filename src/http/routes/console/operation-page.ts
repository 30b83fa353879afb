// One operation and its audit trail (/ops/audit/:id): the summary event (who, when, what) and, for
// the bulk ones, the event written for every case or household, each linking to the household's
// page, whose timeline shows it too.
import type { OperationRecord } from '../../../app/console/operation-records.ts';
import { count, moment } from './format.ts';
import { html } from './html.ts';
import { layout, type PageChrome } from './layout.ts';

export function operationPage(chrome: PageChrome, r: OperationRecord, tz: string, justDone: boolean): string {
  const items = r.items;
  return layout(
    chrome,
    html`<p><a href="/ops">← 操作</a></p>
      <h1>${r.title} <span class="muted">留痕 #${String(r.id)}</span></h1>
      ${justDone ? html`<p class="notice" data-testid="done">已完成，并已记入留痕。</p>` : ''}
      <section class="card" data-testid="operation" data-action="${r.action}">
        <dl class="facts">
          <dt>时间</dt>
          <dd>${moment(r.at, tz)}</dd>
          <dt>操作人</dt>
          <dd data-testid="actor">${r.actor}</dd>
          <dt>来源</dt>
          <dd>${r.source}</dd>
          <dt>内容</dt>
          <dd data-testid="summary">${r.summary}</dd>
        </dl>
      </section>
      ${
        items
          ? html`<section class="card" data-testid="audit-items">
              <h2>
                逐条留痕 <span class="muted" data-count="${String(items.total)}">共 ${count(items.total)} 条</span>
                ${items.total > items.rows.length ? html`<span class="muted">（列出前 ${count(items.rows.length)} 条）</span>` : ''}
              </h2>
              ${
                items.total === 0
                  ? html`<p class="muted">没有符合条件的案件或家庭，没有任何改动。</p>`
                  : html`<div class="table-wrap">
                      <table>
                        <thead>
                          <tr>
                            ${items.columns.map((col) => html`<th>${col}</th>`)}
                          </tr>
                        </thead>
                        <tbody>
                          ${items.rows.map(
                            (row) =>
                              html`<tr data-archive-no="${row.archiveNo ?? ''}">
                                <td>
                                  ${row.archiveNo ? html`<a href="/households/${encodeURIComponent(row.archiveNo)}">${row.archiveNo}</a>` : '—'}
                                </td>
                                ${row.cells.map((cell) => html`<td>${cell}</td>`)}
                              </tr>`,
                          )}
                        </tbody>
                      </table>
                    </div>`
              }
            </section>`
          : ''
      }`,
  ).value;
}
