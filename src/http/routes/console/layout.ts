// The page shell: viewport for phones, the inline stylesheet, the header with the two pages, who is
// signed in and the sign-out button (a POST with the session's CSRF token).
import type { Viewer } from '../../../core/access/viewer.ts';
import { html, raw, type SafeHtml } from './html.ts';
import { consoleCss } from './styles.ts';

export interface PageChrome {
  title: string;
  mode: 'live' | 'sandbox';
  /** Signed in: the header shows the pages and the sign-out button. */
  session?: { viewer: Viewer; regionName: string | null; csrf: string };
  active?: 'progress' | 'households' | 'flows' | 'ops' | 'outbox';
}

export const roleNames: Record<Viewer['role'], string> = { officer: '责任人', supervisor: '督查员', admin: '管理员' };

export function layout(chrome: PageChrome, body: SafeHtml): SafeHtml {
  const s = chrome.session;
  return html`<!doctype html>
    <html lang="zh-CN">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="same-origin" />
        <title>${chrome.title} · 户户清</title>
        <style>
          ${raw(consoleCss)}
        </style>
      </head>
      <body>
        <header class="top">
          <a class="brand" href="/">户户清<small>${chrome.mode === 'sandbox' ? '沙箱' : '控制台'}</small></a>
          ${
            s
              ? html`<nav class="tabs">
                    <a href="/" ${chrome.active === 'progress' ? html` class="active"` : ''}>进度</a>
                    <a href="/households" ${chrome.active === 'households' ? html` class="active"` : ''}>户档</a>
                    ${s.viewer.role !== 'officer' ? html`<a href="/flows" ${chrome.active === 'flows' ? html` class="active"` : ''}>流程</a>` : ''}
                    ${s.viewer.role !== 'officer' ? html`<a href="/ops" ${chrome.active === 'ops' ? html` class="active"` : ''}>操作</a><a href="/outbox" ${chrome.active === 'outbox' ? html` class="active"` : ''}>消息</a>` : ''}
                    ${chrome.mode === 'sandbox' ? html`<a href="/login">切换身份</a><a href="/sandbox">飞书沙箱</a>` : ''}
                  </nav>
                  <div class="who">
                    <span data-testid="who">${s.viewer.name} · ${roleNames[s.viewer.role]}${s.regionName ? ` · ${s.regionName}` : ''}</span>
                    <form method="post" action="/logout">
                      <input type="hidden" name="csrf" value="${s.csrf}" /><button class="link" type="submit">退出登录</button>
                    </form>
                  </div>`
              : ''
          }
        </header>
        <main>${body}</main>
      </body>
    </html>`;
}
