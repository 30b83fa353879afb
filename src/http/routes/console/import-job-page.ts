// An import's page (/ops/import/:job): a progress bar while it runs (the response carries
// `Refresh: 1`, so the browser reloads it every second without any script), then the counts and
// the link to the rejected-rows CSV. The same status is JSON at /ops/import/:job/status.
import type { ImportJobStatus } from '../../../app/console/import-jobs.ts';
import { count } from './format.ts';
import { html } from './html.ts';
import { layout, type PageChrome } from './layout.ts';
import { opsCss } from './ops-page.ts';

export function importJobPage(chrome: PageChrome, s: ImportJobStatus, extra: { warnings: string[]; details: readonly string[] }): string {
  const r = s.result;
  return layout(
    chrome,
    html`${opsCss}
      <p><a href="/ops#import">← 操作</a></p>
      <h1>导入「${s.fileName}」${s.dryRun ? html` <span class="badge">试运行</span>` : ''}</h1>
      <section class="card" data-testid="import-job" data-status="${s.status}">
        ${
          s.status === 'running'
            ? html`<p>正在导入…… 已读 <span data-testid="rows">${count(s.rowsRead)}</span> 行</p>
                <progress data-testid="progress" max="100" value="${String(s.percent)}">${String(s.percent)}%</progress>
                <p class="muted">${String(s.percent)}% · 页面每秒自动刷新；离开本页不会中断导入。</p>`
            : s.status === 'failed'
              ? html`<p class="error" role="alert" data-testid="import-error">${s.error ?? '导入失败'}</p>
                  ${
                    extra.details.length
                      ? html`<ul>
                          ${extra.details.map((d) => html`<li>${d}</li>`)}
                        </ul>`
                      : ''
                  }
                  <p>请按提示修改文件后<a href="/ops#import">重新上传</a>（已写入的行再次导入只会更新，不会重复）。</p>`
              : html`<progress data-testid="progress" max="100" value="100">100%</progress>
                  <p data-testid="import-done">${s.dryRun ? '试运行完成（未写入数据库），若正式导入，结果将是：' : '导入完成：'}</p>
                  <div class="tiles" data-testid="import-result">
                    ${tile('新建', r?.created ?? 0, 'created', 'ok')} ${tile('更新', r?.updated ?? 0, 'updated')}
                    ${tile('未变', r?.unchanged ?? 0, 'unchanged')} ${tile('拒绝', r?.rejected ?? 0, 'rejected', r?.rejected ? 'late' : '')}
                  </div>
                  ${r && r.blankRows > 0 ? html`<p class="muted">空行 ${count(r.blankRows)} 行已跳过。</p>` : ''}
                  ${r && r.peopleAdded > 0 ? html`<p class="muted">名册新增责任人 ${count(r.peopleAdded)} 人（按手机号/邮箱添加）。</p>` : ''}
                  ${r && r.regionsAdded > 0 ? html`<p class="muted">新增地区 ${count(r.regionsAdded)} 个。</p>` : ''}
                  ${extra.warnings.map((w) => html`<p class="notice">提示：${w}</p>`)}
                  ${
                    s.hasRejects
                      ? html`<p>
                          <a data-testid="rejects" href="/ops/import/${s.id}/rejects.csv"
                            >下载错误报告（被拒绝的 ${count(r?.rejected ?? 0)} 行）</a
                          >
                          <span class="muted">：原来的列，加上“行号”和“错误原因”；按原因改好后可直接重新导入。</span>
                        </p>`
                      : html`<p class="ok">每一行都通过了检查。</p>`
                  }`
        }
      </section>`,
  ).value;
}

function tile(label: string, n: number, key: string, tone = ''): ReturnType<typeof html> {
  return html`<div class="tile ${tone}">
    <div class="n" data-count="${key}">${count(n)}</div>
    <div class="l">${label}</div>
  </div>`;
}
