// The zod schemas of the /api responses shared by several routes; they are the OpenAPI components.
import { z } from '@hono/zod-openapi';

export const ErrorSchema = z
  .object({
    error: z.string().openapi({ description: '错误代码，如 invalid_argument、unauthorized、forbidden、not_found', example: 'forbidden' }),
    message: z.string().openapi({ description: '说明与修改方法（中文）' }),
    details: z.array(z.string()).optional().openapi({ description: '逐项问题（如有）' }),
  })
  .openapi('Error');

const errorResponse = (description: string) => ({ content: { 'application/json': { schema: ErrorSchema } }, description });

/** The error responses every authenticated route may give. */
export const errorResponses = {
  400: errorResponse('请求参数有误：message 说明要改什么'),
  401: errorResponse('缺少令牌、令牌无效或已吊销'),
  403: errorResponse('超出令牌的角色或地区范围'),
  404: errorResponse('不存在，或不在令牌的查看范围内'),
} as const;

export const bearerSecurity = [{ bearer: [] }];

export const jsonBody = <T extends z.ZodType>(schema: T, description: string) => ({
  content: { 'application/json': { schema } },
  description,
});

export const CaseSummarySchema = z
  .object({
    id: z.number().int(),
    campaign: z.string().openapi({ example: '户户清（演示）' }),
    flowId: z.string().openapi({ example: 'huhuqing' }),
    flowVersion: z.number().int(),
    state: z.string().openapi({ description: '当前步骤（流程中的状态键）', example: 'verifying' }),
    stateTitle: z.string().openapi({ description: '当前步骤的名称', example: '入户核实' }),
    status: z.enum(['active', 'closed']).openapi({ description: 'active 办理中，closed 已结案' }),
    stateEnteredAt: z.string().openapi({ description: '进入当前步骤的时间（ISO 8601）' }),
    deadlineAt: z.string().nullable().openapi({ description: '当前步骤的期限（ISO 8601）；暂停计时或不限期时为 null' }),
    overdue: z.boolean().openapi({ description: '办理中且已过期限' }),
  })
  .openapi('CaseSummary');

export const HouseholdSummarySchema = z
  .object({
    archiveNo: z.string().openapi({ example: 'QJ530302-2017-0000001' }),
    archiveLevel: z.string().openapi({ example: '全国级' }),
    region: z.object({ code: z.string(), name: z.string() }).openapi({ example: { code: '530302', name: '麒麟区' } }),
    headName: z.string().openapi({ description: '户主姓名（默认脱敏：杨*华）', example: '杨*华' }),
    idNumber: z.string().openapi({ description: '身份证号（默认只显示后 4 位）', example: '**************123X' }),
    phone: z.string().nullable().openapi({ description: '联系电话（默认脱敏）', example: '138****5678' }),
    persons: z.number().int().openapi({ description: '家庭人口' }),
    causes: z.array(z.string()).openapi({ description: '致困原因；脱敏时不含涉及健康的原因（大病、工伤等）' }),
    tier: z.string().nullable().openapi({ description: '困难类型', example: '相对困难' }),
    officer: z.object({ id: z.number().int(), name: z.string() }).nullable().openapi({ description: '责任人' }),
    filedOn: z.string().openapi({ description: '建档日期 YYYY-MM-DD' }),
    closedOn: z.string().nullable().openapi({ description: '销档日期 YYYY-MM-DD；在档为 null' }),
    case: CaseSummarySchema.nullable().openapi({ description: '最新的案件；未立案为 null' }),
  })
  .openapi('HouseholdSummary');
