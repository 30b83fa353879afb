// Message content checks shared by send, reply and patch: size limits (230025), text JSON shape
// (230001) and card JSON 2.0 validity (230099).
import { byteLength, CARD_BODY_LIMIT, fail, TEXT_BODY_LIMIT, type LarkResult } from './lark-reply.ts';
import { validateCard } from './validate-card.ts';

export const SUPPORTED_MSG_TYPES = new Set(['text', 'interactive', 'post']);

export function checkContent(msgType: string, content: unknown, rawBody: string): LarkResult | undefined {
  if (!SUPPORTED_MSG_TYPES.has(msgType))
    return fail(230001, `invalid msg_type "${msgType}": the simulator supports text, post and interactive`);
  if (typeof content !== 'string') return fail(230001, 'content must be a JSON string');
  const limit = msgType === 'text' ? TEXT_BODY_LIMIT : CARD_BODY_LIMIT;
  const size = byteLength(rawBody);
  if (size > limit)
    return fail(
      230025,
      `The message content is too long: the request body is ${size} bytes, at most ${limit} bytes (${limit / 1024} KB) for ${msgType}`,
    );
  let parsed: unknown;
  try {
    parsed = JSON.parse(content);
  } catch {
    return fail(230001, `content is not valid JSON for msg_type "${msgType}"`);
  }
  if (msgType === 'text') {
    const text = (parsed as { text?: unknown } | null)?.text;
    return typeof text === 'string' ? undefined : fail(230001, 'text content must be {"text":"…"}');
  }
  if (msgType === 'interactive') return cardProblem(parsed);
  return undefined;
}

export function cardProblem(card: unknown): LarkResult | undefined {
  const problem = validateCard(card);
  return problem ? fail(230099, `Failed to create card content, ext=ErrMsg: ${problem}`) : undefined;
}
