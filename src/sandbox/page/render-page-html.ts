// The /sandbox page's shell: the three panes (chats, conversation, simulator panel), the top bar
// with "acting as" and the clock, the confirm dialog and the toast area. Everything inside is
// filled by the page script from /sandbox/api/state.
import { cardStyles } from './card-styles.ts';
import { escapeHtml } from './escape-card-html.ts';
import { pageStyles } from './page-styles.ts';

export function renderPageHtml(options: { appName: string; tz: string }): string {
  const app = escapeHtml(options.appName);
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${app} · 飞书沙箱</title>
<style>${pageStyles}${cardStyles}</style>
</head>
<body data-view="chats" data-tz="${escapeHtml(options.tz)}">
<header class="topbar">
  <div class="brand">${app}<small>飞书沙箱</small></div>
  <label class="acting">当前身份
    <select id="as-select" aria-label="当前身份"></select>
  </label>
  <div class="clock" id="clock" title="沙箱时间（可向前拨动）">—</div>
  <div class="travel" role="group" aria-label="时间旅行">
    <button type="button" data-travel="3600000">+1 小时</button>
    <button type="button" data-travel="86400000">+1 天</button>
    <button type="button" data-travel="604800000">+7 天</button>
    <button type="button" data-travel="next" class="primary" id="travel-next">到下一个到期事项</button>
  </div>
  <button type="button" class="panel-toggle" id="panel-toggle" aria-controls="panel">模拟器</button>
</header>
<main class="layout">
  <nav class="chats" id="chats" aria-label="会话列表"></nav>
  <section class="conversation" id="conversation" aria-live="polite">
    <div class="conv-header">
      <button type="button" class="back" id="back" aria-label="返回会话列表">‹</button>
      <div class="conv-title" id="conv-title">选择左侧的会话</div>
    </div>
    <div class="messages" id="messages"></div>
    <form class="composer" id="composer" autocomplete="off">
      <label class="mention" id="mention-label"><input type="checkbox" id="mention" checked>@${app}</label>
      <input id="composer-text" name="text" placeholder="输入消息，如：帮助、我的、进度、查 QJ-00001" maxlength="2000">
      <button type="submit">发送</button>
    </form>
  </section>
  <aside class="panel" id="panel" aria-label="模拟器面板">
    <section><h2>时钟</h2><div id="panel-clock"></div>
      <form id="travel-to" class="row"><input type="datetime-local" id="travel-at" aria-label="拨到的时间" required><button type="submit">拨到</button></form>
    </section>
    <section><h2>调用频率</h2><div id="panel-rate"></div></section>
    <section><h2>计数</h2><div id="panel-counters"></div></section>
    <section>
      <h2>故障注入</h2>
      <form id="faults-form" class="faults">
        <label>5xx 比例 <input type="number" name="status5xx" min="0" max="100" step="1" value="0">%</label>
        <label>429 比例 <input type="number" name="rateLimit429" min="0" max="100" step="1" value="0">%</label>
        <label>超时比例 <input type="number" name="timeoutRate" min="0" max="100" step="1" value="0">%</label>
        <div class="row"><button type="submit">应用</button><button type="button" id="faults-clear">清除</button><button type="button" id="revoke-tokens">吊销令牌</button></div>
        <div id="panel-faults" class="muted"></div>
      </form>
    </section>
    <section><h2>回调与提示</h2><div id="panel-callbacks"></div></section>
    <section><h2>机器人调用的接口</h2><div id="panel-calls"></div></section>
  </aside>
</main>
<div class="toasts" id="toasts" role="status"></div>
<dialog id="confirm-dialog">
  <form method="dialog">
    <h3 id="confirm-title"></h3>
    <p id="confirm-text"></p>
    <div class="row"><button value="cancel" id="confirm-cancel">取消</button><button value="ok" class="primary" id="confirm-ok">确定</button></div>
  </form>
</dialog>
<script type="module" src="/sandbox/client.js"></script>
</body>
</html>`;
}
