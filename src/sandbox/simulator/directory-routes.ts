// Who is who: GET bot/v3/info, GET im/v1/chats/:chat_id/members (paginated, bots excluded) and
// POST contact/v3/users/batch_get_id (by email or mobile) — lark-platform.md §5.
import type { Hono } from 'hono';
import type { SimulatorCore } from './simulator-core.ts';
import type { SimUser } from './simulator-state.ts';
import { fail, ok, readJsonObject, sendFlat, sendResult, type LarkResult, type SimEnv } from './lark-reply.ts';
import { API, gate, type Holds } from './gateway.ts';
import { unionIdOf } from './lark-ids.ts';

export function mountDirectoryRoutes(app: Hono<SimEnv>, core: SimulatorCore, holds: Holds): void {
  app.get('/open-apis/bot/v3/info', gate(core, API.botInfo, holds), (c) =>
    sendFlat(c, 200, {
      code: 0,
      msg: 'ok',
      bot: { activate_status: 2, app_name: core.appName, avatar_url: '', ip_white_list: [], open_id: core.botOpenId },
    }),
  );

  app.get('/open-apis/im/v1/chats/:chat_id/members', gate(core, API.chatMembers, holds), (c) =>
    sendResult(
      c,
      listMembers(core, c.req.param('chat_id'), c.req.query('member_id_type'), c.req.query('page_size'), c.req.query('page_token')),
    ),
  );

  app.post('/open-apis/contact/v3/users/batch_get_id', gate(core, API.batchGetId, holds), async (c) => {
    const { body } = await readJsonObject(c);
    return sendResult(c, batchGetId(core, body ?? {}, c.req.query('user_id_type') ?? 'open_id'));
  });
}

function listMembers(core: SimulatorCore, chatId: string, idType = 'open_id', pageSizeText = '20', pageToken = ''): LarkResult {
  if (idType !== 'open_id') return fail(230001, 'the simulator supports member_id_type=open_id only');
  const pageSize = Number(pageSizeText);
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 100) return fail(230001, 'page_size must be an integer from 1 to 100');
  const chat = core.state.chats.get(chatId);
  if (!chat) return fail(232009, `the chat ${chatId} does not exist or was dissolved`);
  if (!chat.botInChat) return fail(230002, 'Bot/User can NOT be out of the chat.');
  const start = pageToken ? Number(Buffer.from(pageToken, 'base64url').toString('utf8')) : 0;
  if (!Number.isInteger(start) || start < 0) return fail(230001, 'invalid page_token');
  const page = chat.members.slice(start, start + pageSize);
  const next = start + page.length;
  const hasMore = next < chat.members.length;
  return ok({
    items: page.map((openId) => ({
      member_id_type: 'open_id',
      member_id: openId,
      name: core.state.users.get(openId)?.name ?? '',
      tenant_key: core.tenantKey,
    })),
    page_token: hasMore ? Buffer.from(String(next), 'utf8').toString('base64url') : '',
    has_more: hasMore,
    member_total: chat.members.length,
  });
}

const strings = (v: unknown): string[] | undefined => (Array.isArray(v) && v.every((x) => typeof x === 'string') ? v : undefined);
/** Mainland numbers may come with or without +86 (§5); other countries always carry their prefix. */
const normalMobile = (m: string): string => m.replace(/[\s-]/g, '').replace(/^\+86/, '');

function batchGetId(core: SimulatorCore, body: Record<string, unknown>, idType: string): LarkResult {
  const emails = body.emails === undefined ? [] : strings(body.emails);
  const mobiles = body.mobiles === undefined ? [] : strings(body.mobiles);
  if (!emails || !mobiles) return fail(99992402, 'field validation failed: emails and mobiles must be arrays of strings');
  if (emails.length > 50 || mobiles.length > 50)
    return fail(99992402, 'field validation failed: at most 50 emails and 50 mobiles per call');
  if (!['open_id', 'user_id', 'union_id'].includes(idType)) return fail(99992402, 'field validation failed: user_id_type');
  const users = [...core.state.users.values()];
  const idOf = (u: SimUser | undefined): string | undefined =>
    !u ? undefined : idType === 'open_id' ? u.openId : idType === 'user_id' ? u.userId : unionIdOf(u.openId);
  const status = { is_frozen: false, is_resigned: false, is_activated: true, is_exited: false, is_unjoin: false };
  const entry = (key: 'email' | 'mobile', value: string, user: SimUser | undefined) => {
    const userId = idOf(user);
    return userId ? { user_id: userId, [key]: value, status } : { [key]: value };
  };
  const list = [
    ...emails.map((e) =>
      entry(
        'email',
        e,
        users.find((u) => u.email?.toLowerCase() === e.toLowerCase()),
      ),
    ),
    ...mobiles.map((m) =>
      entry(
        'mobile',
        m,
        users.find((u) => u.mobile !== undefined && normalMobile(u.mobile) === normalMobile(m)),
      ),
    ),
  ];
  return ok({ user_list: list });
}
