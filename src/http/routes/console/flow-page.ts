// One flow (/flows/:id): its running version drawn as a Mermaid diagram, its states with their
// deadlines, reminders, ladders and buttons, and the version list; for admins the way to edit it.
import type { FlowStateRow, FlowView } from '../../../app/flows/list-flow-versions.ts';
import { count } from './format.ts';
import { flowsCss, mermaidBlock, mermaidScripts, versionsTable } from './flows-parts.ts';
import { html, raw } from './html.ts';
import { layout, type PageChrome } from './layout.ts';

const kindNames: Record<FlowStateRow['kind'], string> = { atomic: '步骤', compound: '阶段', final: '终态', history: '返回点' };

export interface FlowPageExtras {
  canEdit: boolean;
  /** Just published (the redirect after 发布): the version, for the notice. */
  published: number | null;
  nonce: string;
  scopeNote: string | null;
}

export function flowPage(chrome: PageChrome, v: FlowView, tz: string, x: FlowPageExtras): string {
  const running = v.versions.find((r) => r.version === v.latest);
  const older = v.versions.filter((r) => r.version !== v.latest && r.activeCases > 0);
  const olderText = older.map((o) => `第 ${o.version} 版 ${count(o.activeCases)} 件`).join('、');
  const casesLine =
    `第 ${v.latest} 版在办案件 ${count(running?.activeCases ?? 0)} 件` +
    (older.length > 0 ? `；旧版本仍有在办案件：${olderText}` : '') +
    (x.scopeNote ?? '');
  return layout(
    chrome,
    html`<style>
        ${raw(flowsCss)}
      </style>
      <p><a href="/flows">← 流程</a></p>
      ${x.published !== null ? publishedNotice(v, x.published) : ''}
      <div class="flow-head">
        <h1>${v.flowId}</h1>
        <span class="badge ok" data-testid="running-version">运行中：第 ${String(v.latest)} 版</span>
      </div>
      ${v.description ? html`<p class="muted">${v.description}</p>` : ''}
      <div class="flow-actions">
        ${x.canEdit ? html`<a class="button" href="/flows/${encodeURIComponent(v.flowId)}/edit">编辑并发布新版本</a>` : ''}
        <span class="muted">${casesLine}</span>
      </div>
      <section class="card">
        <h2>流程图</h2>
        ${mermaidBlock(v.diagram, 'diagram')}
      </section>
      <section class="card">
        <h2>状态与期限</h2>
        <div class="table-wrap">
          <table data-testid="states">
            <thead>
              <tr>
                <th>状态</th>
                <th>类型</th>
                <th>期限</th>
                <th>提醒</th>
                <th>督办</th>
                <th>按钮</th>
              </tr>
            </thead>
            <tbody>
              ${v.states.map(
                (s) =>
                  html`<tr data-state="${s.key}">
                    <td class="indent-${String(Math.min(s.depth, 2))}">${s.title} <span class="muted">${s.key}</span></td>
                    <td>${kindNames[s.kind]}</td>
                    <td data-field="deadline">
                      ${s.deadline}${s.pauseClock ? html` <span class="badge">停表</span>` : ''}${s.nextCycle ? html`<br /><span class="muted">${s.nextCycle}</span>` : ''}
                    </td>
                    <td>${s.remind}</td>
                    <td>${s.escalate}</td>
                    <td>${s.buttons.join('、') || '—'}</td>
                  </tr>`,
              )}
            </tbody>
          </table>
        </div>
      </section>
      <section class="card">
        <h2>版本</h2>
        ${versionsTable(v.versions, v.latest, tz, { checksum: false })}
      </section>
      ${mermaidScripts(x.nonce)}`,
  ).value;
}

/** After 发布: what happens to new and running cases, and how to migrate the running ones. */
function publishedNotice(v: FlowView, version: number) {
  const waiting = v.versions.filter((r) => r.version < version && r.activeCases > 0);
  const head = `已发布 ${v.flowId} 第 ${version} 版：新立案的案件使用这一版；在办案件保持原版本`;
  if (waiting.length === 0) return html`<div class="success" data-testid="published">${head}。</div>`;
  const counts = waiting.map((r) => `第 ${r.version} 版 ${count(r.activeCases)} 件`).join('、');
  const command = `huhuqing cases migrate --flow ${v.flowId} --from ${waiting[0]!.version} --to ${version} --dry-run`;
  return html`<div class="success" data-testid="published">
    ${`${head}（${counts}）。如需迁移，先试运行：`}<code class="path">${command}</code>
  </div>`;
}
