// The Operations page (/ops): 延期, 改派, 绑定群, 督查台账 and (admins) 导入, each a plain form
// (POST forms carry the session's CSRF token), then the viewer's latest operations with links to
// their audit trail. A refused or incomplete form comes back with the message at its place.
import type { OperationsView } from '../../../app/console/build-operations-view.ts';
import { count, moment } from './format.ts';
import { html, raw, type SafeHtml } from './html.ts';
import { layout, type PageChrome } from './layout.ts';

export type OpsForm = 'extend' | 'reassign' | 'bind' | 'import';

export interface OpsPageState {
  csrf: string;
  timezone: string;
  scopeName: string;
  maxUploadMb: number;
  /** A form that came back: its message and what was typed. */
  problem?: { form: OpsForm; message: string; values: Record<string, string> };
  /** An import still running in this process. */
  runningImport?: { id: string; fileName: string } | undefined;
}

/** Small additions for the forms of this page (inline: the console loads nothing else). */
export const opsCss = raw(`<style>
form.stack{display:flex;flex-direction:column;gap:8px}
form.stack label{display:flex;flex-direction:column;gap:2px;font-size:13px;color:#646a73}
form.stack label.check{flex-direction:row;align-items:center;gap:6px}
form.stack .row{display:flex;flex-wrap:wrap;gap:8px}form.stack .row>label{flex:1 1 140px;min-width:0}
textarea{font:inherit;font-size:14px;padding:6px 8px;border:1px solid #d0d3d6;border-radius:6px;width:100%;min-height:60px;resize:vertical}
.error{background:#fde2e2;border:1px solid #f8b4b4;color:#b42318;border-radius:8px;padding:6px 10px;margin:0 0 8px}
progress{width:100%;height:18px}
form.inline{display:inline;margin:0}
code{font-size:12px;background:#f2f3f5;padding:0 4px;border-radius:4px;overflow-wrap:anywhere}
</style>`);

export function opsPage(chrome: PageChrome, v: OperationsView, s: OpsPageState): string {
  const value = (form: OpsForm, name: string, fallback = '') =>
    s.problem?.form === form ? (s.problem.values[name] ?? fallback) : fallback;
  const problem = (form: OpsForm) =>
    s.problem?.form === form ? html`<p class="error" role="alert" data-testid="problem">${s.problem.message}</p>` : '';
  const csrf = html`<input type="hidden" name="csrf" value="${s.csrf}" />`;
  const regionOptions = (selected: string) =>
    v.regions.map(
      (r) =>
        html`<option value="${r.code}" ${r.code === selected ? ' selected' : ''}>
          ${'\u3000'.repeat(Math.min(r.depth, 3))}${r.name}
        </option>`,
    );
  const firstRegion = v.regions[0]?.code ?? '';
  const officerOptions = (selected: string, withHouseholds: boolean) =>
    v.officers
      .filter((o) => (withHouseholds ? o.households > 0 : o.active))
      .map(
        (o) =>
          html`<option value="${String(o.id)}" ${String(o.id) === selected ? ' selected' : ''}>
            ${o.name} · ${o.regionName} · ${count(o.households)} 户${o.active ? '' : '（已停用）'}
          </option>`,
      );
  return layout(
    chrome,
    html`${opsCss}
      <h1>操作 <span class="muted">范围：${s.scopeName}</span></h1>
      <p class="muted">这里的每项操作都以你的名义记入留痕（审计记录），只作用于你负责的地区。</p>
      <div class="cols">
        <section class="card" id="extend" data-testid="extend">
          <h2>延期</h2>
          <p class="muted">把一个地区（含下级地区）所有在办案件当前步骤的期限延长若干个工作日，并按新期限重排提醒与督办。</p>
          ${problem('extend')}
          <form class="stack" method="post" action="/ops/extend">
            ${csrf}
            <div class="row">
              <label
                >地区<select name="region" required>
                  <option value="">请选择（含下级地区）</option>
                  ${regionOptions(value('extend', 'region'))}
                </select></label
              >
              <label
                >延长工作日<input
                  type="number"
                  name="workdays"
                  min="1"
                  max="60"
                  step="1"
                  required
                  value="${value('extend', 'workdays', '3')}"
              /></label>
            </div>
            <label
              >只延长处于这一步的案件<select name="state">
                <option value="">全部环节</option>
                ${v.states.map(
                  (st) => html`<option value="${st.id}" ${st.id === value('extend', 'state') ? ' selected' : ''}>${st.title}</option>`,
                )}
              </select></label
            >
            <label>理由（必填，记入留痕）<textarea name="reason" required maxlength="500">${value('extend', 'reason')}</textarea></label>
            <div><button class="primary" type="submit">延长期限</button></div>
          </form>
        </section>
        <section class="card" id="reassign" data-testid="reassign">
          <h2>改派</h2>
          <p class="muted">把一名责任人名下的全部家庭改派给另一名责任人（调岗、离职）。两人都须在你负责的地区内。</p>
          ${problem('reassign')}
          <form class="stack" method="post" action="/ops/reassign">
            ${csrf}
            <label
              >原责任人<select name="from" required>
                <option value="">请选择</option>
                ${officerOptions(value('reassign', 'from'), true)}
              </select></label
            >
            <label
              >新责任人<select name="to" required>
                <option value="">请选择</option>
                ${officerOptions(value('reassign', 'to'), false)}
              </select></label
            >
            <label>理由（必填，记入留痕）<textarea name="reason" required maxlength="500">${value('reassign', 'reason')}</textarea></label>
            <div><button class="primary" type="submit">改派</button></div>
          </form>
        </section>
        <section class="card" id="bind" data-testid="bind">
          <h2>绑定群</h2>
          <p class="muted">
            指定一个飞书群的用途和地区：工作群收提醒汇总，督查组收逾期督办，督导群收每日简报。与在群里发送「@机器人 绑定 督查组
            麒麟区」效果相同。
          </p>
          ${problem('bind')}
          <form class="stack" method="post" action="/ops/bind">
            ${csrf}
            <label
              >群 ID（oc_ 开头）<input
                name="chatId"
                required
                list="known-chats"
                autocomplete="off"
                placeholder="oc_…"
                value="${value('bind', 'chatId')}"
            /></label>
            <datalist id="known-chats">
              ${v.unboundChats.map((c) => html`<option value="${c.chatId}">${c.name ?? ''}（未绑定）</option>`)}
              ${v.chats.map((c) => html`<option value="${c.chatId}">${c.name ?? ''}（${c.regionName}${c.purposeLabel}）</option>`)}
            </datalist>
            <label>群名称（可选）<input name="name" maxlength="100" autocomplete="off" value="${value('bind', 'name')}" /></label>
            <div class="row">
              <label
                >用途<select name="purpose" required>
                  ${v.purposes.map(
                    (p) =>
                      html`<option value="${p.id}" ${p.id === value('bind', 'purpose', 'officer_group') ? ' selected' : ''}>
                        ${p.label}
                      </option>`,
                  )}
                </select></label
              >
              <label
                >地区<select name="region" required>
                  ${regionOptions(value('bind', 'region', firstRegion))}
                </select></label
              >
            </div>
            <div><button class="primary" type="submit">绑定</button></div>
          </form>
          ${
            v.unboundChats.length
              ? html`<p class="muted">机器人已进群但尚未绑定：</p>
                  <ul data-testid="unbound-chats">
                    ${v.unboundChats.map((c) => html`<li>${c.name ?? '（未命名）'} <code>${c.chatId}</code></li>`)}
                  </ul>`
              : ''
          }
          <details>
            <summary>已绑定的群（${String(v.chats.length)}）</summary>
            <div class="table-wrap">
              <table data-testid="chats">
                <thead>
                  <tr>
                    <th>群</th>
                    <th>用途</th>
                    <th>地区</th>
                  </tr>
                </thead>
                <tbody>
                  ${v.chats.map(
                    (c) =>
                      html`<tr data-chat-id="${c.chatId}">
                        <td>${c.name ?? ''} <code>${c.chatId}</code></td>
                        <td>${c.purposeLabel}</td>
                        <td>${c.regionName}</td>
                      </tr>`,
                  )}
                </tbody>
              </table>
            </div>
          </details>
        </section>
        <section class="card" id="ledger" data-testid="ledger">
          <h2>督查台账</h2>
          <p class="muted">
            下载一个地区（含下级）的督查台账 Excel：逾期未办的户、责任人、逾期天数、责任人说明，以及每次提醒和督办的时间、对象和督办人。
          </p>
          <form class="stack" method="get" action="/ops/ledger">
            <label
              >地区<select name="region" required>
                ${regionOptions(firstRegion)}
              </select></label
            >
            <div><button class="primary" type="submit">下载 Excel</button></div>
          </form>
        </section>
        ${v.mayImport ? importForm(s, problem('import'), csrf) : ''}
      </div>
      <section class="card" data-testid="recent">
        <h2>最近的操作</h2>
        ${
          v.recent.length === 0
            ? html`<p class="muted">还没有在控制台做过操作。</p>`
            : html`<div class="table-wrap">
                <table>
                  <thead>
                    <tr>
                      <th>时间</th>
                      <th>操作</th>
                      <th class="hide-sm">操作人</th>
                      <th>内容</th>
                    </tr>
                  </thead>
                  <tbody>
                    ${v.recent.map(
                      (r) =>
                        html`<tr data-operation="${String(r.id)}">
                          <td>${moment(r.at, s.timezone)}</td>
                          <td><a href="/ops/audit/${String(r.id)}">${r.title}</a></td>
                          <td class="hide-sm">${r.actor}</td>
                          <td>${r.summary}</td>
                        </tr>`,
                    )}
                  </tbody>
                </table>
              </div>`
        }
      </section>`,
  ).value;
}

function importForm(s: OpsPageState, problem: SafeHtml | string, csrf: SafeHtml): SafeHtml {
  return html`<section class="card" id="import" data-testid="import">
    <h2>导入</h2>
    <p class="muted">
      上传户档 Excel（.xlsx）或 CSV，最大 ${String(s.maxUploadMb)} MB，格式同命令行 huhuqing
      import：同一档案编号再次导入会更新，不会重复。有问题的行不导入，可下载错误报告（原列 + 行号 + 错误原因），改好后直接重新导入。
    </p>
    ${problem}
    ${
      s.runningImport
        ? html`<p class="notice">
            正在导入「${s.runningImport.fileName}」：<a href="/ops/import/${s.runningImport.id}">查看进度</a>。完成后才能开始下一次导入。
          </p>`
        : ''
    }
    <form class="stack" method="post" action="/ops/import" enctype="multipart/form-data">
      ${csrf}
      <label>户档文件<input type="file" name="file" required accept=".xlsx,.csv" /></label>
      <label class="check"><input type="checkbox" name="dryRun" value="1" />试运行：只检查并报告结果，不写入</label>
      <div><button class="primary" type="submit">上传并导入</button></div>
    </form>
  </section>`;
}
