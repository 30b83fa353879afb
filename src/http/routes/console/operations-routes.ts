// The Operations (/ops) and Outbox (/outbox) pages. Supervisors act inside their region, admins
// everywhere, officers are refused (403). Every POST passes the Origin check and the form's CSRF
// token (the upload's token is checked before a byte of the file is written), and every change is
// audited as the signed-in person (person:<id>, source 'console'). After a change the browser is
// sent to the operation's audit trail (/ops/audit/:id). See docs/console.md, Operations and Outbox.
import { Hono, type Context } from 'hono';
import path from 'node:path';
import { extendForViewer, reassignPeopleForViewer } from '../../../app/api/bulk-operations.ts';
import { buildEngineDeps } from '../../../app/cases/build-engine-deps.ts';
import type { EngineDeps } from '../../../app/cases/engine-deps.ts';
import { bindChatForViewer } from '../../../app/console/bind-chat-for-viewer.ts';
import { buildOperationsView } from '../../../app/console/build-operations-view.ts';
import { buildOutboxView } from '../../../app/console/build-outbox-view.ts';
import { createImportJobs, type ImportJob, type ImportJobs } from '../../../app/console/import-jobs.ts';
import { ledgerForViewer } from '../../../app/console/ledger-for-viewer.ts';
import { loadOperationRecord } from '../../../app/console/operation-records.ts';
import { requireAdmin, requireOperator } from '../../../app/console/operator-access.ts';
import { retryOutbox } from '../../../app/console/retry-outbox.ts';
import type { Viewer } from '../../../core/access/viewer.ts';
import { AppError, isAppError } from '../../../core/app-error.ts';
import type { HouseholdBatchStore } from '../../../core/ports/household-batch-store.ts';
import { openHouseholdStoreOf } from '../../../db/open-household-store-of.ts';
import { createTempUpload, openFileStream, type TempUpload } from '../../../files/temp-upload.ts';
import { statusForError } from '../../status-for-error.ts';
import type { ConsoleDeps } from './console-deps.ts';
import { contentDisposition, sendDownload } from './download.ts';
import { count } from './format.ts';
import { formRefused, originCheck, readCheckedForm, requireSignIn, type ConsoleEnv, type SignedIn } from './guard.ts';
import { html } from './html.ts';
import { importJobPage } from './import-job-page.ts';
import { operationPage } from './operation-page.ts';
import { opsPage, type OpsForm } from './ops-page.ts';
import { outboxPage } from './outbox-page.ts';
import { pageHeaders, sendPage } from './respond.ts';
import { MalformedUpload, UploadTooLarge, multipartBoundary, readMultipart } from './read-multipart.ts';
import { checkToken } from './session.ts';

/** What the Operations pages take beyond the console's deps; each has a default for the Node server. */
export interface OperationsDeps extends ConsoleDeps {
  /** The import's batch store; default: better-sqlite3 on the Prisma client's own SQLite file. */
  openHouseholdStore?: () => Promise<HouseholdBatchStore>;
  /** Largest household file accepted; default 50 MiB. */
  maxUploadBytes?: number;
  /** Where uploads and error reports are kept while their job is remembered; default the OS temp folder. */
  uploadDir?: string;
  /** The import jobs of this process (tests pass their own to wait for one). */
  importJobs?: ImportJobs;
}

export const defaultMaxUploadBytes = 50 * 1024 * 1024;

class CsrfRefused extends Error {}

export function operationsRoutes(deps: OperationsDeps): Hono<ConsoleEnv> {
  const route = new Hono<ConsoleEnv>();
  const signedIn = requireSignIn(deps);
  const maxUploadBytes = deps.maxUploadBytes ?? defaultMaxUploadBytes;
  let engine: Promise<EngineDeps> | undefined = deps.engine ? Promise.resolve(deps.engine) : undefined;
  const engineDeps = () => (engine ??= buildEngineDeps(deps.db, deps.timezone));
  const jobs =
    deps.importJobs ??
    createImportJobs({
      db: deps.db,
      openStore: deps.openHouseholdStore ?? (() => openHouseholdStoreOf(deps.db)),
      now: deps.now,
      ...(deps.sessionNow ? { keepClock: deps.sessionNow } : {}),
      timezone: deps.timezone,
      ...(deps.logger ? { logger: deps.logger } : {}),
    });
  const actor = (viewer: Viewer) => `person:${viewer.personId}`;
  const chrome = (session: SignedIn, title: string, active: 'ops' | 'outbox') => ({ title, mode: deps.mode, session, active });

  const renderOps = async (
    c: Context<ConsoleEnv>,
    status: 200 | 400 | 404 | 409 | 413,
    problem?: { form: OpsForm; message: string; values: Record<string, string> },
  ) => {
    const session = c.get('session');
    const view = await buildOperationsView(deps.db, session.viewer);
    const running = view.mayImport ? jobs.running() : undefined;
    return sendPage(
      c,
      status,
      opsPage(chrome(session, '操作', 'ops'), view, {
        csrf: session.csrf,
        timezone: deps.timezone,
        scopeName: session.viewer.role === 'admin' ? '全部地区' : (session.regionName ?? '（未指定地区）'),
        maxUploadMb: Math.round(maxUploadBytes / 1024 / 1024),
        ...(problem ? { problem } : {}),
        runningImport: running ? { id: running.id, fileName: running.fileName } : undefined,
      }),
    );
  };

  /**
   * A POST form of /ops: checks the token, runs the operation and sends the browser to its audit
   * trail. A refusal (403) becomes the console's error page; a wrong or missing value comes back
   * on the form with the message.
   */
  const operation = (form: OpsForm, act: (session: SignedIn, body: Record<string, string>) => Promise<{ auditId: number }>) =>
    route.post(`/ops/${form}`, originCheck(deps), signedIn, async (c) => {
      const session = c.get('session');
      const raw = await readCheckedForm(c, session.csrf);
      if (raw === null) return formRefused(c, deps, session);
      requireOperator(session.viewer, '批量操作');
      const body = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, typeof v === 'string' ? v : ''])) as Record<string, string>;
      delete body.csrf;
      try {
        const r = await act(session, body);
        return c.redirect(`/ops/audit/${r.auditId}?done=1`, 303);
      } catch (error) {
        if (isAppError(error) && (error.code === 'invalid_argument' || error.code === 'not_found'))
          return renderOps(c, statusForError(error.code) as 400 | 404, { form, message: error.message, values: body });
        throw error;
      }
    });

  route.get('/ops', signedIn, async (c) => renderOps(c, 200));

  operation('extend', async (session, body) => {
    const workdays = Number(body.workdays);
    if (!Number.isInteger(workdays) || workdays < 1 || workdays > 60)
      throw new AppError('invalid_argument', '延长的工作日数须为 1–60 的整数');
    const reason = required(body.reason, '请填写延期的理由：它会记入每个案件的留痕');
    const region = required(body.region, '请选择地区');
    return extendForViewer(
      await engineDeps(),
      session.viewer,
      { region, workdays, state: body.state, reason },
      actor(session.viewer),
      deps.now(),
      'console',
    );
  });

  operation('reassign', async (session, body) => {
    const from = await personById(body.from, '请选择原责任人');
    const to = await personById(body.to, '请选择新责任人');
    const reason = required(body.reason, '请填写改派的理由：它会记入每户的留痕');
    return reassignPeopleForViewer(await engineDeps(), session.viewer, { from, to, reason }, actor(session.viewer), deps.now(), 'console');
  });

  operation('bind', async (session, body) =>
    bindChatForViewer(
      deps.db,
      session.viewer,
      {
        chatId: required(body.chatId, '请填写群 ID（oc_ 开头）'),
        name: body.name ?? '',
        purpose: body.purpose ?? '',
        region: required(body.region, '请选择地区'),
      },
      deps.now(),
    ),
  );

  const personById = async (id: string | undefined, missing: string) => {
    const n = Number(required(id, missing));
    const person = Number.isSafeInteger(n) ? await deps.db.person.findUnique({ where: { id: n }, include: { region: true } }) : null;
    if (!person) throw new AppError('invalid_argument', `名册中没有编号为 ${id} 的人：请从列表中选择`);
    return person;
  };

  route.get('/ops/audit/:id', signedIn, async (c) => {
    const session = c.get('session');
    requireOperator(session.viewer, '查看操作记录');
    const record = await loadOperationRecord(deps.db, session.viewer, Number(c.req.param('id')), deps.timezone);
    return sendPage(c, 200, operationPage(chrome(session, record.title, 'ops'), record, deps.timezone, c.req.query('done') === '1'));
  });

  route.get('/ops/ledger', signedIn, async (c) => {
    const session = c.get('session');
    const region = c.req.query('region') ?? '';
    if (region === '') throw new AppError('invalid_argument', '请选择要下载督查台账的地区');
    const file = await ledgerForViewer(await engineDeps(), session.viewer, region, deps.now());
    return sendDownload(c, file.bytes, {
      name: file.fileName,
      ascii: file.asciiName,
      type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    });
  });

  // ---- Import: upload (streamed to a temp file), background job, progress, error report ----

  route.post('/ops/import', originCheck(deps), signedIn, async (c) => {
    const session = c.get('session');
    const boundary = multipartBoundary(c.req.header('content-type'));
    const body = c.req.raw.body;
    if (boundary === null || body === null) return formRefused(c, deps, session);
    requireAdmin(session.viewer, '导入户档');
    const tooLarge = () =>
      renderOps(c, 413, {
        form: 'import',
        message: `文件超过 ${Math.round(maxUploadBytes / 1024 / 1024)} MB：请拆分成几个文件分别导入，或用命令行 huhuqing import 导入`,
        values: {},
      });
    if (Number(c.req.header('content-length') ?? 0) > maxUploadBytes + 1024 * 1024) {
      await body.cancel().catch(() => undefined);
      return tooLarge();
    }
    const running = jobs.running();
    if (running) {
      await body.cancel().catch(() => undefined);
      return renderOps(c, 409, { form: 'import', message: `「${running.fileName}」还在导入：请等它完成后再上传`, values: {} });
    }
    const held: { upload?: TempUpload } = {};
    try {
      const { fields, file } = await readMultipart(body, boundary, {
        maxFileBytes: maxUploadBytes,
        openFile: async (fieldsSoFar, f) => {
          if (!checkToken(session.csrf, fieldsSoFar.csrf)) throw new CsrfRefused();
          const ext = path.extname(f.fileName).toLowerCase();
          if (ext === '.xls' || ext === '.et' || ext === '.wps')
            throw new AppError('invalid_argument', `不支持旧版 ${ext} 格式：请在 Excel/WPS 中“另存为” .xlsx 或 CSV 后再导入`);
          if (ext !== '.xlsx' && ext !== '.csv')
            throw new AppError('invalid_argument', `不支持的文件类型「${ext || '无扩展名'}」：请上传 .xlsx 或 .csv 文件`);
          held.upload = await createTempUpload(ext, deps.uploadDir);
          return held.upload.sink;
        },
      });
      if (!checkToken(session.csrf, fields.csrf)) throw new CsrfRefused();
      if (!file || !held.upload || file.bytes === 0)
        throw new AppError('invalid_argument', '请选择要导入的户档文件（.xlsx 或 .csv），文件不能是空的');
      const job = jobs.start({
        personId: session.viewer.personId ?? 0,
        fileName: file.fileName,
        fileBytes: file.bytes,
        dryRun: fields.dryRun === '1',
        upload: held.upload,
      });
      deps.logger?.info({ job: job.id, bytes: file.bytes, dryRun: job.dryRun }, '控制台导入开始');
      return c.redirect(`/ops/import/${job.id}`, 303);
    } catch (error) {
      await held.upload?.remove();
      if (error instanceof CsrfRefused) return formRefused(c, deps, session);
      if (error instanceof UploadTooLarge) return tooLarge();
      if (error instanceof MalformedUpload)
        return renderOps(c, 400, { form: 'import', message: '上传的表单不完整（可能上传中断了）：请重新选择文件上传', values: {} });
      if (isAppError(error) && error.code === 'invalid_argument')
        return renderOps(c, 400, { form: 'import', message: error.message, values: {} });
      throw error;
    }
  });

  const jobOf = (c: Context<ConsoleEnv>): ImportJob => {
    requireAdmin(c.get('session').viewer, '查看导入');
    const job = jobs.get(c.req.param('job') ?? '');
    if (!job)
      throw new AppError(
        'not_found',
        '没有这个导入任务：导入进度只保留 24 小时，服务器重启后也不再保留（已导入的数据不受影响，可在户档页查看）',
      );
    return job;
  };

  route.get('/ops/import/:job', signedIn, async (c) => {
    const session = c.get('session');
    const job = jobOf(c);
    if (job.status === 'running') c.header('refresh', '1');
    return sendPage(
      c,
      200,
      importJobPage(chrome(session, `导入 ${job.fileName}`, 'ops'), jobs.status(job), {
        warnings: job.report?.warnings ?? [],
        details: job.errorDetails,
      }),
    );
  });

  route.get('/ops/import/:job/status', signedIn, async (c) => {
    const job = jobOf(c);
    const status = jobs.status(job);
    c.header('cache-control', 'no-store');
    return c.json({ ...status, rejectsUrl: status.hasRejects ? `/ops/import/${job.id}/rejects.csv` : null });
  });

  route.get('/ops/import/:job/rejects.csv', signedIn, async (c) => {
    const job = jobOf(c);
    if (!job.rejectsFile) throw new AppError('not_found', '这次导入没有被拒绝的行，没有错误报告');
    const base = job.fileName.replace(/\.[^.]*$/, '') || 'import';
    for (const [k, v] of Object.entries(pageHeaders)) c.header(k, v);
    c.header('content-type', 'text/csv; charset=utf-8');
    c.header('content-disposition', contentDisposition(`${base}.rejected.csv`, 'rejected-rows.csv'));
    return c.body(await openFileStream(job.rejectsFile), 200);
  });

  // ---- Outbox and health ----

  route.get('/outbox', signedIn, async (c) => {
    const session = c.get('session');
    const view = await buildOutboxView(deps.db, session.viewer, deps.now());
    const retried = Number(c.req.query('retried'));
    const audit = Number(c.req.query('audit'));
    const said = `已将 ${count(retried)} 条消息放回待发送队列。`;
    const trail = Number.isInteger(audit) ? html` <a href="/ops/audit/${String(audit)}">查看留痕</a>` : '';
    const notice = Number.isInteger(retried) ? html`${said}${trail}` : null;
    return sendPage(
      c,
      200,
      outboxPage(chrome(session, '消息发送', 'outbox'), view, { csrf: session.csrf, timezone: deps.timezone, notice }),
    );
  });

  const retry = (pathName: string, which: (c: Context<ConsoleEnv>) => { id: number } | 'all') =>
    route.post(pathName, originCheck(deps), signedIn, async (c) => {
      const session = c.get('session');
      if ((await readCheckedForm(c, session.csrf)) === null) return formRefused(c, deps, session);
      const r = await retryOutbox(deps.db, session.viewer, which(c), deps.now());
      return c.redirect(`/outbox?retried=${r.count}&audit=${r.auditId}`, 303);
    });
  retry('/outbox/retry-all', () => 'all');
  retry('/outbox/:id/retry', (c) => ({ id: Number(c.req.param('id')) }));

  return route;
}

function required(value: string | undefined, message: string): string {
  const v = (value ?? '').trim();
  if (v === '') throw new AppError('invalid_argument', message);
  if (v.length > 500) throw new AppError('invalid_argument', '填写的内容过长：最多 500 个字符');
  return v;
}
