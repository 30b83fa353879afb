// The simulator side panel: clock, call rate against Lark's limits, counters, faults in force,
// the latest callback outcomes and toasts, and the log of API calls the bot made.
import type { SandboxState } from './api-types.ts';
import { escapeHtml, formatTime } from './format.ts';

const counterNames: Record<string, string> = {
  tokensIssued: '令牌签发',
  messagesCreated: '发送消息',
  idempotentReplays: '幂等重放',
  edits: '卡片更新',
  buzzes: '加急',
  throttled429: '限流 429',
  throttled230020: '单会话限流',
  quotaRejected: '超出月额度',
  faults: '注入的故障',
};

export function renderPanel(state: SandboxState, tz: string): void {
  const p = state.panel;
  const days = state.offsetMs / 86_400_000;
  set(
    'panel-clock',
    `<div>沙箱时间：<b>${formatTime(state.now, tz, true)}</b></div>` +
      `<div class="muted">${days >= 0.01 ? `比真实时间快 ${days.toFixed(days < 1 ? 2 : 1)} 天` : '与真实时间一致'}</div>` +
      `<div>下一个到期事项：${state.nextDueAt ? formatTime(state.nextDueAt, tz, true) : '无'}</div>`,
  );
  const meter = (used: number, limit: number) =>
    `<div class="meter"><i style="width:${Math.min(100, (used / limit) * 100).toFixed(1)}%"></i></div>`;
  set(
    'panel-rate',
    `<div>最近 1 秒：${p.rate.lastSecond} / ${p.rate.perSecondLimit}</div>${meter(p.rate.lastSecond, p.rate.perSecondLimit)}` +
      `<div>最近 1 分钟：${p.rate.lastMinute} / ${p.rate.perMinuteLimit}</div>${meter(p.rate.lastMinute, p.rate.perMinuteLimit)}` +
      `<div>本月接口额度（${p.quota.month}）：${p.quota.used}${p.quota.limit ? ` / ${p.quota.limit}` : '（不限）'}</div>`,
  );
  set(
    'panel-counters',
    `<table>${Object.entries(p.counters)
      .map(([k, v]) => `<tr><td>${escapeHtml(counterNames[k] ?? k)}</td><td>${v}</td></tr>`)
      .join('')}</table>`,
  );
  const f = p.faults;
  const pct = (x: number | undefined) => `${Math.round((x ?? 0) * 100)}%`;
  set(
    'panel-faults',
    (f.status5xx ?? 0) + (f.rateLimit429 ?? 0) + (f.timeoutRate ?? 0) > 0
      ? `生效中：5xx ${pct(f.status5xx)}，429 ${pct(f.rateLimit429)}，超时 ${pct(f.timeoutRate)}`
      : '未注入故障',
  );
  const toastNames: Record<string, string> = { success: '成功', error: '错误', warning: '警告', info: '提示' };
  set(
    'panel-callbacks',
    p.callbacks.length + p.toasts.length === 0
      ? '<div class="muted">还没有卡片回调</div>'
      : `<table><tr><th>时间</th><th>回调</th><th>耗时</th><th>结果</th></tr>${p.callbacks
          .map(
            (c) =>
              `<tr><td>${formatTime(c.at, tz)}</td><td class="${c.code === 0 ? 'ok' : 'bad'}">${c.code === 0 ? '成功' : c.code}</td><td>${Math.round(c.durationMs)} ms</td><td>${escapeHtml(c.detail)}</td></tr>`,
          )
          .join('')}</table><table><tr><th>时间</th><th>提示</th><th>内容</th></tr>${p.toasts
          .map(
            (t) =>
              `<tr><td>${formatTime(t.at, tz)}</td><td class="${t.type === 'error' ? 'bad' : 'ok'}">${escapeHtml(toastNames[t.type] ?? t.type)}</td><td>${escapeHtml(t.content)}</td></tr>`,
          )
          .join('')}</table>`,
  );
  set(
    'panel-calls',
    p.calls.length === 0
      ? '<div class="muted">还没有接口调用</div>'
      : `<table><tr><th>时间</th><th>接口</th><th>结果</th></tr>${p.calls
          .map((c) => {
            const bad = c.status !== 200 || (c.code ?? 0) !== 0;
            const result = `${c.status}${c.code ? ` / ${c.code}` : ''}${c.fault ? `（注入：${c.fault}）` : ''}`;
            return `<tr><td>${formatTime(c.at, tz)}</td><td>${escapeHtml(c.method)} ${escapeHtml(c.path.replace('/open-apis', ''))}</td><td class="${bad ? 'bad' : 'ok'}">${escapeHtml(result)}</td></tr>`;
          })
          .join('')}</table>`,
  );
}

function set(id: string, html: string): void {
  const el = document.getElementById(id);
  if (el && el.innerHTML !== html) el.innerHTML = html;
}
