// What the /api routes need, and what the bearer middleware puts in each request's context.
import { OpenAPIHono } from '@hono/zod-openapi';
import type { EngineDeps } from '../../../app/cases/engine-deps.ts';
import type { Viewer } from '../../../core/access/viewer.ts';
import type { Logger } from '../../../core/logger.ts';
import { validationHook } from './validation-hook.ts';

export interface ApiDeps {
  /** The database, flows, calendar and time zone (HUHUQING_TIMEZONE): the engine's deps. */
  engine: EngineDeps;
  /** ADMIN_TOKEN: a bootstrap bearer token that acts as an admin; absent → only stored tokens. */
  adminToken?: string | undefined;
  /** The clock (the sandbox's clock in sandbox mode): audit times, "today", overdue. */
  now: () => Date;
  logger: Logger;
}

export interface ApiEnv {
  Variables: {
    viewer: Viewer;
    /** The audit trail's actor for this request: "person:12", "token:3" or "token:admin". */
    actor: string;
  };
}

export function createApiApp(): OpenAPIHono<ApiEnv> {
  return new OpenAPIHono<ApiEnv>({ defaultHook: validationHook });
}
