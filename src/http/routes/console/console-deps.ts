// What the console needs from the runtime.
import type { Hono } from 'hono';
import type { EngineDeps } from '../../../app/cases/engine-deps.ts';
import type { Logger } from '../../../core/logger.ts';
import type { LarkWebLogin } from '../../../core/ports/lark-web-login.ts';
import type { Db } from '../../../db/create-prisma.ts';
import type { ConsoleEnv } from './guard.ts';

export interface ConsoleDeps {
  db: Db;
  /** live: sign in with Lark (OAuth web login); sandbox: pick anyone of the roster. */
  mode: 'live' | 'sandbox';
  /** Signs the session cookies and derives the CSRF tokens; at least 32 random characters. */
  sessionSecret: string;
  /** The app's clock (the sandbox clock in sandbox mode): today, overdue, audit times. */
  now: () => Date;
  /** The clock sessions expire by; defaults to `now`. Wire the real clock so time travel in the sandbox does not sign people out. */
  sessionNow?: () => Date;
  /** HUHUQING_TIMEZONE. */
  timezone: string;
  /** Live mode: Lark's OAuth web login (src/lark/login/create-lark-web-login.ts). */
  larkLogin?: LarkWebLogin;
  /** The console's public address (https://huhuqing.example.org) when behind a proxy: the OAuth redirect, the allowed Origin, Secure cookies. */
  publicUrl?: string;
  logger?: Logger;
  /** The engine's deps (calendar, quiet hours) for operations that re-plan timers; default: built from `db` and `timezone` with the default quiet hours. */
  engine?: EngineDeps;
  /** Routes only Node serves (see nodeConsoleRoutes): mounted inside the console, under its error pages. */
  nodeRoutes?: (deps: ConsoleDeps) => Hono<ConsoleEnv>[];
}
