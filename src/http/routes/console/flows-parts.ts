// What the Workflows pages share: their stylesheet, and the Mermaid diagram block with the two
// scripts that draw it (the library from /assets, a small inline script allowed by the per-page
// nonce sendPage puts into the CSP; without scripts the block shows the diagram's text).
import type { FlowVersionRow } from '../../../app/flows/list-flow-versions.ts';
import { count, moment } from './format.ts';
import { html, raw, type SafeHtml } from './html.ts';
import { mermaidAsset } from './library-assets.ts';

export const flowsCss = `
.flow-head{display:flex;flex-wrap:wrap;gap:6px 14px;align-items:baseline}
.flow-actions{display:flex;flex-wrap:wrap;gap:8px;align-items:center;margin:0 0 12px}
a.button{display:inline-block;padding:6px 12px;border:1px solid #3370ff;border-radius:6px;background:#3370ff;color:#fff}
a.button:hover{text-decoration:none;background:#245bdb}
pre.mermaid{margin:0;overflow:auto;font-size:12px;color:#646a73;background:#fafafa;border-radius:8px;padding:8px;min-height:60px}
pre.mermaid[data-rendered]{white-space:normal;background:#fff;text-align:center;color:inherit}
pre.mermaid svg{max-width:100%;height:auto}
@media (max-width:600px){pre.mermaid[data-rendered] svg{min-width:760px}}
.diagram-error{color:#d83931;font-size:13px}
.success{background:#e8ffea;border:1px solid #8fdb92;border-radius:8px;padding:8px 12px;margin-bottom:12px}
.problems{background:#fff1f0;border:1px solid #ffa39e;border-radius:8px;padding:8px 12px;margin-bottom:12px}
.problems ol{margin:6px 0 0;padding-left:22px}.problems li{margin:4px 0;overflow-wrap:anywhere}
code.path{font-size:12px;background:#f2f3f5;border-radius:4px;padding:0 4px;overflow-wrap:anywhere}
.code{font:12px/1.6 ui-monospace,SFMono-Regular,Menlo,Consolas,"Noto Sans Mono CJK SC",monospace;max-height:70vh;overflow:auto;border:1px solid #dee0e3;border-radius:8px;background:#fbfbfc}
.code .ln{display:grid;grid-template-columns:4.5em minmax(0,1fr);white-space:pre}
.code .no{color:#8f959e;text-align:right;padding-right:10px;user-select:none;border-right:1px solid #eff0f1}
.code .ln code{padding-left:10px;font:inherit}
.code .ln.bad{background:#fde2e2}.code .ln.bad .no{color:#d83931;font-weight:700}
.code .msg{display:grid;grid-template-columns:4.5em minmax(0,1fr);background:#fff1f0;color:#d83931;border-bottom:1px solid #ffa39e}
.code .msg div{padding:2px 10px;white-space:pre-wrap;font-family:inherit}
.code .ln:target{outline:2px solid #3370ff}
textarea.flow-json{width:100%;min-height:420px;font:12px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;padding:8px;border:1px solid #d0d3d6;border-radius:6px;white-space:pre;overflow:auto}
form.editor{display:flex;flex-direction:column;gap:10px}form.editor h2,form.editor p{margin:0}
form.editor .row{display:flex;flex-wrap:wrap;gap:8px 14px;align-items:center}
ul.diff{margin:0;padding-left:20px}ul.diff li{margin:3px 0;overflow-wrap:anywhere}
ul.states-nested{margin:0}
td.indent-1{padding-left:22px}td.indent-2{padding-left:36px}
`;

/** The diagram as Mermaid text; the page's script replaces it with the drawn SVG. */
export function mermaidBlock(diagram: string, testId: string): SafeHtml {
  return html`<pre class="mermaid" data-testid="${testId}">${diagram}</pre>`;
}

/** The scripts that draw every `pre.mermaid` of the page; `nonce` is the page's CSP nonce. */
export function mermaidScripts(nonce: string): SafeHtml {
  const draw = `document.addEventListener('DOMContentLoaded', async function () {
  var blocks = document.querySelectorAll('pre.mermaid');
  if (!window.mermaid || blocks.length === 0) return;
  window.mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', theme: 'neutral' });
  for (var i = 0; i < blocks.length; i++) {
    var pre = blocks[i];
    try {
      var out = await window.mermaid.render('flow-diagram-' + i, pre.textContent);
      pre.innerHTML = out.svg;
      pre.setAttribute('data-rendered', '');
    } catch (error) {
      var p = document.createElement('p');
      p.className = 'diagram-error';
      p.textContent = '流程图无法绘制：' + (error && error.message ? error.message : String(error));
      pre.after(p);
    }
  }
  document.body.setAttribute('data-diagrams', 'done');
});`;
  return html`<script src="${mermaidAsset.url}" defer></script>
    <script nonce="${nonce}">
      ${raw(draw)};
    </script>`;
}

/** A flow's published versions: when, by whom, its cases; the list page adds the checksums. */
export function versionsTable(versions: readonly FlowVersionRow[], latest: number, tz: string, options: { checksum: boolean }): SafeHtml {
  return html`<div class="table-wrap">
    <table data-testid="versions">
      <thead>
        <tr>
          <th>版本</th>
          <th>发布时间</th>
          <th>发布人</th>
          <th class="num">在办案件</th>
          <th class="num">已结案件</th>
          ${options.checksum ? html`<th class="hide-sm">校验和</th>` : ''}
        </tr>
      </thead>
      <tbody>
        ${versions.map(
          (v) =>
            html`<tr data-version="${String(v.version)}">
              <td>第 ${String(v.version)} 版${v.version === latest ? html` <span class="badge ok">运行中</span>` : ''}</td>
              <td>${moment(v.publishedAt, tz)}</td>
              <td>${v.publishedBy}</td>
              <td class="num" data-count="active">${count(v.activeCases)}</td>
              <td class="num" data-count="closed">${count(v.closedCases)}</td>
              ${options.checksum ? html`<td class="hide-sm"><code class="path">${v.checksum}</code></td>` : ''}
            </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}
