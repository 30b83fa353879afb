// The JSON API under /api for admins, supervisors and officers: bearer tokens (`huhuqing token
// create`, or ADMIN_TOKEN), every answer scoped to the token's role and region, and the OpenAPI
// document generated from the routes' zod schemas at /api/openapi.json. See docs/api.md.
import type { OpenAPIHono } from '@hono/zod-openapi';
import { HTTPException } from 'hono/http-exception';
import { isAppError } from '../../core/app-error.ts';
import { statusForError } from '../status-for-error.ts';
import { createApiApp, type ApiDeps, type ApiEnv } from './api/api-env.ts';
import { bearerAuth } from './api/bearer-auth.ts';
import { registerCaseRoutes } from './api/case-routes.ts';
import { registerHouseholdRoutes } from './api/household-routes.ts';
import { registerProgressRoutes } from './api/progress-routes.ts';

export type { ApiDeps } from './api/api-env.ts';

export const openApiPath = '/api/openapi.json';

export function apiRoute(deps: ApiDeps): OpenAPIHono<ApiEnv> {
  const app = createApiApp();
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    description: '令牌由管理员运行 huhuqing token create 创建（hhq_ 开头），或为 ADMIN_TOKEN 设置的值',
  });
  app.use('/api/*', bearerAuth(deps, [openApiPath]));
  registerProgressRoutes(app, deps);
  registerHouseholdRoutes(app, deps);
  registerCaseRoutes(app, deps);
  app.doc(openApiPath, {
    openapi: '3.0.3',
    info: {
      title: '户户清 API',
      version: '1',
      description:
        '困难职工「户户清」工作的进度、家庭与案件操作。每个请求带 Authorization: Bearer <令牌>；令牌的角色与地区限定能看到和操作的范围。',
    },
    tags: [
      { name: '进度', description: '与 huhuqing report 相同口径的报表' },
      { name: '家庭', description: '查找家庭、查看一户的案件与留痕' },
      { name: '案件', description: '留痕的批量操作' },
    ],
  });

  app.onError((error, c) => {
    if (isAppError(error)) {
      return c.json({ error: error.code, message: error.message, details: error.details }, statusForError(error.code));
    }
    if (error instanceof HTTPException && error.status === 415) {
      return c.json({ error: 'invalid_argument', message: '请求体须为 JSON：请加上请求头 Content-Type: application/json' }, 415);
    }
    if (error instanceof HTTPException && error.status === 400) {
      return c.json(
        { error: 'invalid_argument', message: '请求体不是有效的 JSON：请发送一个 JSON 对象，例如 {"region": "麒麟区", …}' },
        400,
      );
    }
    if (error instanceof HTTPException) return error.getResponse();
    deps.logger.error({ err: error.message, path: c.req.path }, 'unhandled API error');
    return c.json({ error: 'internal', message: '服务器内部错误，已记录日志' }, 500);
  });
  return app;
}
