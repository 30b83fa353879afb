// The Workflows pages in process against the demo city (huhuqing v1 published, cases at every step):
// who may look and who may publish, CSRF on 检查 and 发布, a broken flow's problems at their lines
// (never published), a valid change with its diff, diagram and migration dry run, publishing as the
// admin (flow_versions row + audit event), and the Mermaid library served with long cache headers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FlowDefinition } from '../../src/core/flows/flow-types.ts';
import { formatJson } from '../../src/core/flows/format-json.ts';
import { locateFlowProblems } from '../../src/core/flows/locate-flow-problems.ts';
import { validateFlow } from '../../src/core/flows/validate-flow.ts';
import { createConsoleFixture, get, hiddenCsrf, origin, postForm, signIn, type ConsoleFixture } from '../helpers/console-fixture.ts';

let f: ConsoleFixture;
let v1: FlowDefinition;
beforeAll(async () => {
  f = await createConsoleFixture();
  const row = await f.db.prisma.flowVersion.findUniqueOrThrow({ where: { flowId_version: { flowId: 'huhuqing', version: 1 } } });
  v1 = row.definition as unknown as FlowDefinition;
});
afterAll(async () => f?.close());

const person = (role: string) => f.db.prisma.person.findFirstOrThrow({ where: { role, active: true }, orderBy: { id: 'asc' } });
const versions = () => f.db.prisma.flowVersion.count({ where: { flowId: 'huhuqing' } });

/** A flow as plain JSON to change freely in a test. */
type EditableFlow = ReturnType<typeof JSON.parse>;

/** v1 with changes, as the editor would hold it (Prettier-style JSON, one key per line). */
function draft(change: (flow: EditableFlow) => void): string {
  const flow: EditableFlow = JSON.parse(JSON.stringify(v1));
  flow.version = 2;
  change(flow);
  return formatJson(flow);
}

const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;
const unescape = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

async function csrfOf(cookie: string, path = '/'): Promise<string> {
  return hiddenCsrf(await (await get(f.app, path, cookie)).text());
}

async function postMultipart(path: string, cookie: string, fields: Record<string, string | File>) {
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) body.append(k, v);
  return f.app.request(path, { method: 'POST', headers: { origin, cookie }, body });
}

describe('who may see and publish flows', () => {
  it('refuses officers every page, with a 403 page', async () => {
    const cookie = await signIn(f.app, (await person('officer')).id);
    for (const path of ['/flows', '/flows/huhuqing', '/flows/huhuqing/edit']) {
      const r = await get(f.app, path, cookie);
      expect(r.status).toBe(403);
      expect(await r.text()).toContain('流程页面只对管理员和督查员开放');
    }
    expect(await (await get(f.app, '/', cookie)).text()).not.toContain('href="/flows"');
  });

  it('lets a supervisor look at the flows and the running version, but not edit or publish', async () => {
    const cookie = await signIn(f.app, (await person('supervisor')).id);
    const list = await get(f.app, '/flows', cookie);
    expect(list.status).toBe(200);
    const listPage = await list.text();
    expect(listPage).toContain('href="/flows"');
    expect(listPage).toMatch(/data-flow-id="huhuqing"/);
    expect(listPage).toContain('案件数只计你所辖地区');

    const page = await (await get(f.app, '/flows/huhuqing', cookie)).text();
    expect(page).toContain('<pre class="mermaid" data-testid="diagram">stateDiagram-v2');
    expect(page).not.toContain('/flows/huhuqing/edit');
    expect((await get(f.app, '/flows/huhuqing/edit', cookie)).status).toBe(403);

    const csrf = await csrfOf(cookie, '/flows');
    const text = draft((flow) => (flow.states.working.states.verifying.meta.deadline = { workdays: 15 }));
    const check = await postForm(f.app, '/flows/huhuqing/check', cookie, { csrf, text });
    expect(check.status).toBe(403);
    const publish = await postForm(f.app, '/flows/huhuqing/publish', cookie, { csrf, text });
    expect(publish.status).toBe(403);
    expect(await publish.text()).toContain('只有管理员可以编辑和发布流程');
    expect(await versions()).toBe(1);
  });

  it('refuses an officer’s publish with a valid token', async () => {
    const cookie = await signIn(f.app, (await person('officer')).id);
    const csrf = await csrfOf(cookie);
    const text = draft((flow) => (flow.states.working.states.verifying.meta.deadline = { workdays: 15 }));
    expect((await postForm(f.app, '/flows/huhuqing/publish', cookie, { csrf, text })).status).toBe(403);
    expect(await versions()).toBe(1);
  });

  it('refuses an admin’s POST without the CSRF token, with a wrong one, or from another site', async () => {
    const admin = await person('admin');
    const cookie = await signIn(f.app, admin.id);
    const csrf = await csrfOf(cookie, '/flows/huhuqing/edit');
    const text = draft((flow) => (flow.states.working.states.verifying.meta.deadline = { workdays: 15 }));
    for (const path of ['/flows/huhuqing/check', '/flows/huhuqing/publish']) {
      const none = await postForm(f.app, path, cookie, { text });
      expect(none.status).toBe(403);
      expect(await none.text()).toContain('表单已失效');
      expect((await postForm(f.app, path, cookie, { csrf: `${csrf}x`, text })).status).toBe(403);
      expect((await postForm(f.app, path, cookie, { csrf, text }, { origin: 'https://evil.example' })).status).toBe(403);
    }
    expect(await versions()).toBe(1);
    expect(await f.db.prisma.auditEvent.count({ where: { action: 'flow.published', actor: `person:${admin.id}` } })).toBe(0);
  });
});

describe('editing and publishing as an admin', () => {
  it('prefills the editor with the running version under the next version number', async () => {
    const cookie = await signIn(f.app, (await person('admin')).id);
    const r = await get(f.app, '/flows/huhuqing/edit', cookie);
    expect(r.status).toBe(200);
    const page = await r.text();
    const m = /<textarea class="flow-json"[^>]*>\n([\s\S]*?)<\/textarea>/.exec(page);
    const prefilled = JSON.parse(unescape(m![1]!)) as FlowDefinition;
    expect(prefilled).toEqual({ ...v1, version: 2 });
    expect(page).toContain('enctype="multipart/form-data"');
  });

  it('shows every problem of a broken flow at its line and column, marks those lines, and publishes nothing', async () => {
    const cookie = await signIn(f.app, (await person('admin')).id);
    const csrf = await csrfOf(cookie, '/flows/huhuqing/edit');
    const text = draft((flow) => {
      flow.states.working.states.verifying.on.VERIFIED.target = 'nowhere';
      flow.states.working.states.planning.meta.deadline = { weeks: 2 };
    });
    const r = await postForm(f.app, '/flows/huhuqing/check', cookie, { csrf, text });
    expect(r.status).toBe(422);
    const page = await r.text();
    const targetLine = lineOf(text, '"target": "nowhere"');
    const weeksLine = lineOf(text, '"weeks": 2') - 1; // the deadline key's line
    expect(text.split('\n')[weeksLine - 1]).toContain('"deadline"');
    // Every problem the validator finds is listed with its line and column (the unreachable states
    // behind the broken transition too).
    const checked = validateFlow(text, 'x');
    expect(checked.ok).toBe(false);
    const expected = locateFlowProblems(text, checked.ok ? [] : checked.problems);
    expect(page).toContain(`有 ${expected.length} 处问题，未发布`);
    const listed = [...page.matchAll(/<li data-testid="problem"\s+data-line="(\d+)">\s*<a href="#L\d+">第 (\d+) 行第 (\d+) 列<\/a>/g)].map(
      (m) => [Number(m[2]), Number(m[3])],
    );
    expect(listed).toEqual(expected.map((p) => [p.line, p.column]));
    expect(listed).toContainEqual([targetLine, text.split('\n')[targetLine - 1]!.indexOf('"target"') + 1]);
    expect(listed.map((p) => p[0])).toContain(weeksLine);
    expect(page).toContain('states.working.states.verifying.on.VERIFIED.target');
    expect(page).toContain('指向不存在的状态 nowhere');
    // The numbered code view marks exactly the problem lines, each message under its line.
    const marked = [...page.matchAll(/<div class="ln bad" id="L(\d+)"/g)].map((m) => Number(m[1]));
    expect(marked).toEqual([...new Set(expected.map((p) => p.line!))].sort((a, b) => a - b));
    expect(page).toMatch(new RegExp(`<div class="msg" data-line="${targetLine}">\\s*<span></span>\\s*<div>↑ 第 \\d+ 列：[^<]*nowhere`));
    // The textarea holds what was checked, so the admin fixes it in place.
    expect(page).toContain('&quot;target&quot;: &quot;nowhere&quot;');
    expect(page).not.toContain('action="/flows/huhuqing/publish"');

    // Publishing the same text is re-checked on the server and refused.
    const publish = await postForm(f.app, '/flows/huhuqing/publish', cookie, { csrf, text });
    expect(publish.status).toBe(422);
    expect(await versions()).toBe(1);
  });

  it('places a JSON syntax error at its line and column', async () => {
    const cookie = await signIn(f.app, (await person('admin')).id);
    const csrf = await csrfOf(cookie, '/flows/huhuqing/edit');
    const text = draft(() => {}).replace('"initial": "working",', '"initial": "working"');
    const line = lineOf(text, '"initial": "working"') + 1;
    const page = await (await postForm(f.app, '/flows/huhuqing/check', cookie, { csrf, text })).text();
    expect(page).toContain(`<a href="#L${line}">第 ${line} 行第 3 列</a>`);
    expect(page).toContain('是否漏了逗号');
    expect(page).toContain(`<div class="ln bad" id="L${line}"`);
  });

  it('asks for the next version number when the draft keeps the running one', async () => {
    const cookie = await signIn(f.app, (await person('admin')).id);
    const csrf = await csrfOf(cookie, '/flows/huhuqing/edit');
    const text = formatJson({ ...v1, states: v1.states });
    const page = await (await postForm(f.app, '/flows/huhuqing/check', cookie, { csrf, text })).text();
    expect(page).toContain(`<a href="#L${lineOf(text, '"version": 1')}">`);
    expect(page).toContain('&quot;version&quot; 须改为 2');
  });

  it('says a draft that only raises the version changes nothing, and offers no 发布', async () => {
    const cookie = await signIn(f.app, (await person('admin')).id);
    const csrf = await csrfOf(cookie, '/flows/huhuqing/edit');
    const r = await postForm(f.app, '/flows/huhuqing/check', cookie, { csrf, text: draft(() => {}) });
    expect(r.status).toBe(200);
    const page = await r.text();
    expect(page).toContain('没有任何变化：无需发布');
    expect(page).not.toContain('action="/flows/huhuqing/publish"');
  });

  it('shows what a vanished state needs (a mapping), and the dry run once it is mapped', async () => {
    const cookie = await signIn(f.app, (await person('admin')).id);
    const csrf = await csrfOf(cookie, '/flows/huhuqing/edit');
    const text = draft((flow) => {
      const working = flow.states.working.states;
      working.identifying = { ...working.classifying, meta: { ...working.classifying.meta, title: '识别分类' } };
      delete working.classifying;
      working.verifying.on.VERIFIED.target = 'identifying';
    });
    const classifying = await f.db.prisma.case.count({ where: { flowId: 'huhuqing', status: 'active', state: 'classifying' } });
    expect(classifying).toBeGreaterThan(0);
    const page = await (await postMultipart('/flows/huhuqing/check', cookie, { csrf, text })).text();
    expect(page).toContain('删除状态 classifying（精准识别）');
    expect(page).toContain('新增状态 identifying（识别分类）');
    expect(page).toContain(`第 2 版没有以下状态：精准识别（classifying）${classifying} 件`);
    expect(page).toMatch(/<select form="flow-editor" name="map:classifying"/);

    const mapped = await (await postMultipart('/flows/huhuqing/check', cookie, { csrf, text, 'map:classifying': 'identifying' })).text();
    expect(mapped).not.toContain('data-testid="unmapped"');
    expect(mapped).toMatch(/<option value="identifying"\s+selected>/);
    expect(mapped).toContain('--map classifying=identifying --dry-run');
    const active = await f.db.prisma.case.count({ where: { flowId: 'huhuqing', status: 'active' } });
    expect(mapped).toContain(`逐户明细（${active} 件）`);
  });

  it('checks an uploaded file (multipart) instead of the textarea, and refuses one over 1 MB', async () => {
    const cookie = await signIn(f.app, (await person('admin')).id);
    const csrf = await csrfOf(cookie, '/flows/huhuqing/edit');
    const text = draft((flow) => (flow.states.working.states.planning.meta.deadline = { workdays: 12 }));
    const file = new File([`\uFEFF${text}`], 'huhuqing-v2.json', { type: 'application/json' });
    const r = await postMultipart('/flows/huhuqing/check', cookie, { csrf, text: 'not json', file });
    expect(r.status).toBe(200);
    expect(await r.text()).toContain('制定措施（planning）：期限 10 个工作日 → 12 个工作日');

    const big = new File(['x'.repeat(1024 * 1024 + 1)], 'big.json');
    const tooBig = await postMultipart('/flows/huhuqing/check', cookie, { csrf, text: '', file: big });
    expect(tooBig.status).toBe(422);
    expect(await tooBig.text()).toContain('超过 1 MB');
    expect(await versions()).toBe(1);
  });

  it('shows a valid change’s diff, diagram and migration dry run, then publishes it as the admin', async () => {
    const admin = await person('admin');
    const cookie = await signIn(f.app, admin.id);
    const csrf = await csrfOf(cookie, '/flows/huhuqing/edit');
    const text = draft((flow) => (flow.states.working.states.verifying.meta.deadline = { workdays: 15 }));
    const check = await postForm(f.app, '/flows/huhuqing/check', cookie, { csrf, text });
    expect(check.status).toBe(200);
    const nonce = /script-src 'self' 'nonce-([^']+)'/.exec(check.headers.get('content-security-policy') ?? '')?.[1];
    const page = await check.text();
    expect(page).toContain('检查通过');
    expect(page).toContain('入户核实（verifying）：期限 10 个工作日 → 15 个工作日');
    expect(page).toContain('<pre class="mermaid" data-testid="diagram">stateDiagram-v2');
    expect(page).toContain(`<script nonce="${nonce}">`);
    expect(page).toContain('<script src="/assets/mermaid.min.js?v=');
    const active = await f.db.prisma.case.count({ where: { flowId: 'huhuqing', status: 'active' } });
    expect(page).toContain(`在办案件迁移试运行 <span class="muted">${active} 件</span>`);
    expect(page).toMatch(/<tr data-state="verifying"\s*>[\s\S]*?（不变）/);
    expect(page).toContain('action="/flows/huhuqing/publish"');

    const published = await postForm(f.app, '/flows/huhuqing/publish', cookie, { csrf, text });
    expect(published.status).toBe(303);
    expect(published.headers.get('location')).toBe('/flows/huhuqing?published=2');
    const row = await f.db.prisma.flowVersion.findUniqueOrThrow({ where: { flowId_version: { flowId: 'huhuqing', version: 2 } } });
    expect(row.publishedBy).toBe(`person:${admin.id}`);
    expect((row.definition as EditableFlow).states.working.states.verifying.meta.deadline).toEqual({ workdays: 15 });
    const audit = await f.db.prisma.auditEvent.findFirstOrThrow({ where: { action: 'flow.published', actor: `person:${admin.id}` } });
    expect(audit.source).toBe('admin');
    expect(audit.after).toMatchObject({ flowId: 'huhuqing', version: 2 });
    // Running cases keep their version.
    expect(await f.db.prisma.case.count({ where: { flowVersion: 2 } })).toBe(0);

    const after = await (await get(f.app, '/flows/huhuqing?published=2', cookie)).text();
    expect(after).toContain('已发布 huhuqing 第 2 版');
    expect(after).toContain('运行中：第 2 版');
    expect(after).toMatch(/<tr data-state="verifying">[\s\S]*?15 个工作日/);
    const list = await (await get(f.app, '/flows', cookie)).text();
    expect(list).toMatch(new RegExp(`<tr data-version="2">[\\s\\S]*?${admin.name}`));

    // The same text again is refused: version 2 is published now.
    const again = await postForm(f.app, '/flows/huhuqing/publish', cookie, { csrf, text });
    expect(again.status).toBe(422);
    expect(await again.text()).toContain('&quot;version&quot; 须改为 3');
    expect(await versions()).toBe(2);
  });
});

describe('the browser libraries', () => {
  it.each(['mermaid', 'vchart'])('serves %s from node_modules with long cache headers, gzipped when asked', async (name) => {
    const path = `/assets/${name}.min.js`;
    const r = await f.app.request(`${path}?v=1`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toContain('javascript');
    expect(r.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const body = await r.arrayBuffer();
    expect(body.byteLength).toBeGreaterThan(1_000_000);
    const zipped = await f.app.request(path, { headers: { 'accept-encoding': 'gzip, br' } });
    expect(zipped.headers.get('content-encoding')).toBe('gzip');
    const etag = r.headers.get('etag')!;
    expect(etag).toContain(name);
    expect((await f.app.request(path, { headers: { 'if-none-match': etag } })).status).toBe(304);
  });
});
