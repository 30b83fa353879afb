// The signed-in pages: Progress (/), Households (/households) and one household
// (/households/:archiveNo, with the audited full view as a POST).
import { Hono } from 'hono';
import { buildHouseholdView } from '../../../app/console/build-household-view.ts';
import { buildProgressView } from '../../../app/console/build-progress-view.ts';
import { findHouseholds } from '../../../app/console/find-households.ts';
import type { ConsoleDeps } from './console-deps.ts';
import { formRefused, originCheck, readCheckedForm, requireSignIn, type ConsoleEnv } from './guard.ts';
import { householdPage } from './household-page.ts';
import { householdsPage } from './households-page.ts';
import { progressPage } from './progress-page.ts';
import { newNonce, sendPage } from './respond.ts';

export function pageRoutes(deps: ConsoleDeps): Hono<ConsoleEnv> {
  const route = new Hono<ConsoleEnv>();
  const signedIn = requireSignIn(deps);
  const app = { db: deps.db, timezone: deps.timezone };

  route.get('/', signedIn, async (c) => {
    const session = c.get('session');
    const view = await buildProgressView(app, session.viewer, c.req.query(), deps.now());
    const nonce = newNonce();
    return sendPage(c, 200, progressPage({ title: '进度', mode: deps.mode, session, active: 'progress' }, view, nonce), nonce);
  });

  route.get('/households', signedIn, async (c) => {
    const session = c.get('session');
    const view = await findHouseholds(app, session.viewer, c.req.query(), deps.now());
    return sendPage(c, 200, householdsPage({ title: '户档', mode: deps.mode, session, active: 'households' }, view, deps.timezone));
  });

  route.get('/households/:archiveNo', signedIn, async (c) => {
    const session = c.get('session');
    const view = await buildHouseholdView(deps.db, session.viewer, {
      archiveNo: c.req.param('archiveNo'),
      full: false,
      now: deps.now(),
      timezone: deps.timezone,
    });
    const chrome = { title: view.household.archiveNo, mode: deps.mode, session, active: 'households' as const };
    return sendPage(c, 200, householdPage(chrome, view, deps.timezone, session.csrf));
  });

  route.post('/households/:archiveNo/full', originCheck(deps), signedIn, async (c) => {
    const session = c.get('session');
    if ((await readCheckedForm(c, session.csrf)) === null) return formRefused(c, deps, session);
    const view = await buildHouseholdView(deps.db, session.viewer, {
      archiveNo: c.req.param('archiveNo'),
      full: true,
      now: deps.now(),
      timezone: deps.timezone,
    });
    const chrome = { title: view.household.archiveNo, mode: deps.mode, session, active: 'households' as const };
    return sendPage(c, 200, householdPage(chrome, view, deps.timezone, session.csrf));
  });
  return route;
}
