// Editing a flow (/flows/:id/edit, and the result of 检查): the JSON in a textarea or an uploaded
// file. A check with problems lists each with its line, column and JSON path, and shows the text
// again with those lines marked and the messages under them. A valid one shows what it changes
// against the running version, its diagram, the migration dry run of the running cases, and 发布.
import type { FlowDraftCheck, MigrationDryRun } from '../../../app/flows/check-flow-draft.ts';
import type { FlowProblem } from '../../../core/flows/flow-types.ts';
import { count, moment } from './format.ts';
import { flowsCss, mermaidBlock, mermaidScripts } from './flows-parts.ts';
import { escapeHtml, html, raw, type SafeHtml } from './html.ts';
import { layout, type PageChrome } from './layout.ts';

export interface FlowEditView {
  flowId: string;
  running: number;
  /** The textarea's content: the running version (its version number raised) or what was checked. */
  text: string;
  check: FlowDraftCheck | null;
  csrf: string;
  nonce: string;
  tz: string;
}

export function flowEditPage(chrome: PageChrome, v: FlowEditView): string {
  const c = v.check;
  const base = `/flows/${encodeURIComponent(v.flowId)}`;
  return layout(
    chrome,
    html`<style>
        ${raw(flowsCss)}
      </style>
      <p><a href="${base}">← ${v.flowId}</a></p>
      <div class="flow-head">
        <h1>编辑流程 ${v.flowId}</h1>
        <span class="badge ok">运行中：第 ${String(v.running)} 版</span>
      </div>
      ${c === null ? '' : c.ok ? validResult(c, v, base) : problemsResult(c)} ${editor(v, base)} ${c?.ok ? mermaidScripts(v.nonce) : ''}`,
  ).value;
}

function problemsResult(c: Extract<FlowDraftCheck, { ok: false }>): SafeHtml {
  return html`<section class="problems" data-testid="problems">
      <strong>有 ${String(c.problems.length)} 处问题，未发布。</strong>请按提示修改后再点「检查」。
      <ol>
        ${c.problems.map(
          (p) =>
            html`<li data-testid="problem" ${p.line !== undefined ? html` data-line="${String(p.line)}"` : ''}>
              ${p.line !== undefined ? html`<a href="#L${String(p.line)}">第 ${String(p.line)} 行第 ${String(p.column ?? 1)} 列</a>` : html`<span>（整个文件）</span>`}
              ${p.path ? html`<code class="path">${p.path}</code>` : ''}
              ${(p.title ?? p.state) ? html`<span class="muted">${p.title ?? p.state}</span>` : ''}
              <div>${p.message}</div>
            </li>`,
        )}
      </ol>
    </section>
    ${c.text.trim() === '' ? '' : codeView(c.text, c.problems)}`;
}

/** The checked text, numbered, the lines with problems marked and each problem's message under its line. */
function codeView(text: string, problems: readonly FlowProblem[]): SafeHtml {
  const byLine = new Map<number, FlowProblem[]>();
  for (const p of problems) if (p.line !== undefined) byLine.set(p.line, [...(byLine.get(p.line) ?? []), p]);
  const lines = text.split('\n');
  return html`<section class="card">
    <h2>检查的内容 <span class="muted">有问题的行已标红</span></h2>
    <div class="code" data-testid="code">
      ${lines.map((line, i) => {
        const n = i + 1;
        const here = byLine.get(n);
        if (!here) return html`<div class="ln"><span class="no">${String(n)}</span><code>${line || ' '}</code></div>`;
        return html`<div class="ln bad" id="L${String(n)}" data-line="${String(n)}">
            <span class="no">${String(n)}</span><code>${line || ' '}</code>
          </div>
          ${here.map(
            (p) =>
              html`<div class="msg" data-line="${String(n)}">
                <span></span>
                <div>↑ 第 ${String(p.column ?? 1)} 列：${p.message}</div>
              </div>`,
          )}`;
      })}
    </div>
  </section>`;
}

function validResult(c: Extract<FlowDraftCheck, { ok: true }>, v: FlowEditView, base: string): SafeHtml {
  const summary = `${c.flowId} 第 ${c.flow.version} 版，与运行中的第 ${c.running} 版相比${c.diff.length === 0 ? '没有变化' : `共 ${c.diff.length} 处变更`}。`;
  const afterPublish = `发布后，新立案的案件使用第 ${c.flow.version} 版；在办案件保持原版本，迁移要另行操作（见上面的试运行）。发布会记入审计记录。`;
  return html`<section class="success" data-testid="valid"><strong>检查通过：</strong>${summary}</section>
    <section class="card">
      <h2>与第 ${String(c.running)} 版的差异</h2>
      ${
        c.diff.length === 0
          ? html`<p class="muted">没有变化。</p>`
          : html`<ul class="diff" data-testid="diff">
              ${c.diff.map((line) => html`<li>${line}</li>`)}
            </ul>`
      }
    </section>
    <section class="card">
      <h2>第 ${String(c.flow.version)} 版的流程图</h2>
      ${mermaidBlock(c.diagram, 'diagram')}
    </section>
    ${dryRun(c.migration, c.flowId, c.flow.version, v.tz)}
    <section class="card" data-testid="publish">
      <h2>发布</h2>
      ${
        c.blocked !== null
          ? html`<p class="notice">${c.blocked}</p>`
          : html`<form method="post" action="${base}/publish">
              <input type="hidden" name="csrf" value="${v.csrf}" />
              ${textarea('name="text" hidden readonly', c.text)}
              <p class="muted">${afterPublish}</p>
              <button class="primary" type="submit">发布</button>
            </form>`
      }
    </section>`;
}

function dryRun(m: MigrationDryRun, flowId: string, version: number, tz: string): SafeHtml {
  if (m.activeCases === 0)
    return html`<section class="card" data-testid="migration">
      <h2>在办案件迁移试运行</h2>
      <p class="muted">没有在办案件：发布后新立案的案件直接使用第 ${String(version)} 版。</p>
    </section>`;
  const targetKeys = new Set(m.targets.map((t) => t.key));
  const mapArgs = Object.entries(m.mapping)
    .map(([a, b]) => ` --map ${a}=${b}`)
    .join('');
  const fromVersions = [...new Set(m.groups.map((g) => g.fromVersion))];
  const span = (g: MigrationDryRun['groups'][number]) =>
    g.firstDeadline === null
      ? '不设期限'
      : g.lastDeadline && g.lastDeadline.getTime() !== g.firstDeadline.getTime()
        ? `${moment(g.firstDeadline, tz)} 至 ${moment(g.lastDeadline, tz)}`
        : moment(g.firstDeadline, tz);
  return html`<section class="card" data-testid="migration">
    <h2>在办案件迁移试运行 <span class="muted">${count(m.activeCases)} 件</span></h2>
    <p class="muted">
      发布不会改变在办案件：它们保持原版本办理。若之后把它们迁移到第 ${String(version)} 版，结果如下（期限按现在进入新状态重新计算）。
    </p>
    ${
      m.unmapped.length > 0
        ? html`<p class="notice" data-testid="unmapped">
            第 ${String(version)} 版没有以下状态：${m.unmapped.map((u) => `${u.title}（${u.state}）${count(u.cases)} 件`).join('、')}。
            迁移前须为每个状态指定新状态：在下表中选择后点「检查」重新试运行（命令行：--map 旧状态=新状态）。
          </p>`
        : ''
    }
    <div class="table-wrap">
      <table data-testid="migration-groups">
        <thead>
          <tr>
            <th>原版本</th>
            <th>原状态</th>
            <th>迁移到</th>
            <th class="num">案件</th>
            <th>新期限</th>
          </tr>
        </thead>
        <tbody>
          ${m.groups.map(
            (g) =>
              html`<tr data-state="${g.fromState}" ${g.toState === null ? html` class="late"` : ''}>
                <td>第 ${String(g.fromVersion)} 版</td>
                <td>${g.fromTitle} <span class="muted">${g.fromState}</span></td>
                <td>
                  ${
                    targetKeys.has(g.fromState)
                      ? html`${g.toTitle}${g.toState === g.fromState ? html` <span class="muted">（不变）</span>` : ''}`
                      : html`<select form="flow-editor" name="map:${g.fromState}" aria-label="${g.fromTitle} 迁移到">
                          <option value="">须指定…</option>
                          ${m.targets.map((t) => html`<option value="${t.key}" ${g.toState === t.key ? ' selected' : ''}>${t.title}（${t.key}）</option>`)}
                        </select>`
                  }
                </td>
                <td class="num">${count(g.cases)}</td>
                <td>${g.toState === null ? '—' : span(g)}</td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>
    ${
      m.plan.length > 0
        ? html`<details>
            <summary>
              逐户明细（${m.planTotal > m.plan.length ? `前 ${m.plan.length} 件，共 ${count(m.planTotal)} 件` : `${count(m.planTotal)} 件`}）
            </summary>
            <div class="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th>档案编号</th>
                    <th>原状态</th>
                    <th>迁移到</th>
                    <th>新期限</th>
                  </tr>
                </thead>
                <tbody>
                  ${m.plan.map(
                    (p) =>
                      html`<tr>
                        <td><a href="/households/${encodeURIComponent(p.archiveNo)}">${p.archiveNo}</a></td>
                        <td>${p.fromState}（第 ${String(p.fromVersion)} 版）</td>
                        <td>${p.toState}</td>
                        <td>${p.deadlineAt === null ? '不设期限' : moment(new Date(p.deadlineAt), tz)}</td>
                      </tr>`,
                  )}
                </tbody>
              </table>
            </div>
          </details>`
        : ''
    }
    <p class="muted">
      发布后迁移：${fromVersions.map(
        (from) =>
          html`<code class="path"
            >huhuqing cases migrate --flow ${flowId} --from ${String(from)} --to ${String(version)}${mapArgs} --dry-run</code
          > `,
      )}（确认无误后去掉
      --dry-run）
    </p>
  </section>`;
}

function editor(v: FlowEditView, base: string): SafeHtml {
  return html`<form id="flow-editor" class="editor card" method="post" action="${base}/check" enctype="multipart/form-data">
    <input type="hidden" name="csrf" value="${v.csrf}" />
    <h2>流程 JSON</h2>
    <p class="muted">
      直接修改下面的内容，或上传流程文件；点「检查」只校验、不发布。已发布的版本不能修改，新版本的 "version" 须大于 ${String(v.running)}。
    </p>
    ${textarea('class="flow-json" name="text" spellcheck="false" autocomplete="off" aria-label="流程 JSON" data-testid="flow-json"', v.text)}
    <div class="row">
      <label>或上传流程文件（.json，不超过 1 MB，UTF-8）：<input type="file" name="file" accept=".json,application/json" /></label>
    </div>
    <div class="row">
      <button class="primary" type="submit" data-testid="check">检查</button>
      <span class="muted">上传了文件时检查文件的内容。</span>
    </div>
  </form>`;
}

/** A textarea holding exactly `text`: the HTML parser drops one newline right after <textarea>, so one is always written. */
function textarea(attributes: string, text: string): SafeHtml {
  return raw(`<textarea ${attributes}>\n${escapeHtml(text)}</textarea>`);
}
