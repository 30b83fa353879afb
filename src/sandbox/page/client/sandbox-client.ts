// The /sandbox page script: acts as the chosen person in the Lark client. It renders what
// /sandbox/api/state returns (cards arrive as HTML rendered on the server), sends clicks, form
// submits and typed messages through /sandbox/api/act (which posts them to the bot as Lark would),
// and refreshes whenever the server's event stream says something changed.
import type { ActResult, ChatItem, MessageView, Person, SandboxState } from './api-types.ts';
import { collectForm } from './collect-form.ts';
import { escapeHtml, formatTime } from './format.ts';
import { renderPanel } from './render-panel.ts';

const tz = document.body.dataset.tz ?? 'Asia/Shanghai';
const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const roleNames: Record<Person['role'], string> = { admin: '管理员', supervisor: '督查员', officer: '责任人', visitor: '未登记' };

let as = localStorage.getItem('sandbox.as') ?? '';
let chatId = localStorage.getItem('sandbox.chat') ?? '';
let state: SandboxState | undefined;
let limit = 60;
let refreshing: Promise<void> | undefined;
let again = false;

async function api<T>(path: string, body?: unknown): Promise<T> {
  const response = await fetch(
    path,
    body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) },
  );
  const data = (await response.json()) as T & { message?: string };
  if (!response.ok) throw new Error(data.message ?? `请求失败（HTTP ${response.status}）`);
  return data;
}

/** Coalesces refreshes: at most one in flight, and one more if something changed meanwhile. */
function refresh(): Promise<void> {
  if (refreshing) {
    again = true;
    return refreshing;
  }
  refreshing = (async () => {
    do {
      again = false;
      const query = new URLSearchParams({ as, chat: chatId, limit: String(limit) });
      state = await api<SandboxState>(`/sandbox/api/state?${query}`);
      render(state);
    } while (again);
  })().finally(() => (refreshing = undefined));
  return refreshing;
}

function render(s: SandboxState): void {
  renderPeople(s.people);
  if (!s.people.some((p) => p.openId === as) && s.people.length > 0) {
    as = (s.people.find((p) => p.role === 'officer') ?? s.people[0]!).openId;
    localStorage.setItem('sandbox.as', as);
    void refresh();
    return;
  }
  renderChats(s.chats);
  if (!s.conversation && s.chats.length > 0 && !s.chats.some((c) => c.chatId === chatId)) {
    openChat((s.chats.find((c) => c.messages > 0) ?? s.chats[0]!).chatId, false);
    return;
  }
  renderConversation(s);
  $('clock').textContent = formatTime(s.now, tz, true);
  renderPanel(s, tz);
  document.body.dataset.ready = 'true';
}

function renderPeople(people: Person[]): void {
  const select = $<HTMLSelectElement>('as-select');
  const key = people.map((p) => p.openId).join(',');
  if (select.dataset.key !== key) {
    select.dataset.key = key;
    const groups = (['admin', 'supervisor', 'officer', 'visitor'] as const).map((role) => {
      const options = people
        .filter((p) => p.role === role)
        .map(
          (p) => `<option value="${escapeHtml(p.openId)}">${escapeHtml(p.name)}${p.region ? `（${escapeHtml(p.region)}）` : ''}</option>`,
        );
      return options.length ? `<optgroup label="${roleNames[role]}">${options.join('')}</optgroup>` : '';
    });
    select.innerHTML = groups.join('');
  }
  select.value = as;
}

function renderChats(chats: ChatItem[]): void {
  $('chats').innerHTML = chats
    .map(
      (c) => `<button type="button" class="chat-item" data-chat-id="${escapeHtml(c.chatId)}" aria-current="${c.chatId === chatId}">
  <div class="name"><span><span class="chat-kind">${c.kind === 'p2p' ? '私聊' : '群'}</span>${escapeHtml(c.name)}</span><small>${c.lastAt ? formatTime(c.lastAt, tz) : ''}</small></div>
  <div class="preview">${c.messages > 0 ? escapeHtml(c.lastPreview) : '<span class="muted">暂无消息</span>'}</div></button>`,
    )
    .join('');
}

function renderConversation(s: SandboxState): void {
  const conversation = s.conversation;
  const list = $('messages');
  $('conv-title').textContent = conversation ? `${conversation.name}${conversation.kind === 'p2p' ? '（私聊）' : ''}` : '选择左侧的会话';
  $('mention-label').hidden = conversation?.kind !== 'group';
  if (!conversation) {
    list.innerHTML = '<div class="empty">选择左侧的会话</div>';
    return;
  }
  if (list.dataset.chatId !== conversation.chatId) {
    list.innerHTML = '';
    list.dataset.chatId = conversation.chatId;
  }
  const nearBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 80;
  const wanted = new Set(conversation.messages.map((m) => m.messageId));
  for (const el of Array.from(list.querySelectorAll<HTMLElement>('[data-message-id], .older, .empty')))
    if (!el.dataset.messageId || !wanted.has(el.dataset.messageId)) el.remove();
  let added = false;
  let previous: Element | null = null;
  for (const m of conversation.messages) {
    let el = list.querySelector<HTMLElement>(`[data-message-id="${CSS.escape(m.messageId)}"]`);
    if (!el) {
      el = document.createElement('div');
      el.dataset.messageId = m.messageId;
      added = true;
    }
    if (el.dataset.update !== String(m.updateTime)) fill(el, m);
    if (previous ? previous.nextElementSibling !== el : list.firstElementChild !== el) {
      if (previous) previous.after(el);
      else list.prepend(el);
    }
    previous = el;
  }
  if (conversation.total > conversation.messages.length)
    list.insertAdjacentHTML(
      'afterbegin',
      `<button type="button" class="older" id="older">更早的消息（还有 ${conversation.total - conversation.messages.length} 条）</button>`,
    );
  if (conversation.messages.length === 0) list.innerHTML = '<div class="empty">暂无消息。发一句「帮助」试试。</div>';
  if (added && nearBottom) list.scrollTop = list.scrollHeight;
}

function fill(el: HTMLElement, m: MessageView): void {
  el.className = `msg msg-${m.kind}${m.senderOpenId === as ? ' mine' : ''}`;
  el.dataset.update = String(m.updateTime);
  const edited = m.edited ? '<span class="edited">已更新</span>' : '';
  const urgent = m.urgentTo.length ? `<span class="urgent">加急：${escapeHtml(m.urgentTo.join('、'))}</span>` : '';
  const body = m.kind === 'card' ? m.html : `<div class="bubble">${m.html}</div>`;
  el.innerHTML = `<div class="meta">${escapeHtml(m.senderName)} · ${formatTime(m.createTime, tz)}${edited}${urgent}</div>${body}`;
}

function openChat(id: string, show = true): void {
  chatId = id;
  localStorage.setItem('sandbox.chat', id);
  limit = 60;
  if (show) document.body.dataset.view = 'conversation';
  void refresh();
}

export function toast(type: string, content: string): void {
  const el = document.createElement('div');
  el.className = `toast toast-${type}`;
  el.textContent = content;
  $('toasts').append(el);
  setTimeout(() => el.remove(), 4000);
}

function confirmWith(title: string | undefined, text: string | undefined): Promise<boolean> {
  if (!title && !text) return Promise.resolve(true);
  const dialog = $<HTMLDialogElement>('confirm-dialog');
  $('confirm-title').textContent = title ?? '请确认';
  $('confirm-text').textContent = text ?? '';
  dialog.returnValue = '';
  dialog.showModal();
  return new Promise((resolve) => dialog.addEventListener('close', () => resolve(dialog.returnValue === 'ok'), { once: true }));
}

async function act(body: Record<string, unknown>, button?: HTMLButtonElement): Promise<void> {
  if (button) button.disabled = true;
  try {
    const r = await api<ActResult>('/sandbox/api/act', { as, ...body });
    if (r.toast) toast(r.toast.type, r.toast.content);
    if (r.chatId && r.chatId !== chatId) openChat(r.chatId);
  } catch (error) {
    toast('error', (error as Error).message);
  } finally {
    if (button) button.disabled = false;
    await refresh();
  }
}

async function onCardClick(button: HTMLButtonElement): Promise<void> {
  const messageId = button.closest<HTMLElement>('[data-message-id]')?.dataset.messageId;
  if (!messageId) return;
  const action = button.dataset.action;
  const value = JSON.parse(button.dataset.value ?? '{}') as Record<string, unknown>;
  const confirm = () => confirmWith(button.dataset.confirmTitle, button.dataset.confirmText);
  if (action === 'open_url') {
    if (button.dataset.url) window.open(button.dataset.url, '_blank', 'noopener');
  } else if (action === 'reset') button.closest('form')?.reset();
  else if (action === 'button') {
    if (await confirm())
      await act({ kind: 'click', messageId, value, tag: 'button', ...(button.dataset.name ? { name: button.dataset.name } : {}) }, button);
  } else if (action === 'submit') {
    const form = button.closest<HTMLElement>('form');
    if (!form) return;
    const { value: formValue, missing } = collectForm(form, state?.utcOffset ?? '+0800');
    if (missing.length > 0) {
      toast('error', '有必填项未填写');
      missing[0]?.querySelector<HTMLElement>('input, textarea, select')?.focus();
      return;
    }
    if (await confirm())
      await act(
        { kind: 'click', messageId, value, tag: 'button', formValue, ...(button.dataset.name ? { name: button.dataset.name } : {}) },
        button,
      );
  }
}

async function travel(target: string): Promise<void> {
  const buttons = Array.from(document.querySelectorAll<HTMLButtonElement>('[data-travel], #travel-to button'));
  buttons.forEach((b) => (b.disabled = true));
  try {
    const body = target === 'next' ? { next: true } : target.startsWith('to:') ? { to: target.slice(3) } : { by: Number(target) };
    const r = await api<{ to: number; tick: { claimed: number; fired: number; deferred: number; messages: number } }>(
      '/sandbox/api/clock',
      body,
    );
    toast(
      'info',
      `时间已拨到 ${formatTime(r.to, tz)}：到期 ${r.tick.claimed} 项，执行 ${r.tick.fired} 项，夜间顺延 ${r.tick.deferred} 项，待发消息 ${r.tick.messages} 条`,
    );
  } catch (error) {
    toast('error', (error as Error).message);
  } finally {
    buttons.forEach((b) => (b.disabled = false));
    await refresh();
  }
}

function wire(): void {
  $('as-select').addEventListener('change', (e) => {
    as = (e.target as HTMLSelectElement).value;
    localStorage.setItem('sandbox.as', as);
    chatId = '';
    document.body.dataset.view = 'chats';
    void refresh();
  });
  $('chats').addEventListener('click', (e) => {
    const item = (e.target as HTMLElement).closest<HTMLElement>('[data-chat-id]');
    if (item?.dataset.chatId) openChat(item.dataset.chatId);
  });
  $('messages').addEventListener('click', (e) => {
    const target = e.target as HTMLElement;
    if (target.id === 'older') {
      limit += 60;
      void refresh();
      return;
    }
    const button = target.closest<HTMLButtonElement>('button[data-action]');
    if (button && !button.disabled) {
      e.preventDefault();
      void onCardClick(button);
    }
  });
  $('messages').addEventListener('submit', (e) => e.preventDefault());
  $('back').addEventListener('click', () => (document.body.dataset.view = 'chats'));
  $('panel-toggle').addEventListener('click', () => {
    if (window.matchMedia('(max-width: 760px)').matches)
      document.body.dataset.view = document.body.dataset.view === 'panel' ? 'chats' : 'panel';
    else document.body.classList.toggle('panel-hidden');
  });
  for (const b of Array.from(document.querySelectorAll<HTMLButtonElement>('[data-travel]')))
    b.addEventListener('click', () => void travel(b.dataset.travel ?? ''));
  $<HTMLFormElement>('travel-to').addEventListener('submit', (e) => {
    e.preventDefault();
    // "2025-11-12T09:00" is a time in the sandbox's zone: add its offset ("+0800" → "+08:00").
    const local = $<HTMLInputElement>('travel-at').value;
    const offset = (state?.utcOffset ?? '+0800').replace(/^([+-]\d\d)(\d\d)$/, '$1:$2');
    if (local) void travel(`to:${local.length === 16 ? `${local}:00` : local}${offset}`);
  });
  $<HTMLFormElement>('composer').addEventListener('submit', (e) => {
    e.preventDefault();
    const input = $<HTMLInputElement>('composer-text');
    const text = input.value.trim();
    if (!text || !chatId) return;
    input.value = '';
    void act({ kind: 'text', chatId, text, mentionBot: $<HTMLInputElement>('mention').checked });
  });
  $<HTMLFormElement>('faults-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    const rate = (name: string) => Math.min(1, Math.max(0, Number(data.get(name) ?? 0) / 100));
    void api('/sandbox/api/faults', { status5xx: rate('status5xx'), rateLimit429: rate('rateLimit429'), timeoutRate: rate('timeoutRate') })
      .then(() => toast('warning', '故障注入已生效：机器人调用接口时会遇到这些错误'))
      .catch((error: Error) => toast('error', error.message))
      .finally(() => void refresh());
  });
  $('faults-clear').addEventListener('click', () => {
    $<HTMLFormElement>('faults-form').reset();
    void api('/sandbox/api/faults', {})
      .then(() => toast('success', '已清除故障注入'))
      .finally(() => void refresh());
  });
  $('revoke-tokens').addEventListener('click', () => {
    void api('/sandbox/api/revoke-tokens', {})
      .then(() => toast('warning', '已吊销所有令牌：机器人下次调用会收到 99991663 并重新获取'))
      .finally(() => void refresh());
  });
  const stream = new EventSource('/sandbox/api/stream');
  stream.addEventListener('change', (e) => {
    if ((e as MessageEvent<string>).data !== state?.revision) void refresh();
  });
  // Without the stream (a proxy that buffers it), fall back to polling every 3 s.
  setInterval(() => {
    if (stream.readyState !== EventSource.OPEN) void refresh();
  }, 3000);
}

wire();
void refresh().catch((error: Error) => toast('error', `无法读取沙箱状态：${error.message}`));
