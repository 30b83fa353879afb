// The console's Node-only routes: the browser libraries under /assets (read from node_modules) and
// Operations/Outbox (uploads to temp files, the better-sqlite3 import, Excel workbooks). The Node
// runtime passes them as `nodeRoutes`; the Worker does without them (docs/workers.md).
import type { Hono } from 'hono';
import type { ConsoleDeps } from './console-deps.ts';
import type { ConsoleEnv } from './guard.ts';
import { libraryAssetRoutes } from './library-assets.ts';
import { operationsRoutes } from './operations-routes.ts';

export function nodeConsoleRoutes(deps: ConsoleDeps): Hono<ConsoleEnv>[] {
  return [libraryAssetRoutes(), operationsRoutes(deps)];
}
