// Lark-shaped JSON answers ({code, msg, data}) that also remember their code for the call log.
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

export type SimEnv = { Variables: { larkCode: number | undefined; fault: string | undefined } };
export type SimContext = Context<SimEnv>;

/** A business outcome before it becomes HTTP: handlers return these, routes send them. */
export interface LarkResult {
  status: ContentfulStatusCode;
  code: number;
  msg: string;
  data?: unknown;
}

export const ok = (data?: unknown): LarkResult => ({ status: 200, code: 0, msg: 'success', data: data ?? {} });
export const fail = (code: number, msg: string, status: ContentfulStatusCode = 400): LarkResult => ({ status, code, msg });

export function sendResult(c: SimContext, result: LarkResult, headers?: Record<string, string>): Response {
  c.set('larkCode', result.code);
  const body: Record<string, unknown> = { code: result.code, msg: result.msg };
  if (result.data !== undefined) body.data = result.data;
  return c.json(body, result.status, headers);
}

/** For endpoints whose fields sit at the top level (token, bot info). */
export function sendFlat(
  c: SimContext,
  status: ContentfulStatusCode,
  body: { code: number; msg: string } & Record<string, unknown>,
): Response {
  c.set('larkCode', body.code);
  return c.json(body, status);
}

/** Parses a JSON request body; undefined when it is not a JSON object. */
export async function readJsonObject(c: SimContext): Promise<{ raw: string; body: Record<string, unknown> | undefined }> {
  const raw = await c.req.text();
  try {
    const parsed: unknown = JSON.parse(raw);
    return {
      raw,
      body: parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined,
    };
  } catch {
    return { raw, body: undefined };
  }
}

export const byteLength = (text: string): number => Buffer.byteLength(text, 'utf8');

/** Card and post bodies: 30 KB; text: 150 KB (send-message.md via lark-platform.md §0). */
export const CARD_BODY_LIMIT = 30 * 1024;
export const TEXT_BODY_LIMIT = 150 * 1024;

export const THROTTLED_230020 = (what: string): LarkResult =>
  fail(230020, `The request you send is too frequent: at most 5 per second ${what}.`);
