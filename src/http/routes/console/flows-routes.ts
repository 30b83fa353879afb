// The Workflows pages: /flows (flows and versions), /flows/:id (the running version's diagram and
// states), /flows/:id/edit with 检查 (POST /flows/:id/check) and 发布 (POST /flows/:id/publish);
// the Mermaid library they draw with is served by library-assets.ts. Admins do everything;
// supervisors may look (the list and a flow's page); officers are refused. Publishing re-checks the
// posted text and is audited as the admin (person:<id>). See docs/console.md, Workflows.
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { checkFlowDraft, maxFlowFileBytes, publishFlowDraft, type FlowDraftCheck } from '../../../app/flows/check-flow-draft.ts';
import { buildFlowView, listFlows } from '../../../app/flows/list-flow-versions.ts';
import type { Viewer } from '../../../core/access/viewer.ts';
import { AppError } from '../../../core/app-error.ts';
import type { FlowDefinition } from '../../../core/flows/flow-types.ts';
import { formatJson } from '../../../core/flows/format-json.ts';
import type { ConsoleDeps } from './console-deps.ts';
import { flowEditPage } from './flow-edit-page.ts';
import { flowPage } from './flow-page.ts';
import { flowsPage } from './flows-page.ts';
import { formRefused, originCheck, readCheckedForm, requireSignIn, type ConsoleEnv, type SignedIn } from './guard.ts';
import { messagePage } from './message-page.ts';
import { newNonce, sendPage } from './respond.ts';

/** The file, the textarea and the form's other fields together. */
const maxFormBytes = 2 * maxFlowFileBytes + 64 * 1024;

function mayView(viewer: Viewer): void {
  if (viewer.role === 'officer') throw new AppError('forbidden', '流程页面只对管理员和督查员开放：责任人请在飞书卡片上办理案件。');
}

function mustBeAdmin(viewer: Viewer): void {
  mayView(viewer);
  if (viewer.role !== 'admin') throw new AppError('forbidden', '只有管理员可以编辑和发布流程：督查员可以查看流程和版本。');
}

function scopeNote(viewer: Viewer): string | null {
  return viewer.role === 'supervisor' ? '（案件数只计你所辖地区）' : null;
}

export function flowsRoutes(deps: ConsoleDeps): Hono<ConsoleEnv> {
  const route = new Hono<ConsoleEnv>();
  const signedIn = requireSignIn(deps);
  const chrome = (title: string, session: SignedIn) => ({ title, mode: deps.mode, session, active: 'flows' as const });
  const limit = bodyLimit({
    maxSize: maxFormBytes,
    onError: (c) =>
      sendPage(
        c,
        413,
        messagePage(
          { title: '文件太大', mode: deps.mode },
          {
            heading: '文件太大',
            text: `流程文件不能超过 ${maxFlowFileBytes / 1024 / 1024} MB，没有执行任何操作。`,
            links: [{ href: '/flows', label: '回到流程' }],
          },
        ),
      ),
  });

  route.get('/flows', signedIn, async (c) => {
    const session = c.get('session');
    mayView(session.viewer);
    const flows = await listFlows(deps.db, session.viewer);
    return sendPage(c, 200, flowsPage(chrome('流程', session), flows, deps.timezone, scopeNote(session.viewer)));
  });

  route.get('/flows/:id', signedIn, async (c) => {
    const session = c.get('session');
    mayView(session.viewer);
    const view = await buildFlowView(deps.db, session.viewer, c.req.param('id'));
    const published = Number(c.req.query('published'));
    const nonce = newNonce();
    const page = flowPage(chrome(view.flowId, session), view, deps.timezone, {
      canEdit: session.viewer.role === 'admin',
      published: view.versions.some((v) => v.version === published) ? published : null,
      nonce,
      scopeNote: scopeNote(session.viewer),
    });
    return sendPage(c, 200, page, nonce);
  });

  route.get('/flows/:id/edit', signedIn, async (c) => {
    const session = c.get('session');
    mustBeAdmin(session.viewer);
    const flowId = c.req.param('id');
    const row = await deps.db.flowVersion.findFirst({ where: { flowId }, orderBy: { version: 'desc' } });
    if (!row) throw new AppError('not_found', `没有流程「${flowId}」：请从流程列表打开`);
    // A published version never changes: the draft starts as the running one with the next number.
    const draft = { ...(row.definition as unknown as FlowDefinition), version: row.version + 1 };
    return editPage(c, session, 200, { flowId, running: row.version, text: formatJson(draft), check: null });
  });

  route.post('/flows/:id/check', originCheck(deps), limit, signedIn, async (c) => {
    const session = c.get('session');
    mustBeAdmin(session.viewer);
    const form = await readCheckedForm(c, session.csrf);
    if (form === null) return formRefused(c, deps, session);
    const flowId = c.req.param('id');
    const submitted = await submittedText(form);
    if (!submitted.ok) {
      const running = await runningVersion(flowId);
      const check: FlowDraftCheck = {
        ok: false,
        flowId,
        text: submitted.text,
        running,
        problems: [{ path: '', message: submitted.message }],
      };
      return editPage(c, session, 422, { flowId, running, text: submitted.text, check });
    }
    const check = await checkFlowDraft(deps.db, {
      flowId,
      text: submitted.text,
      mapping: mappingOf(form),
      now: deps.now(),
      timezone: deps.timezone,
    });
    return editPage(c, session, check.ok ? 200 : 422, { flowId, running: check.running, text: check.text, check });
  });

  route.post('/flows/:id/publish', originCheck(deps), limit, signedIn, async (c) => {
    const session = c.get('session');
    mustBeAdmin(session.viewer);
    const form = await readCheckedForm(c, session.csrf);
    if (form === null) return formRefused(c, deps, session);
    const flowId = c.req.param('id');
    const text = typeof form.text === 'string' ? form.text : '';
    const r = await publishFlowDraft(deps.db, {
      flowId,
      text,
      now: deps.now(),
      timezone: deps.timezone,
      personId: session.viewer.personId as number,
    });
    if (!r.published) return editPage(c, session, 422, { flowId, running: r.check.running, text: r.check.text, check: r.check });
    deps.logger?.info({ flowId, version: r.version, actor: `person:${session.viewer.personId}` }, 'flow published from the console');
    return c.redirect(`/flows/${encodeURIComponent(flowId)}?published=${r.version}`, 303);
  });

  async function runningVersion(flowId: string): Promise<number> {
    const row = await deps.db.flowVersion.findFirst({ where: { flowId }, orderBy: { version: 'desc' }, select: { version: true } });
    if (!row) throw new AppError('not_found', `没有流程「${flowId}」：请从流程列表打开`);
    return row.version;
  }

  function editPage(
    c: Context,
    session: SignedIn,
    status: 200 | 422,
    v: { flowId: string; running: number; text: string; check: FlowDraftCheck | null },
  ): Response {
    const nonce = newNonce();
    const page = flowEditPage(chrome(`编辑 ${v.flowId}`, session), { ...v, csrf: session.csrf, nonce, tz: deps.timezone });
    return sendPage(c, status, page, v.check?.ok ? nonce : undefined);
  }

  return route;
}

/** The uploaded file when one was chosen, else the textarea. */
async function submittedText(
  form: Record<string, unknown>,
): Promise<{ ok: true; text: string } | { ok: false; text: string; message: string }> {
  const typed = typeof form.text === 'string' ? form.text : '';
  const file = form.file;
  if (!(file instanceof File) || (file.size === 0 && file.name === '')) return { ok: true, text: typed };
  if (file.size > maxFlowFileBytes)
    return {
      ok: false,
      text: typed,
      message: `上传的文件 ${file.name} 超过 1 MB（${Math.ceil(file.size / 1024)} KB）：流程文件不应这么大，请检查是否选错了文件`,
    };
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(await file.arrayBuffer()) };
  } catch {
    return { ok: false, text: typed, message: `上传的文件 ${file.name} 不是 UTF-8 编码的文本：请用 UTF-8 保存后再上传` };
  }
}

/** The dry run's choices for states the new version no longer has: fields map:<old state> = <new state>. */
function mappingOf(form: Record<string, unknown>): Record<string, string> {
  const mapping: Record<string, string> = {};
  for (const [k, v] of Object.entries(form)) if (k.startsWith('map:') && typeof v === 'string' && v !== '') mapping[k.slice(4)] = v;
  return mapping;
}
