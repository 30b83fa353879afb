// The simulator's Open API as one Hono app (web-standard, so the sandbox page can mount it too).
import { Hono } from 'hono';
import type { SimulatorCore } from './simulator-core.ts';
import { fail, readJsonObject, sendFlat, sendResult, type SimEnv } from './lark-reply.ts';
import { API, gate, recordCalls, type Holds } from './gateway.ts';
import { issueTenantToken } from './check-token.ts';
import { mountMessageRoutes } from './message-routes.ts';
import { mountPatchRoutes } from './patch-routes.ts';
import { mountCardUpdateRoute } from './card-update-route.ts';
import { mountDirectoryRoutes } from './directory-routes.ts';

export function createSimulatorApp(core: SimulatorCore, holds: Holds): Hono<SimEnv> {
  const app = new Hono<SimEnv>();
  app.use('/open-apis/*', recordCalls(core));

  app.post('/open-apis/auth/v3/tenant_access_token/internal', gate(core, API.token, holds), async (c) => {
    const { body } = await readJsonObject(c);
    if (!body || typeof body.app_id !== 'string' || typeof body.app_secret !== 'string')
      return sendFlat(c, 400, { code: 10003, msg: 'invalid param: app_id and app_secret are required' });
    if (body.app_id !== core.appId) return sendFlat(c, 400, { code: 10014, msg: `app ${body.app_id} is unavailable (unknown app_id)` });
    if (body.app_secret !== core.appSecret) return sendFlat(c, 400, { code: 10015, msg: 'app secret invalid' });
    const { token, expire } = issueTenantToken(core);
    return sendFlat(c, 200, { code: 0, msg: 'ok', tenant_access_token: token, expire });
  });

  mountMessageRoutes(app, core, holds);
  mountPatchRoutes(app, core, holds);
  mountCardUpdateRoute(app, core, holds);
  mountDirectoryRoutes(app, core, holds);

  app.notFound((c) => sendResult(c, fail(404, `the simulator does not implement ${c.req.method} ${new URL(c.req.url).pathname}`, 404)));
  app.onError((err, c) => sendResult(c, fail(2200, `simulator error: ${err.message}`, 500)));
  return app;
}
