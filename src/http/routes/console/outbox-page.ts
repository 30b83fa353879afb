// The Outbox page (/outbox): messages waiting and the oldest of them, messages Lark refused with
// the reason in Chinese (重试 per message and 全部重试 for admins; supervisors read), the API quota
// used this month and how it is counted, and the Lark events received but not processed yet.
import type { OutboxRowView, OutboxView } from '../../../app/console/build-outbox-view.ts';
import { count, moment } from './format.ts';
import { html, type SafeHtml } from './html.ts';
import { layout, type PageChrome } from './layout.ts';
import { opsCss } from './ops-page.ts';

export function outboxPage(chrome: PageChrome, v: OutboxView, s: { csrf: string; timezone: string; notice: SafeHtml | null }): string {
  const tz = s.timezone;
  const inboundWaiting = v.inbound.received + v.inbound.processing + v.inbound.failed;
  const quotaTone = v.quota.stopped || v.quota.used >= v.quota.limit ? 'late' : v.quota.used >= v.quota.limit * 0.8 ? 'risk' : 'ok';
  return layout(
    chrome,
    html`${opsCss}
      <h1>消息发送 ${v.mayRetry ? '' : html`<span class="badge">只读</span>`}</h1>
      ${s.notice ? html`<p class="notice" data-testid="notice">${s.notice}</p>` : ''}
      ${
        v.quota.stopped
          ? html`<p class="error" role="alert">本月飞书 API 调用额度已用完（99991403）：所有消息暂停发送，下月 1 日恢复后自动继续。</p>`
          : ''
      }
      <div class="tiles" data-testid="outbox-counts">
        ${tile('待发送', v.counts.pending, 'pending', v.counts.pending ? 'risk' : '')} ${tile('发送中', v.counts.sending, 'sending')}
        ${tile('发送失败', v.counts.failed, 'failed', v.counts.failed ? 'late' : 'ok')}
        ${tile(`本月 API 调用（额度 ${count(v.quota.limit)}）`, v.quota.used, 'quota', quotaTone)}
        ${tile('待处理的飞书事件', inboundWaiting, 'inbound', inboundWaiting ? 'risk' : '')}
      </div>
      <section class="card" data-testid="failed">
        <h2>
          发送失败
          <span class="muted"
            >${count(v.failedVisible)} 条${v.failed.length < v.failedVisible ? `，列出最近 ${v.failed.length} 条` : ''}</span
          >
        </h2>
        <p class="muted">
          飞书拒收的消息不会自动重发。按原因处理后（如把机器人拉回群里、在开发者后台调整可用范围）再点「重试」：消息回到待发送队列，沿用原来的去重标识，不会重复送达。
        </p>
        ${
          v.mayRetry && v.failed.length > 0
            ? html`<form method="post" action="/outbox/retry-all">
                <input type="hidden" name="csrf" value="${s.csrf}" /><button type="submit" data-testid="retry-all">
                  全部重试（${count(v.counts.failed)} 条）
                </button>
              </form>`
            : ''
        }
        ${rows(v.failed, tz, v.mayRetry ? s.csrf : null, '没有发送失败的消息。')}
      </section>
      <section class="card" data-testid="waiting">
        <h2>
          等待发送
          <span class="muted"
            >${count(v.counts.pending + v.counts.sending)}
            条${v.oldestWaiting ? `，最早的在 ${moment(v.oldestWaiting, tz)} 加入队列` : ''}</span
          >
        </h2>
        ${rows(v.waiting, tz, null, '没有等待发送的消息。')}
      </section>
      <div class="cols">
        <section class="card" data-testid="quota">
          <h2>本月 API 额度</h2>
          <p>
            <strong data-testid="quota-used">${count(v.quota.used)}</strong> / ${count(v.quota.limit)} 次（自
            ${moment(v.quota.since, 'Asia/Shanghai')} 北京时间起）
          </p>
          <p class="muted">
            计法：本月（按北京时间，每月 1
            日重置）发送成功的消息队列记录数。每条记录是一次计入额度的飞书调用（发消息、回复、更新卡片、加急）。不含：获取令牌和按手机号/邮箱查找用户（飞书不计入额度）、被飞书拒绝的调用、机器人启动时查询自身信息的调用，以及同一企业其他应用的调用——所以这是本应用用量的下限，企业的实际总量以开发者后台为准。免费版额度为每月
            10,000 次（企业内所有自建应用合计）。
          </p>
        </section>
        <section class="card" data-testid="inbound">
          <h2>收到的飞书事件</h2>
          <dl class="facts">
            <dt>待处理</dt>
            <dd data-count="inbound-received">${count(v.inbound.received)}</dd>
            <dt>处理中</dt>
            <dd>${count(v.inbound.processing)}</dd>
            <dt>失败待重试</dt>
            <dd>${count(v.inbound.failed)}</dd>
            <dt>已放弃</dt>
            <dd>${count(v.inbound.abandoned)}</dd>
            <dt>最早待处理</dt>
            <dd>${v.inbound.oldestWaiting ? moment(v.inbound.oldestWaiting, tz) : '—'}</dd>
          </dl>
          <p class="muted">事件先落库再应答飞书，随后处理；失败的会自动重试，多次失败后放弃（见服务器日志）。</p>
        </section>
      </div>`,
  ).value;
}

function rows(list: OutboxRowView[], tz: string, csrf: string | null, empty: string): SafeHtml {
  if (list.length === 0) return html`<p class="muted">${empty}</p>`;
  return html`<div class="table-wrap">
    <table>
      <thead>
        <tr>
          <th class="num">#</th>
          <th>内容</th>
          <th>发给</th>
          <th class="hide-sm">加入队列</th>
          <th class="num hide-sm">尝试</th>
          <th>原因</th>
          ${csrf ? html`<th></th>` : ''}
        </tr>
      </thead>
      <tbody>
        ${list.map(
          (r) =>
            html`<tr data-outbox-id="${String(r.id)}">
              <td class="num">${String(r.id)}</td>
              <td>${r.what}</td>
              <td>${r.to}</td>
              <td class="hide-sm">${moment(r.createdAt, tz)}</td>
              <td class="num hide-sm">${String(r.attempts)}</td>
              <td data-testid="reason">${r.reason ?? '—'}</td>
              ${
                csrf
                  ? html`<td>
                      <form class="inline" method="post" action="/outbox/${String(r.id)}/retry">
                        <input type="hidden" name="csrf" value="${csrf}" /><button type="submit">重试</button>
                      </form>
                    </td>`
                  : ''
              }
            </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}

function tile(label: string, n: number, key: string, tone = ''): SafeHtml {
  return html`<div class="tile ${tone}">
    <div class="n" data-count="${key}">${count(n)}</div>
    <div class="l">${label}</div>
  </div>`;
}
