// The Workflows list (/flows): every flow, its published versions (who published each and when) and
// how many cases run on each version — new cases start on the latest, running ones keep theirs.
import type { FlowSummary } from '../../../app/flows/list-flow-versions.ts';
import { count, moment } from './format.ts';
import { flowsCss } from './flows-parts.ts';
import { html, raw } from './html.ts';
import { layout, type PageChrome } from './layout.ts';

export function flowsPage(chrome: PageChrome, flows: readonly FlowSummary[], tz: string, scopeNote: string | null): string {
  return layout(
    chrome,
    html`<style>
        ${raw(flowsCss)}
      </style>
      <h1>流程 <span class="muted">${String(flows.length)} 个</span></h1>
      <p class="muted">
        新立案的案件使用最新版本；发布新版本不会改变在办案件，它们保持原版本，除非管理员迁移（huhuqing cases migrate）。${scopeNote ?? ''}
      </p>
      ${flows.length === 0 ? html`<section class="card"><p>还没有发布任何流程。</p></section>` : ''}
      ${flows.map(
        (f) =>
          html`<section class="card" data-testid="flow" data-flow-id="${f.flowId}">
            <div class="flow-head">
              <h2><a href="/flows/${encodeURIComponent(f.flowId)}">${f.flowId}</a></h2>
              <span class="badge ok">运行中：第 ${String(f.latest)} 版</span>
            </div>
            ${f.description ? html`<p class="muted">${f.description}</p>` : ''}
            <div class="table-wrap">
              <table data-testid="versions">
                <thead>
                  <tr>
                    <th>版本</th>
                    <th>发布时间</th>
                    <th>发布人</th>
                    <th class="num">在办案件</th>
                    <th class="num">已结案件</th>
                    <th class="hide-sm">校验和</th>
                  </tr>
                </thead>
                <tbody>
                  ${f.versions.map(
                    (v) =>
                      html`<tr data-version="${String(v.version)}">
                        <td>第 ${String(v.version)} 版${v.version === f.latest ? html` <span class="badge ok">运行中</span>` : ''}</td>
                        <td>${moment(v.publishedAt, tz)}</td>
                        <td>${v.publishedBy}</td>
                        <td class="num" data-count="active">${count(v.activeCases)}</td>
                        <td class="num" data-count="closed">${count(v.closedCases)}</td>
                        <td class="hide-sm"><code class="path">${v.checksum}</code></td>
                      </tr>`,
                  )}
                </tbody>
              </table>
            </div>
          </section>`,
      )}`,
  ).value;
}
