// Sandbox sign-in: the whole roster, grouped by role with each person's region; a click signs in as
// that person (a POST carrying the sign-in form's CSRF token).
import type { RosterGroup } from '../../../app/console/list-login-roster.ts';
import { html } from './html.ts';
import { layout } from './layout.ts';

export function loginPage(input: { roster: RosterGroup[]; formToken: string; notice: string | null }): string {
  return layout(
    { title: '登录', mode: 'sandbox' },
    html`<section class="card roster">
      <h1>选择身份登录</h1>
      <p class="muted">
        沙箱模式：没有飞书账号也能使用控制台。选择名册中的任何人，即以其角色和地区查看进度与户档（正式环境通过飞书登录）。
      </p>
      ${input.notice ? html`<p class="notice">${input.notice}</p>` : ''}
      <form method="post" action="/login">
        <input type="hidden" name="csrf" value="${input.formToken}" />
        ${input.roster.map((g) =>
          g.people.length === 0
            ? ''
            : html`<h2>${g.title}（${g.people.length}）</h2>
                <div class="people">
                  ${g.people.map(
                    (p) =>
                      html`<button type="submit" name="personId" value="${String(p.personId)}" data-role="${g.role}">
                        ${p.name}<span class="r">${p.regionName}${g.role === 'officer' ? ` · 负责 ${p.households} 户` : ''}</span>
                      </button>`,
                  )}
                </div>`,
        )}
      </form>
      <p class="muted">也可以打开 <a href="/sandbox">飞书沙箱</a>，以同样的身份在群聊中使用机器人。</p>
    </section>`,
  ).value;
}
