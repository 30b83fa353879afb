// The Households page (/households): the search form and one page of the viewer's households.
import type { HouseholdListView } from '../../../app/console/find-households.ts';
import { count, moment } from './format.ts';
import { html, type SafeHtml } from './html.ts';
import { layout, type PageChrome } from './layout.ts';

export function householdsPage(chrome: PageChrome, v: HouseholdListView, tz: string): string {
  const f = v.filters;
  return layout(
    chrome,
    html`<h1>户档 <span class="muted">共 ${count(v.total)} 户</span></h1>
      <form class="filters card" method="get" action="/households">
        <label>档案编号<input name="no" value="${f.no}" placeholder="如 QJ530302" autocomplete="off" /></label>
        <label>户主<input name="name" value="${f.name}" placeholder="杨*华 或 杨" autocomplete="off" /></label>
        <label
          >地区<select name="region">
            <option value="">全部</option>
            ${v.regions.map((r) => html`<option value="${r.code}" ${r.code === f.region ? ' selected' : ''}>${'\u3000'.repeat(Math.min(r.depth, 3))}${r.name}</option>`)}
          </select></label
        >
        <label
          >办理状态<select name="state">
            <option value="">全部</option>
            ${v.states.map((s) => html`<option value="${s.id}" ${s.id === f.state ? ' selected' : ''}>${s.title}</option>`)}
            <option value="none" ${f.state === 'none' ? ' selected' : ''}>未立案</option>
          </select></label
        >
        <label
          >档案<select name="file">
            <option value="open" ${f.file === 'open' ? ' selected' : ''}>在档</option>
            <option value="closed" ${f.file === 'closed' ? ' selected' : ''}>已销档</option>
            <option value="all" ${f.file === 'all' ? ' selected' : ''}>全部</option>
          </select></label
        >
        <label class="check"><input type="checkbox" name="overdue" value="1" ${f.overdue ? ' checked' : ''} />只看逾期</label>
        <button class="primary" type="submit">查找</button>
      </form>
      <section class="card">
        <div class="table-wrap">
          <table data-testid="households">
            <thead>
              <tr>
                <th>档案编号</th>
                <th>户主</th>
                <th class="hide-sm">地区</th>
                <th class="hide-sm">级别</th>
                <th class="num hide-sm">人口</th>
                <th class="hide-sm">责任人</th>
                <th>办理状态</th>
                <th class="hide-sm">期限</th>
              </tr>
            </thead>
            <tbody>
              ${
                v.rows.length === 0
                  ? html`<tr>
                      <td colspan="8" class="muted">没有符合条件的户</td>
                    </tr>`
                  : ''
              }
              ${v.rows.map(
                (r) =>
                  html`<tr data-archive-no="${r.archiveNo}">
                    <td><a href="/households/${encodeURIComponent(r.archiveNo)}">${r.archiveNo}</a></td>
                    <td>${r.maskedName}</td>
                    <td class="hide-sm">${r.regionName}</td>
                    <td class="hide-sm">${r.archiveLevel}</td>
                    <td class="num hide-sm">${String(r.persons)}</td>
                    <td class="hide-sm">${r.officerName ?? '（未指定）'}</td>
                    <td>
                      ${r.closedOn ? html`<span class="badge">已销档</span>` : ''} ${r.stateTitle}
                      ${r.overdue ? html`<span class="badge late">逾期</span>` : ''}
                    </td>
                    <td class="hide-sm">${r.deadlineAt ? moment(r.deadlineAt, tz) : '—'}</td>
                  </tr>`,
              )}
            </tbody>
          </table>
        </div>
        ${pager(v)}
      </section>`,
  ).value;
}

function pager(v: HouseholdListView): SafeHtml {
  if (v.pages <= 1) return html``;
  const link = (page: number) => {
    const q = new URLSearchParams();
    const f = v.filters;
    if (f.no) q.set('no', f.no);
    if (f.name) q.set('name', f.name);
    if (f.region) q.set('region', f.region);
    if (f.state) q.set('state', f.state);
    if (f.file !== 'open') q.set('file', f.file);
    if (f.overdue) q.set('overdue', '1');
    q.set('page', String(page));
    return `/households?${q.toString()}`;
  };
  return html`<nav class="pager" aria-label="翻页">
    ${v.page > 1 ? html`<a href="${link(v.page - 1)}" rel="prev">上一页</a>` : ''}
    <span class="muted">第 ${String(v.page)} / ${String(v.pages)} 页</span>
    ${v.page < v.pages ? html`<a href="${link(v.page + 1)}" rel="next">下一页</a>` : ''}
  </nav>`;
}
