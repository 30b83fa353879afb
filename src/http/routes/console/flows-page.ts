// The Workflows list (/flows): every flow, its published versions (who published each and when) and
// how many cases run on each version — new cases start on the latest, running ones keep theirs.
import type { FlowSummary } from '../../../app/flows/list-flow-versions.ts';
import { flowsCss, versionsTable } from './flows-parts.ts';
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
            ${versionsTable(f.versions, f.latest, tz, { checksum: true })}
          </section>`,
      )}`,
  ).value;
}
