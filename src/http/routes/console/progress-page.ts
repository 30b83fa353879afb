// The Progress page (/): filters, the case health tiles, the report table and its bar chart, the
// weekly trend against the target date, and every officer's workload. The charts are drawn by VChart
// in the browser from their specs, over the server-drawn SVG (chart-parts.ts).
import type { ProgressView } from '../../../app/console/build-progress-view.ts';
import { dimensionLabels, reportDimensions } from '../../../core/reports/report-types.ts';
import { chartBlock, chartScripts } from './chart-parts.ts';
import { count } from './format.ts';
import { html, type SafeHtml } from './html.ts';
import { layout, type PageChrome } from './layout.ts';

/** `nonce` is the response's CSP nonce, for the script that draws the charts. */
export function progressPage(chrome: PageChrome, v: ProgressView, nonce: string): string {
  const h = v.health;
  const r = v.report;
  return layout(
    chrome,
    html`<h1>进度 · ${v.scopeName} <span class="muted">截至 ${v.today}</span></h1>
      ${v.notices.map((n) => html`<p class="notice">${n}</p>`)} ${filters(v)}
      <div class="tiles" data-testid="health">
        ${tile('在档户数', h.households, 'households')} ${tile('在档人数', h.persons, 'persons')}
        ${tile('按期办理', h.onTrack, 'on-track', 'ok')} ${tile('临近期限', h.atRisk, 'at-risk', 'risk')}
        ${tile('已逾期', h.overdue, 'overdue', 'late', '/households?overdue=1')} ${tile('未立案', h.noCase, 'no-case')}
        ${tile('已办结', h.closed, 'closed')}
      </div>
      <p class="muted">临近期限：当前步骤已发出期限提醒；已逾期：当前步骤的期限已过（随后逐级督办）。</p>
      <div class="cols">
        <section class="card" data-testid="report">
          <h2>${r.title}</h2>
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  ${r.labelHeaders.map((l, i) => html`<th${i > 0 && r.dimension === 'region' ? html` class="hide-sm"` : ''}>${l}</th>`)}
                  <th class="num">户数</th>
                  <th class="num">人数</th>
                </tr>
              </thead>
              <tbody>
                ${r.rows.map(
                  (row) =>
                    html`<tr data-row="${row.labels.join('|')}">
                      ${row.labels.map((l, i) => html`<td${i > 0 && r.dimension === 'region' ? html` class="hide-sm"` : ''}>${l}</td>`)}
                      <td class="num" data-households="${String(row.at.households)}">${count(row.at.households)}</td>
                      <td class="num" data-persons="${String(row.at.persons)}">${count(row.at.persons)}</td>
                    </tr>`,
                )}
                <tr class="total" data-row="${r.total.labels.join('|')}">
                  ${r.total.labels.map((l, i) => html`<td${i > 0 && r.dimension === 'region' ? html` class="hide-sm"` : ''}>${l}</td>`)}
                  <td class="num" data-households="${String(r.total.at.households)}">${count(r.total.at.households)}</td>
                  <td class="num" data-persons="${String(r.total.at.persons)}">${count(r.total.at.persons)}</td>
                </tr>
              </tbody>
            </table>
          </div>
          ${r.notes.map((n) => html`<p class="muted">${n}</p>`)}
        </section>
        <section class="card" data-testid="breakdown-chart">${chartBlock(v.charts.breakdown, 'breakdown')}</section>
      </div>
      <section class="card" data-testid="trend">
        ${chartBlock(v.charts.trend, 'trend')}
        <p class="muted">${trendSummary(v)}</p>
        <details>
          <summary class="muted">逐周数字</summary>
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th>日期</th>
                  <th class="num">在档户数</th>
                  <th class="num">按期清零应为</th>
                </tr>
              </thead>
              <tbody>
                ${v.trend.dates.map(
                  (d, i) =>
                    html`<tr>
                      <td>${d}</td>
                      <td class="num">${count(v.trend.households[i] ?? 0)}</td>
                      <td class="num">
                        ${v.trend.ideal[i] === null || v.trend.ideal[i] === undefined ? '—' : count(v.trend.ideal[i] ?? 0)}
                      </td>
                    </tr>`,
                )}
              </tbody>
            </table>
          </div>
        </details>
      </section>
      <section class="card" data-testid="officers">
        <h2>责任人工作量</h2>
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th>责任人</th>
                <th class="num">在档</th>
                <th class="num">按期</th>
                <th class="num">临期</th>
                <th class="num">逾期</th>
                <th class="num hide-sm">未立案</th>
                <th class="num hide-sm">已办结</th>
              </tr>
            </thead>
            <tbody>
              ${
                v.officers.length === 0
                  ? html`<tr>
                      <td colspan="7" class="muted">没有在档的户</td>
                    </tr>`
                  : ''
              }
              ${v.officers.map(
                (o) =>
                  html`<tr data-officer="${o.name}">
                    <td>${o.name}</td>
                    <td class="num">${count(o.households)}</td>
                    <td class="num">${count(o.onTrack)}</td>
                    <td class="num${o.atRisk ? ' risk' : ''}">${count(o.atRisk)}</td>
                    <td class="num${o.overdue ? ' late' : ''}" data-overdue="${String(o.overdue)}">${count(o.overdue)}</td>
                    <td class="num hide-sm">${count(o.noCase)}</td>
                    <td class="num hide-sm">${count(o.closed)}</td>
                  </tr>`,
              )}
            </tbody>
          </table>
        </div>
      </section>
      ${chartScripts(nonce)}`,
  ).value;
}

function tile(label: string, n: number, key: string, tone = '', href?: string): SafeHtml {
  const body = html`<div class="n" data-count="${key}">${count(n)}</div>
    <div class="l">${label}</div>`;
  return html`<div class="tile ${tone}">${href && n > 0 ? html`<a href="${href}">${body}</a>` : body}</div>`;
}

function filters(v: ProgressView): SafeHtml {
  const f = v.filters;
  return html`<form class="filters card" method="get" action="/">
    <label
      >地区<select name="region">
        <option value="">全部（我的范围）</option>
        ${v.regions.map((r) => html`<option value="${r.code}" ${r.code === f.region ? ' selected' : ''}>${'\u3000'.repeat(Math.min(r.depth, 3))}${r.name}</option>`)}
      </select></label
    >
    <label
      >汇总维度<select name="by">
        ${reportDimensions.map((d) => html`<option value="${d}" ${d === f.by ? ' selected' : ''}>${dimensionLabels[d]}</option>`)}
      </select></label
    >
    <label
      >趋势周数<select name="weeks">
        ${[4, 8, 12, 26].map((w) => html`<option value="${String(w)}" ${w === f.weeks ? ' selected' : ''}>${String(w)} 周</option>`)}
      </select></label
    >
    <label>目标日期<input type="date" name="target" value="${f.target ?? ''}" /></label>
    <button class="primary" type="submit">查看</button>
  </form>`;
}

function trendSummary(v: ProgressView): string {
  const t = v.trend;
  const actual =
    t.actualPerWeek > 0 ? `近 ${t.dates.length} 周平均每周减少 ${t.actualPerWeek} 户` : `近 ${t.dates.length} 周在档户数没有减少`;
  if (t.target === null) return `${actual}；档案中没有脱困时限，未画目标线（可在上方填写目标日期）。`;
  if (t.neededPerWeek === null) return `目标日期 ${t.target} 已过；${actual}。`;
  return `目标日期 ${t.target}：按期清零需每周减少约 ${t.neededPerWeek} 户；${actual}。`;
}
