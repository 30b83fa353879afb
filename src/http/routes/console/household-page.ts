// One household (/households/:archiveNo): the file (masked unless the full view was asked for and
// recorded), its cases, and the timeline of every audit event.
import type { HouseholdPageView } from '../../../app/console/build-household-view.ts';
import { moment } from './format.ts';
import { html } from './html.ts';
import { layout, type PageChrome } from './layout.ts';

export function householdPage(chrome: PageChrome, v: HouseholdPageView, tz: string, csrf: string): string {
  const h = v.household;
  return layout(
    chrome,
    html`<p><a href="/households">← 户档</a></p>
      <h1>${h.archiveNo} <span class="muted">${h.regionChain}</span></h1>
      <div class="cols">
        <section class="card" data-testid="household">
          <h2>
            档案${v.full ? html` <span class="badge late" data-testid="full">完整信息（已记录查看）</span>` : html` <span class="badge">已脱敏</span>`}
          </h2>
          <dl class="facts">
            <dt>户主</dt>
            <dd data-field="headName">${h.headName}</dd>
            <dt>身份证号</dt>
            <dd data-field="idNumber">${h.idNumber}</dd>
            <dt>联系电话</dt>
            <dd data-field="phone">${h.phone ?? '—'}</dd>
            <dt>工作单位</dt>
            <dd>${h.employer ?? '—'}</dd>
            <dt>家庭人口</dt>
            <dd>${String(h.persons)}</dd>
            <dt>致困原因</dt>
            <dd data-field="causes">
              ${h.causes.join('、') || '—'}${h.hiddenCauses ? `（另有 ${h.hiddenCauses} 项涉及健康，已隐藏）` : ''}
            </dd>
            <dt>困难类型</dt>
            <dd>${h.tier ?? '未分类'}</dd>
            <dt>档案级别</dt>
            <dd>${h.archiveLevel}</dd>
            <dt>责任人</dt>
            <dd>${h.officerName ?? '（未指定）'}</dd>
            <dt>脱困时限</dt>
            <dd>${h.deadline ?? '—'}</dd>
            <dt>建档日期</dt>
            <dd>${h.filedOn}</dd>
            ${
              h.closedOn
                ? html`<dt>销档</dt>
                    <dd>${h.closedOn}（${h.closedReason ?? '未注明原因'}）</dd>`
                : ''
            }
          </dl>
          ${
            !v.full && v.mayViewFull
              ? html`<form method="post" action="/households/${encodeURIComponent(h.archiveNo)}/full">
                  <input type="hidden" name="csrf" value="${csrf}" />
                  <p class="muted">查看完整的姓名、身份证号、电话和病情信息会记入审计记录。</p>
                  <button type="submit">查看完整信息</button>
                </form>`
              : ''
          }
        </section>
        <section class="card" data-testid="cases">
          <h2>案件</h2>
          ${v.cases.length === 0 ? html`<p class="muted">未立案</p>` : ''}
          ${v.cases.map(
            (c) =>
              html`<dl class="facts">
                <dt>工作</dt>
                <dd>${c.campaign}（#${String(c.id)}，流程 ${c.flow}）</dd>
                <dt>办理状态</dt>
                <dd>
                  ${c.stateTitle} ${c.active ? '' : html`<span class="badge">已结案</span>`}
                  ${c.overdue ? html`<span class="badge late">逾期</span>` : ''}
                </dd>
                ${
                  c.deadlineAt
                    ? html`<dt>本步期限</dt>
                        <dd>${moment(c.deadlineAt, tz)}</dd>`
                    : ''
                }
                ${
                  c.openEscalations
                    ? html`<dt>督办</dt>
                        <dd class="late">${String(c.openEscalations)} 项待确认</dd>`
                    : ''
                }
              </dl>`,
          )}
        </section>
      </div>
      <section class="card">
        <h2>时间线 <span class="muted">${String(v.events.length)} 条记录</span></h2>
        <ol class="timeline" data-testid="timeline">
          ${v.events.map(
            (e) =>
              html`<li>
                <div class="when">${moment(e.at, tz)} · ${e.source} · ${e.actor}</div>
                <div class="what">${e.action}${e.move ? `：${e.move}` : ''}</div>
                ${e.details.length ? html`<div class="detail">${e.details.join('；')}</div>` : ''}
              </li>`,
          )}
        </ol>
      </section>`,
  ).value;
}
