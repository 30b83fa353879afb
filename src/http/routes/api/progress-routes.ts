// GET /api/progress: households and persons on file, by one dimension, at a date — the numbers of
// `huhuqing report` for the same filters, within the viewer's region (an officer: their own households).
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { buildViewerReport } from '../../../app/api/viewer-report.ts';
import { localDate } from '../../../core/time/local-date.ts';
import { dimensionLabels, reportDimensions, type Report } from '../../../core/reports/report-types.ts';
import type { ApiDeps, ApiEnv } from './api-env.ts';
import { bearerSecurity, errorResponses, jsonBody } from './schemas.ts';

const date = (name: string, description: string) =>
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, { error: '日期须写成 YYYY-MM-DD，例如 2020-03-31' })
    .optional()
    .openapi({ param: { name, in: 'query' }, description, example: '2020-03-31' });

const ProgressQuery = z.object({
  region: z
    .string()
    .max(50)
    .optional()
    .openapi({
      param: { name: 'region', in: 'query' },
      description:
        '地区全称或 6 位区划代码（统计该地区及其下级）。督查员默认为令牌的地区，只能查看其内的地区；管理员默认全部地区；责任人只统计本人负责的家庭',
      example: '麒麟区',
    }),
  by: z
    .enum(reportDimensions, { error: `by 可选：${reportDimensions.map((d) => `${d}（${dimensionLabels[d]}）`).join('、')}` })
    .default('level')
    .openapi({
      param: { name: 'by', in: 'query' },
      description: '汇总维度：level 档案级别（默认）、region 地区、cause 致困原因、tier 困难类型、state 办理状态',
      example: 'region',
    }),
  at: date('at', '统计日期（默认今天，按 HUHUQING_TIMEZONE）'),
  since: date('since', '与较早日期比较：每行增加该日的数字与变化，并列出期间新建档与销档'),
});

const FiguresSchema = z.object({ households: z.number().int(), persons: z.number().int() }).openapi('Figures');

const ReportRowSchema = z
  .object({
    labels: z.array(z.string()).openapi({ description: '行标签，对应 labelHeaders', example: ['全国级'] }),
    at: FiguresSchema,
    since: FiguresSchema.nullable(),
    change: FiguresSchema.nullable().openapi({ description: 'at − since（有 since 时）' }),
  })
  .openapi('ReportRow');

export const ProgressSchema = z
  .object({
    title: z.string().openapi({ example: '曲靖市 困难职工档案 截至 2020-03-31（按档案级别）' }),
    scope: z.string().openapi({ description: '统计范围（地区名称，或 全部地区）', example: '曲靖市' }),
    by: z.enum(reportDimensions),
    at: z.string(),
    since: z.string().nullable(),
    labelHeaders: z.array(z.string()).openapi({ example: ['档案级别'] }),
    rows: z.array(ReportRowSchema),
    total: ReportRowSchema.openapi({ description: '合计行' }),
    notes: z.array(z.string()).openapi({ description: '脚注与新建档、销档汇总' }),
  })
  .openapi('Progress');

const progressRoute = createRoute({
  method: 'get',
  path: '/api/progress',
  tags: ['进度'],
  summary: '某日在档户数、人数（与 huhuqing report 相同的口径）',
  security: bearerSecurity,
  request: { query: ProgressQuery },
  responses: { 200: jsonBody(ProgressSchema, '报表：每行的户数、人数，合计与脚注'), ...errorResponses },
});

export function registerProgressRoutes(app: OpenAPIHono<ApiEnv>, deps: ApiDeps): void {
  app.openapi(progressRoute, async (c) => {
    const query = c.req.valid('query');
    const report = await buildViewerReport(
      { db: deps.engine.db, timezone: deps.engine.tz },
      c.get('viewer'),
      query,
      localDate(deps.now(), deps.engine.tz),
    );
    return c.json(progressJson(report), 200);
  });
}

export function progressJson(report: Report) {
  return {
    title: report.title,
    scope: report.scopeName,
    by: report.dimension,
    at: report.at,
    since: report.since,
    labelHeaders: report.labelHeaders,
    rows: report.rows,
    total: report.total,
    notes: report.notes,
  };
}
