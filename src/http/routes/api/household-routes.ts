// GET /api/households (search within the viewer's scope, masked) and GET /api/households/{archiveNo}
// (one household, its cases and every audit event; ?full=1 unmasks for a viewer who may see it, audited).
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { searchHouseholds } from '../../../app/api/search-households.ts';
import { viewHousehold } from '../../../app/api/view-household.ts';
import type { ApiDeps, ApiEnv } from './api-env.ts';
import { householdDetailJson, listedHouseholdJson } from './household-json.ts';
import { CaseSummarySchema, HouseholdSummarySchema, bearerSecurity, errorResponses, jsonBody } from './schemas.ts';

const flag = z.enum(['true', 'false', '1', '0'], { error: '只能是 true、false、1 或 0' });

const SearchQuery = z.object({
  q: z
    .string()
    .max(50, { error: '最多 50 个字符' })
    .optional()
    .openapi({
      param: { name: 'q', in: 'query' },
      description:
        '档案编号的一部分，或户主姓名——按列表中脱敏后的形式匹配：杨*华（* 为一个隐藏的字）；输入全名按其脱敏形式匹配（杨小华 即 杨*华）；一个字按姓氏匹配',
      example: 'QJ530302',
    }),
  region: z
    .string()
    .max(50)
    .optional()
    .openapi({
      param: { name: 'region', in: 'query' },
      description: '地区全称或 6 位区划代码（含下级）；须在令牌的范围内',
      example: '麒麟区',
    }),
  state: z
    .string()
    .max(100)
    .optional()
    .openapi({
      param: { name: 'state', in: 'query' },
      description: '只列出办理中案件处于这一步的家庭（流程中的状态键）',
      example: 'verifying',
    }),
  overdue: flag
    .optional()
    .openapi({ param: { name: 'overdue', in: 'query' }, description: 'true：只列出办理中且已过期限的家庭', example: 'true' }),
  page: z.coerce
    .number({ error: '页码须为正整数' })
    .int({ error: '页码须为正整数' })
    .min(1, { error: '页码从 1 开始' })
    .default(1)
    .openapi({ param: { name: 'page', in: 'query' }, description: '页码，从 1 开始', example: 1 }),
  pageSize: z.coerce
    .number({ error: '每页条数须为 1–200 的整数' })
    .int({ error: '每页条数须为 1–200 的整数' })
    .min(1, { error: '每页条数须为 1–200 的整数' })
    .max(200, { error: '每页条数须为 1–200 的整数' })
    .default(50)
    .openapi({ param: { name: 'pageSize', in: 'query' }, description: '每页条数（默认 50，最多 200）', example: 50 }),
});

const HouseholdListSchema = z
  .object({
    total: z.number().int().openapi({ description: '符合条件的户数' }),
    page: z.number().int(),
    pageSize: z.number().int(),
    households: z.array(HouseholdSummarySchema),
  })
  .openapi('HouseholdList');

const AuditEventSchema = z
  .object({
    id: z.number().int(),
    at: z.string().openapi({ description: '时间（ISO 8601）' }),
    actor: z.string().openapi({ description: '谁：person:<编号>、scheduler、import、cli、token:<编号>…', example: 'person:12' }),
    actorName: z.string().nullable().openapi({ description: '名册中的姓名（actor 为人员时）' }),
    source: z.string().openapi({ description: '来源：card、chat、scheduler、admin、import、cli、api' }),
    action: z.string().openapi({ example: 'case.transition' }),
    caseId: z.number().int().nullable(),
    fromState: z.string().nullable(),
    toState: z.string().nullable(),
    before: z.unknown().openapi({ description: '变更前（表单值、期限等）' }),
    after: z.unknown().openapi({ description: '变更后' }),
  })
  .openapi('AuditEvent');

const HouseholdDetailSchema = z
  .object({
    personalData: z.enum(['masked', 'full']).openapi({ description: 'masked：已脱敏；full：完整个人信息（本次查看已记入留痕）' }),
    household: HouseholdSummarySchema.extend({
      employer: z.string().nullable().openapi({ description: '工作单位（仅完整查看时提供）' }),
      deadline: z.string().nullable().openapi({ description: '脱困时限 YYYY-MM-DD' }),
      closedReason: z.string().nullable(),
    }),
    cases: z.array(CaseSummarySchema.extend({ createdAt: z.string(), previousCaseId: z.number().int().nullable() })),
    timeline: z.array(AuditEventSchema).openapi({ description: '这户及其案件的全部留痕，按时间先后' }),
  })
  .openapi('HouseholdDetail');

const searchRoute = createRoute({
  method: 'get',
  path: '/api/households',
  tags: ['家庭'],
  summary: '查找令牌范围内的家庭（个人信息已脱敏）',
  security: bearerSecurity,
  request: { query: SearchQuery },
  responses: { 200: jsonBody(HouseholdListSchema, '一页家庭，按档案编号排序'), ...errorResponses },
});

const ArchiveNoParams = z.object({
  archiveNo: z
    .string()
    .min(1)
    .max(64, { error: '档案编号最多 64 个字符' })
    .openapi({ param: { name: 'archiveNo', in: 'path' }, description: '档案编号', example: 'QJ530302-2017-0000001' }),
});

const DetailQuery = z.object({
  full: flag.optional().openapi({
    param: { name: 'full', in: 'query' },
    description: '1：返回完整个人信息（须有权查看；每次查看记入留痕 household.personal_data_viewed）',
    example: '1',
  }),
});

const detailRoute = createRoute({
  method: 'get',
  path: '/api/households/{archiveNo}',
  tags: ['家庭'],
  summary: '一户的档案、案件与全部留痕（范围外的家庭与不存在的一样返回 404）',
  security: bearerSecurity,
  request: { params: ArchiveNoParams, query: DetailQuery },
  responses: { 200: jsonBody(HouseholdDetailSchema, '这户的档案、案件与时间线'), ...errorResponses },
});

const isOn = (v: string | undefined) => v === 'true' || v === '1';

export function registerHouseholdRoutes(app: OpenAPIHono<ApiEnv>, deps: ApiDeps): void {
  app.openapi(searchRoute, async (c) => {
    const query = c.req.valid('query');
    const now = deps.now();
    const r = await searchHouseholds(deps.engine, c.get('viewer'), { ...query, overdue: isOn(query.overdue) }, now);
    return c.json(
      { total: r.total, page: r.page, pageSize: r.pageSize, households: r.households.map((h) => listedHouseholdJson(h, now)) },
      200,
    );
  });

  app.openapi(detailRoute, async (c) => {
    const { archiveNo } = c.req.valid('param');
    const { full } = c.req.valid('query');
    const now = deps.now();
    const view = await viewHousehold(deps.engine, c.get('viewer'), {
      archiveNo,
      full: isOn(full),
      actor: c.get('actor'),
      source: 'api',
      now,
    });
    return c.json(householdDetailJson(view, now), 200);
  });
}
