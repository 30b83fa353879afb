// The sandbox page's card renderer: the cards our bot really sends (case card with its forms, digest,
// escalation) in the HTML contract the page script reads, Lark markdown made safe, hostile and odd
// input, and the layout on a 360 px phone in Chromium.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRandom, type Random } from '../../src/core/create-random.ts';
import type { Card } from '../../src/lark/cards/card-json.ts';
import { renderCaseCard } from '../../src/lark/cards/render-case-card.ts';
import { renderDigestCards } from '../../src/lark/cards/render-digest-card.ts';
import { renderEscalationCards } from '../../src/lark/cards/render-escalation-card.ts';
import { cardStyles } from '../../src/sandbox/page/card-styles.ts';
import { renderMarkdownHtml } from '../../src/sandbox/page/render-markdown-html.ts';
import { renderCardHtml, renderTextMessageHtml, type CardRenderContext } from '../../src/sandbox/page/render-card-html.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { allElements, calendar, callbackValues, caseView, endOf, now, tz } from '../lark/cards/card-fixtures.ts';

const names: Record<string, string> = { ou_wangfang: '王芳', ou_lisi: '李四', ou_evil: '<b>坏</b>' };
const ctx: CardRenderContext = {
  nameOf: (id) => names[id],
  chatMembers: [
    { openId: 'ou_wangfang', name: '王芳' },
    { openId: 'ou_lisi', name: '李四' },
  ],
};
const group = { now, tz, calendar, audience: 'group' as const };
const kinds: Record<string, string> = {
  input: 'input',
  date_picker: 'date',
  select_static: 'select',
  multi_select_static: 'multi_select',
  select_person: 'person',
  multi_select_person: 'multi_person',
};

const unescape = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
const attrValues = (html: string, name: string) => [...html.matchAll(new RegExp(` ${name}="([^"]*)"`, 'g'))].map((m) => unescape(m[1]!));
const card = (elements: unknown[], extra: object = {}) => ({ schema: '2.0', body: { elements }, ...extra });
const md = (content: string) => renderMarkdownHtml(content, ctx);

describe('the case card of the default flow', () => {
  const json = renderCaseCard(caseView(), group);
  const html = renderCardHtml(json, ctx);

  it('has the root, the tinted header with title and subtitle, and the body', () => {
    expect(html.startsWith('<div class="lk-card" data-card><div class="lk-card-header lk-tpl-blue">')).toBe(true);
    expect(html).toContain('<div class="lk-card-title">入户核实 · QJ530302-2017-0000001</div>');
    expect(html).toContain('<div class="lk-card-subtitle">麒麟区 · 户主 杨*华</div>');
    expect(html).toContain('<div class="lk-card-body">');
    expect(html.endsWith('</div></div>')).toBe(true);
  });

  it('shows the escaped masked name literally, the officer as a mention and grey notes as spans', () => {
    expect(html).toContain('<strong>户主</strong>：杨*华（身份证尾号 123X）');
    expect(html).not.toContain('<em>');
    expect(html).toContain('<strong>责任人</strong>：<span class="mention">@王芳</span>');
    expect(html).toContain('<span class="font-grey">更新于 11月18日 10:00 · huhuqing v1</span>');
  });

  it('renders one form per action form, in order, with every field in the contract markup', () => {
    const forms = json.body.elements.filter((e) => e.tag === 'form').map((e) => e.name);
    expect(attrValues(html, 'data-form-name')).toEqual(forms);
    expect(html).toContain('<form class="lk-form" data-form-name="f_VERIFIED" novalidate>');
    const fields = allElements(json).filter((e) => kinds[e.tag]);
    expect(fields.length).toBeGreaterThan(5);
    for (const f of fields) {
      const open = `<div class="lk-field" data-field="${String(f.name)}" data-kind="${kinds[f.tag]}" data-required="${f.required === true}">`;
      expect(html).toContain(open);
    }
    expect(attrValues(html, 'data-field')).toEqual(fields.map((f) => f.name));
    expect(html.split('<div class="lk-field-error" hidden></div>')).toHaveLength(fields.length + 1);
  });

  it('renders each control as the contract says', () => {
    expect(html).toContain(
      '<label class="lk-label">家庭人口（必填）</label><input class="lk-input" name="f_VERIFIED__persons" placeholder="请输入数字（1–30）" maxlength="12">',
    );
    expect(html).toContain(
      '<textarea class="lk-input" rows="3" name="f_VERIFIED__notes" placeholder="请输入核实情况" maxlength="500"></textarea>',
    );
    expect(html).toContain('<input type="date" class="lk-input" name="f_VERIFIED__visit_date" title="请选择日期">');
    expect(html).toContain('<select multiple class="lk-input" name="f_VERIFIED__causes"><option value="收入低">收入低</option>');
    expect(html).toContain(
      '<select class="lk-input" name="f_CLOSE__reason"><option value="">请选择</option><option value="退休">退休</option>',
    );
    // No options on the person picker: the chat's members.
    expect(html).toContain(
      '<select class="lk-input" name="f_REASSIGN__officer"><option value="">请选择人员</option><option value="ou_wangfang">王芳</option><option value="ou_lisi">李四</option></select>',
    );
  });

  it('gives every submit button its name and callback value, and the confirm of 撤档', () => {
    const submits = [...html.matchAll(/<button [^>]*data-action="submit"[^>]*>/g)].map((m) => m[0]);
    expect(submits).toHaveLength(4);
    expect(attrValues(submits.join(''), 'data-value').map((v) => JSON.parse(v))).toEqual(callbackValues(json));
    expect(attrValues(submits.join(''), 'data-name')).toEqual(['s_VERIFIED', 's_REQUEST_EXTENSION', 's_REASSIGN', 's_CLOSE']);
    expect(html).toContain(
      '<button type="button" class="lk-btn lk-btn-danger" data-action="submit" data-value="{&quot;a&quot;:&quot;event&quot;,&quot;caseId&quot;:42,&quot;event&quot;:&quot;CLOSE&quot;,&quot;state&quot;:&quot;verifying&quot;,&quot;v&quot;:7}" data-name="s_CLOSE" data-confirm-title="请确认" data-confirm-text="撤档后本户不再跟踪，确定吗？">撤档</button>',
    );
  });

  it('offers the given people on person pickers, by name when known', () => {
    const out = renderCardHtml(renderCaseCard(caseView(), { ...group, personOptions: ['ou_lisi', 'ou_unknown'] }), ctx);
    expect(out).toContain(
      '<option value="">请选择人员</option><option value="ou_lisi">李四</option><option value="ou_unknown">ou_unknown</option></select>',
    );
  });

  it('colours an overdue card red with its tag, and shows plain buttons outside forms', () => {
    const actions = [{ event: 'PING', label: '催办', style: 'primary' as const, confirm: '确定催办？' }];
    const out = renderCardHtml(renderCaseCard(caseView({ deadlineAt: endOf('2025-11-10'), actions }), group), ctx);
    expect(out).toContain('<div class="lk-card-header lk-tpl-red">');
    expect(out).toContain(
      '<div class="lk-card-title">入户核实 · QJ530302-2017-0000001</div><span class="lk-tag lk-tag-red">已逾期 8 天</span>',
    );
    expect(out).toContain('<span class="font-red">已逾期 8 天</span>');
    expect(out).toContain(
      '<button type="button" class="lk-btn lk-btn-primary" data-action="button" data-value="{&quot;a&quot;:&quot;event&quot;,&quot;caseId&quot;:42,&quot;event&quot;:&quot;PING&quot;,&quot;state&quot;:&quot;verifying&quot;,&quot;v&quot;:7}" data-confirm-title="请确认" data-confirm-text="确定催办？">催办</button>',
    );
    expect(out).not.toContain('<form');
    const none = renderCardHtml(renderCaseCard(caseView({ actions: [] }), group), ctx);
    expect(none).toContain('<span class="font-grey">当前环节无需在卡片上操作</span>');
  });
});

describe('digest and escalation cards', () => {
  const items = [1, 2].map((caseId) => ({
    caseId,
    archiveNo: `A-${caseId}`,
    headName: '杨小华',
    stateTitle: '入户核实',
    deadlineAt: endOf('2025-11-18'),
  }));

  it('lays out each household as a weighted text column and an auto column with the 办理 button', () => {
    const html = renderCardHtml(renderDigestCards(items, { now, tz, calendar })[0], ctx);
    expect(html).toContain('<div class="lk-card-header lk-tpl-orange">');
    expect(html.split('<div class="lk-columns"><div class="lk-column lk-valign-center" style="flex: 4 1 0">')).toHaveLength(3);
    expect(html).toContain(
      '<div class="lk-column lk-valign-center" style="flex: 0 0 auto"><button type="button" class="lk-btn lk-btn-primary" data-action="button" data-value="{&quot;a&quot;:&quot;open&quot;,&quot;caseId&quot;:1}">办理</button></div>',
    );
    expect(html).toContain('<span class="font-orange">今天到期</span>');
  });

  it('mentions the officers of an escalation and carries the 督办 values', () => {
    const esc = renderEscalationCards(
      items.map((i) => ({ ...i, deadlineAt: endOf('2025-11-10'), officerName: '王芳', officerOpenId: 'ou_wangfang' })),
      { ...group, urgent: true },
    )[0] as Card;
    const html = renderCardHtml(esc, ctx);
    expect(html).toContain('<span class="lk-tag lk-tag-red">加急</span>');
    expect(html).toContain('责任人 <span class="mention">@王芳</span>');
    expect(attrValues(html, 'data-value').map((v) => JSON.parse(v))).toEqual(callbackValues(esc));
  });
});

describe('Lark markdown', () => {
  it('decodes entities, keeps line breaks and renders emphasis', () => {
    expect(md('杨&#42;华 &#95;x&#95;')).toBe('<p>杨*华 _x_</p>');
    expect(md('**a**\nb')).toBe('<p><strong>a</strong><br>\nb</p>');
  });

  it('turns mentions into spans: by id, several ids, everyone, email, quoted, unknown', () => {
    expect(md('<at id=ou_wangfang></at> 请处理')).toBe('<p><span class="mention">@王芳</span> 请处理</p>');
    expect(md('<at ids=ou_wangfang,ou_lisi></at>')).toBe('<p><span class="mention">@王芳</span> <span class="mention">@李四</span></p>');
    expect(md('<at id=all></at>')).toBe('<p><span class="mention">@所有人</span></p>');
    expect(md('<at email=a@b.cn></at>')).toBe('<p><span class="mention">@a@b.cn</span></p>');
    expect(md(`<at id="ou_lisi"></at><at id='ou_nobody'></at>`)).toBe(
      '<p><span class="mention">@李四</span><span class="mention">@ou_nobody</span></p>',
    );
    expect(md('<at id=ou_evil></at>')).toBe('<p><span class="mention">@&lt;b&gt;坏&lt;/b&gt;</span></p>');
    expect(md('**<at id=ou_lisi></at>**')).toBe('<p><strong><span class="mention">@李四</span></strong></p>');
  });

  it('turns <font color> into a class with single, double or no quotes, nested, with markdown inside', () => {
    expect(md(`<font color='grey'>注</font>`)).toBe('<p><span class="font-grey">注</span></p>');
    expect(md(`<font color="red">**逾期**</font> <font color=green>好</font>`)).toBe(
      '<p><span class="font-red"><strong>逾期</strong></span> <span class="font-green">好</span></p>',
    );
    expect(md(`<font color='grey'>a <font color='red'>b</font> <at id=ou_lisi></at></font>`)).toBe(
      '<p><span class="font-grey">a <span class="font-red">b</span> <span class="mention">@李四</span></span></p>',
    );
    expect(md(`<font color='#f00'>x</font>`)).toBe('<p>x</p>');
    expect(md(`<font color='red" onclick="alert(1)'>x</font>`)).not.toMatch(/onclick="/);
  });

  it('never lets raw HTML, scripts or javascript: links through', () => {
    const out = md('<script>alert(1)</script>\n<img src=x onerror=alert(1)>\n[点我](javascript:alert(1)) <a href="javascript:x">a</a>');
    expect(out).not.toMatch(/<script|<img|<a /);
    expect(out).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(out).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(out).toContain('[点我](javascript:alert(1))');
    expect(md('[x](data:text/html,hi) [y](/relative) <javascript:alert(1)>')).not.toContain('<a ');
  });

  it('opens http(s) links in a new tab and never loads images', () => {
    expect(md('[文档](https://open.feishu.cn/a?b=1&c=2)')).toBe(
      '<p><a href="https://open.feishu.cn/a?b=1&amp;c=2" target="_blank" rel="noopener noreferrer">文档</a></p>',
    );
    expect(md('https://example.com')).toBe('<p>https://example.com</p>');
    const img = md('![图](https://example.com/x.png)');
    expect(img).not.toContain('<img');
    expect(img).toContain('<span class="lk-md-img">[图片] 图</span>');
  });

  it('cannot be fooled by forged placeholders, and shows mentions in code as text', () => {
    expect(md('\uE0000\uE001<at id=ou_lisi></at>')).toBe('<p>0<span class="mention">@李四</span></p>');
    expect(md('`<at id=ou_lisi></at>`')).toBe('<p><code>@李四</code></p>');
    expect(md('```\n<font color=red>x</font>\n```')).toBe('<pre><code>x\n</code></pre>');
  });
});

describe('buttons and fields written by hand', () => {
  const render = (elements: unknown[]) => renderCardHtml(card(elements), ctx);

  it('maps each button type to a class, unknown types to default, and keeps disabled', () => {
    const types = ['default', 'primary', 'danger', 'text', 'primary_text', 'danger_text', 'primary_filled', 'danger_filled', 'laser'];
    const html = render([...types, 'pink'].map((type) => ({ tag: 'button', type, text: { content: type }, disabled: type === 'danger' })));
    for (const t of types) expect(html).toContain(`class="lk-btn lk-btn-${t}"`);
    expect(html).toContain('class="lk-btn lk-btn-default" data-action="button" data-value="{}">pink</button>');
    expect(html).toContain('data-value="{}" disabled>danger</button>');
  });

  it('opens only http(s) URLs, and knows submit and reset only inside a form', () => {
    const url = (u: string) => ({ tag: 'button', text: { content: '打开' }, behaviors: [{ type: 'open_url', default_url: u }] });
    expect(render([url('https://example.com/?a="b"')])).toContain(
      'data-action="open_url" data-url="https://example.com/?a=&quot;b&quot;" data-value="{}">打开</button>',
    );
    expect(render([url('javascript:alert(1)')])).toContain('data-action="button" data-value="{}">打开</button>');
    const reset = { tag: 'button', name: 'r', form_action_type: 'reset', text: { content: '重置' } };
    const submit = {
      tag: 'button',
      name: 's',
      form_action_type: 'submit',
      text: { content: '提交' },
      behaviors: [{ type: 'callback', value: { k: 1 } }],
    };
    const inForm = render([{ tag: 'form', name: 'f', elements: [reset, submit] }]);
    expect(inForm).toContain('data-action="reset" data-value="{}" data-name="r">重置</button>');
    expect(inForm).toContain('data-action="submit" data-value="{&quot;k&quot;:1}" data-name="s">提交</button>');
    expect(render([submit])).toContain('data-action="button" data-value="{&quot;k&quot;:1}" data-name="s">提交</button>');
  });

  it('escapes hostile values in attributes so that they round-trip as JSON', () => {
    const value = { text: `"'><script>&amp;`, n: [1, null] };
    const html = render([
      {
        tag: 'button',
        text: { content: '<i>x</i>' },
        behaviors: [{ type: 'callback', value }],
        confirm: { title: { content: '"t"' }, text: { content: '<b>' } },
      },
    ]);
    expect(html).not.toMatch(/<script|<i>|<b>/);
    expect(JSON.parse(attrValues(html, 'data-value')[0]!)).toEqual(value);
    expect(attrValues(html, 'data-confirm-title')).toEqual(['"t"']);
    expect(attrValues(html, 'data-confirm-text')).toEqual(['<b>']);
  });

  it('shows initial values and renders the same markup outside a form', () => {
    const options = [
      { text: { content: '甲' }, value: 'a' },
      { text: { content: '乙' }, value: 'b' },
    ];
    const html = render([
      { tag: 'select_static', name: 's', options, initial_option: 'b', placeholder: { content: '选' }, required: true },
      { tag: 'multi_select_static', name: 'm', options, selected_values: ['a', 'b'] },
      { tag: 'multi_select_person', name: 'p', options: [{ value: 'ou_lisi' }] },
      { tag: 'date_picker', name: 'd', initial_date: '2025-11-20' },
      { tag: 'input', name: 'i', default_value: '"默认"', input_type: 'password' },
    ]);
    expect(html).toContain(
      '<div class="lk-field" data-field="s" data-kind="select" data-required="true"><select class="lk-input" name="s"><option value="">选</option><option value="a">甲</option><option value="b" selected>乙</option></select><div class="lk-field-error" hidden></div></div>',
    );
    expect(html).toContain('<option value="a" selected>甲</option><option value="b" selected>乙</option>');
    expect(html).toContain(
      'data-kind="multi_person" data-required="false"><select multiple class="lk-input" name="p"><option value="ou_lisi">李四</option></select>',
    );
    expect(html).toContain('<input type="date" class="lk-input" name="d" value="2025-11-20">');
    expect(html).toContain('<input type="password" class="lk-input" name="i" value="&quot;默认&quot;">');
  });
});

describe('odd and hostile cards', () => {
  it('shows a placeholder for something that is not a card', () => {
    for (const bad of [null, undefined, 'card', 42, [], true]) {
      expect(renderCardHtml(bad, ctx)).toBe('<div class="lk-card lk-card-invalid">无法显示的卡片</div>');
    }
  });

  it('renders a card without header or body, and unknown parts visibly', () => {
    expect(renderCardHtml({}, ctx)).toBe('<div class="lk-card" data-card><div class="lk-card-body"></div></div>');
    const html = renderCardHtml(
      card([{ tag: 'bar_chart' }, { tag: '<b>x</b>' }, null, 7, { tag: 'form', name: 'a', elements: [{ tag: 'form', name: 'b' }] }], {
        header: {
          title: { content: '<标题>' },
          template: 'pink',
          text_tag_list: [{ tag: 'text_tag', text: { content: 't' }, color: 'x y' }],
        },
      }),
      ctx,
    );
    expect(html).toContain('<div class="lk-card-header lk-tpl-default">');
    expect(html).toContain('<div class="lk-card-title">&lt;标题&gt;</div>');
    expect(html).toContain('<span class="lk-tag lk-tag-neutral">t</span>');
    expect(html).toContain('<div class="lk-unknown">不支持的组件：bar_chart</div>');
    expect(html).toContain('<div class="lk-unknown">不支持的组件：&lt;b&gt;x&lt;/b&gt;</div>');
    expect(html).toContain('<form class="lk-form" data-form-name="a" novalidate><div class="lk-unknown">不支持的组件：form</div></form>');
  });

  it('shows images as placeholders and renders text, hr, panels and columns of every width', () => {
    const html = renderCardHtml(
      card([
        { tag: 'img', img_key: 'img_v2_x', alt: { content: '示意图' } },
        { tag: 'div', text: { tag: 'plain_text', content: 'a\n<b>' } },
        { tag: 'div', text: { tag: 'lark_md', content: '**b**' } },
        { tag: 'hr' },
        { tag: 'collapsible_panel', expanded: true, header: { title: { content: '更多' } }, elements: [{ tag: 'markdown', content: 'x' }] },
        {
          tag: 'column_set',
          columns: [
            { tag: 'column', width: '80px', vertical_align: 'bottom' },
            { tag: 'column', width: 'weighted', weight: 99 },
            { tag: 'column', vertical_align: 'evil"' },
          ],
        },
      ]),
      ctx,
    );
    expect(html).toContain('<div class="lk-img" role="img" aria-label="示意图">示意图</div>');
    expect(html).not.toContain('<img');
    expect(html).toContain(
      '<div class="lk-text">a<br>&lt;b&gt;</div><div class="lk-text"><p><strong>b</strong></p></div><hr class="lk-hr">',
    );
    expect(html).toContain(
      '<details class="lk-panel" open><summary class="lk-panel-title">更多</summary><div class="lk-panel-body"><div class="lk-md"><p>x</p></div></div></details>',
    );
    expect(html).toContain(
      '<div class="lk-columns"><div class="lk-column lk-valign-bottom" style="flex: 0 0 80px"></div><div class="lk-column" style="flex: 5 1 0"></div><div class="lk-column" style="flex: 0 0 auto"></div></div>',
    );
  });

  it('survives cycles, deep nesting and random junk without throwing', () => {
    const value: Record<string, unknown> = {};
    value.self = value;
    expect(renderCardHtml(card([{ tag: 'button', behaviors: [{ type: 'callback', value }] }]), ctx)).toContain('data-value="{}"');
    let deep: unknown = { tag: 'markdown', content: 'x' };
    for (let i = 0; i < 5000; i++) deep = { tag: 'column_set', columns: [{ tag: 'column', elements: [deep] }] };
    expect(renderCardHtml(card([deep]), ctx)).toContain('lk-unknown');
    const random = createRandom(20251118);
    for (let i = 0; i < 300; i++) {
      const html = renderCardHtml(junk(random, 0), ctx);
      expect(html.startsWith('<div class="lk-card')).toBe(true);
      expect(html).not.toMatch(/<script|<img|javascript:alert[^<]*<\/a>/);
    }
  });
});

describe('text messages', () => {
  it('renders the bot mentions as spans, escapes the rest and keeps line breaks', () => {
    const content = JSON.stringify({
      text: '<at user_id="ou_wangfang">王芳</at> 请处理\n<b>第二行</b> & <at user_id="ou_x">张三</at> <at user_id="all"></at>',
    });
    expect(renderTextMessageHtml(content, ctx)).toBe(
      '<span class="mention">@王芳</span> 请处理<br>&lt;b&gt;第二行&lt;/b&gt; &amp; <span class="mention">@张三</span> <span class="mention">@所有人</span>',
    );
  });

  it('shows what users typed as plain text, and content that is not JSON as it is', () => {
    expect(renderTextMessageHtml(JSON.stringify({ text: '@_user_1 进度 **麒麟区** <script>' }), ctx)).toBe(
      '@_user_1 进度 **麒麟区** &lt;script&gt;',
    );
    expect(renderTextMessageHtml('not json <i>', ctx)).toBe('not json &lt;i&gt;');
  });
});

describe('the cards in Chromium on a 360 px phone', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('parses into the same structure, runs no script and never overflows horizontally', async () => {
    const caseCard = renderCaseCard(caseView({ regionName: '麒麟区'.repeat(30), deadlineAt: endOf('2025-11-10') }), group);
    const long = 'https://example.com/' + 'a'.repeat(300);
    const hostile = card([
      {
        tag: 'markdown',
        content: `<script>window.hit=1</script><img src=x onerror="window.hit=1"> [x](javascript:window.hit=1) ${long}\n\`\`\`\n${'b'.repeat(300)}\n\`\`\``,
      },
      {
        tag: 'column_set',
        columns: [1, 2, 3, 4].map(() => ({
          tag: 'column',
          width: 'weighted',
          weight: 1,
          elements: [{ tag: 'markdown', content: 'c'.repeat(60) }],
        })),
      },
      { tag: 'column_set', columns: [{ tag: 'column', width: 'auto', elements: [{ tag: 'markdown', content: 'd'.repeat(200) }] }] },
      { tag: 'button', type: 'laser', text: { content: '长'.repeat(100) } },
    ]);
    const html = [
      caseCard,
      renderDigestCards([{ caseId: 1, archiveNo: 'A'.repeat(80), headName: '王', stateTitle: '核实', deadlineAt: null }], {
        now,
        tz,
        calendar,
      })[0],
      hostile,
    ]
      .map((c) => renderCardHtml(c, ctx))
      .join('');
    const page = await browser.newPage({ viewport: { width: 360, height: 640 } });
    await page.setContent(`<!doctype html><meta charset="utf-8"><style>body{margin:8px}${cardStyles}</style>${html}`);
    // A string script: the project's tsconfig has no DOM types.
    const seen = await page.evaluate(`(() => {
      const count = (selector) => document.querySelectorAll(selector).length;
      return {
        overflow: document.documentElement.scrollWidth,
        cards: count('body > .lk-card[data-card]'),
        forms: count('.lk-card > .lk-card-body > form.lk-form'),
        fieldsInForms: count('form.lk-form .lk-field[data-field] > .lk-input'),
        submits: count('form.lk-form button[data-action="submit"]'),
        hit: window.hit ?? null,
        bad: count('script, img, [onerror], a[href^="javascript"]'),
        wide: [...document.querySelectorAll('.lk-card *')].filter((e) => e.getBoundingClientRect().right > 352.5).length,
      };
    })()`);
    await page.close();
    expect(seen).toEqual({ overflow: 360, cards: 3, forms: 4, fieldsInForms: 11, submits: 4, hit: null, bad: 0, wide: 0 });
  });
});

const junkTags = [
  'markdown',
  'div',
  'button',
  'form',
  'column_set',
  'column',
  'input',
  'select_static',
  'select_person',
  'img',
  'hr',
  'x',
  'collapsible_panel',
];
const junkKeys = [
  'tag',
  'content',
  'text',
  'elements',
  'columns',
  'options',
  'behaviors',
  'value',
  'name',
  'confirm',
  'width',
  'weight',
  'header',
  'title',
];

function junk(r: Random, depth: number): unknown {
  const kind = r.int(0, depth > 4 ? 5 : 8);
  if (kind === 0) return null;
  if (kind === 1) return r.int(-5, 5);
  if (kind === 2) return r.pick(['', 'javascript:alert(1)', '<script>', '<at id=ou_lisi></at>', `<font color='red'>x`, r.pick(junkTags)]);
  if (kind === 3) return r.chance(0.5);
  if (kind === 4) return undefined;
  if (kind === 5) return [];
  if (kind === 6) return Array.from({ length: r.int(0, 4) }, () => junk(r, depth + 1));
  const o: Record<string, unknown> = { tag: r.pick(junkTags) };
  for (let i = r.int(0, 5); i > 0; i--) o[r.pick(junkKeys)] = junk(r, depth + 1);
  if (depth === 0) return r.chance(0.5) ? { header: junk(r, 1), body: { elements: junk(r, 1) } } : o;
  return o;
}
