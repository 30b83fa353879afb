// POST /api/cases/extend and POST /api/cases/reassign: the audited bulk operations of the CLI
// (`cases extend`, `cases reassign`), with the token's viewer as the actor and its region as the limit.
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { extendForViewer, reassignForViewer } from '../../../app/api/bulk-operations.ts';
import type { ApiDeps, ApiEnv } from './api-env.ts';
import { bearerSecurity, errorResponses, jsonBody } from './schemas.ts';

const reason = z
  .string({ error: '请填写理由（reason），它会记入留痕' })
  .trim()
  .min(1, { error: '请填写理由（reason），它会记入留痕' })
  .max(500, { error: '理由最多 500 个字符' })
  .openapi({ description: '理由（记入留痕）', example: '汛期道路中断，入户核实顺延' });

const ExtendBody = z
  .object({
    region: z
      .string({ error: '请填写地区（region）：地区全称或 6 位区划代码' })
      .trim()
      .min(1, { error: '请填写地区（region）：地区全称或 6 位区划代码' })
      .openapi({ description: '地区全称或区划代码（含下级）', example: '麒麟区' }),
    workdays: z
      .number({ error: '延长的工作日数（workdays）须为 1–60 的整数' })
      .int({ error: '延长的工作日数（workdays）须为 1–60 的整数' })
      .min(1, { error: '延长的工作日数（workdays）须为 1–60 的整数' })
      .max(60, { error: '延长的工作日数（workdays）须为 1–60 的整数' })
      .openapi({ description: '延长的工作日数', example: 3 }),
    state: z
      .string({ error: 'state 须为流程中的状态键，如 verifying' })
      .trim()
      .min(1)
      .optional()
      .openapi({ description: '只延长处于这一步的案件（状态键）', example: 'verifying' }),
    reason,
  })
  .openapi('ExtendRequest');

const ExtendResult = z
  .object({
    extended: z.number().int().openapi({ description: '延长了期限的在办案件数' }),
    region: z.object({ code: z.string(), name: z.string() }),
    workdays: z.number().int(),
    state: z.string().nullable(),
  })
  .openapi('ExtendResult');

const person = (what: string) =>
  z
    .string({ error: `请填写${what}：名册中的姓名、手机号、邮箱或 open_id` })
    .trim()
    .min(1, { error: `请填写${what}：名册中的姓名、手机号、邮箱或 open_id` })
    .openapi({ description: `${what}：名册中的姓名、手机号、邮箱或 open_id`, example: '13900000001' });

const ReassignBody = z.object({ from: person('原责任人（from）'), to: person('新责任人（to）'), reason }).openapi('ReassignRequest');

const ReassignResult = z
  .object({
    households: z.number().int().openapi({ description: '改派的户数' }),
    from: z.object({ id: z.number().int(), name: z.string() }),
    to: z.object({ id: z.number().int(), name: z.string() }),
  })
  .openapi('ReassignResult');

const extendRoute = createRoute({
  method: 'post',
  path: '/api/cases/extend',
  tags: ['案件'],
  summary: '把一个地区（可限定某一步）所有在办案件的期限延长 N 个工作日（本地区督查员或管理员）',
  security: bearerSecurity,
  request: { body: { ...jsonBody(ExtendBody, '延期范围、天数与理由'), required: true } },
  responses: { 200: jsonBody(ExtendResult, '已延长；每个案件记入 case.deadline_extended 留痕'), ...errorResponses },
});

const reassignRoute = createRoute({
  method: 'post',
  path: '/api/cases/reassign',
  tags: ['案件'],
  summary: '把一名责任人的全部家庭改派给另一人（管理员，或两人及其家庭都在其地区内的督查员）',
  security: bearerSecurity,
  request: { body: { ...jsonBody(ReassignBody, '原责任人、新责任人与理由'), required: true } },
  responses: { 200: jsonBody(ReassignResult, '已改派；每户记入 household.reassigned 留痕'), ...errorResponses },
});

export function registerCaseRoutes(app: OpenAPIHono<ApiEnv>, deps: ApiDeps): void {
  app.openapi(extendRoute, async (c) => {
    const { auditId: _auditId, ...result } = await extendForViewer(
      deps.engine,
      c.get('viewer'),
      c.req.valid('json'),
      c.get('actor'),
      deps.now(),
    );
    return c.json(result, 200);
  });
  app.openapi(reassignRoute, async (c) => {
    const { auditId: _auditId, ...result } = await reassignForViewer(
      deps.engine,
      c.get('viewer'),
      c.req.valid('json'),
      c.get('actor'),
      deps.now(),
    );
    return c.json(result, 200);
  });
}
