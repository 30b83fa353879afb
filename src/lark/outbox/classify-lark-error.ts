// Lark's answers → what the outbox does next (lark-platform.md §3–§4). The SDK resolves HTTP 200
// with a non-zero code and rejects non-2xx with an AxiosError.
import type { CallOutcome } from './lark-call.ts';

const permanent: Record<number, string> = {
  230001: '参数无效',
  230002: '机器人不在该群：请把机器人拉进群后重试',
  230006: '应用未开启机器人能力：请在开发者后台启用',
  230011: '消息已被撤回',
  230013: '该用户不在应用的可用范围内：请在开发者后台调整可用范围',
  230025: '消息内容过长：卡片超过 30 KB',
  230027: '应用缺少权限：请在开发者后台开通并发布新版本',
  230029: '该用户已离职',
  230031: '消息超过 14 天，不能再更新：将发送新卡片',
  230034: '接收者 ID 无效：请核对名册中的 open_id / 群 ID',
  230035: '没有向该会话发消息的权限',
  230053: '该用户已屏蔽机器人',
  230099: '卡片内容被拒绝：卡片格式有误',
  230110: '消息已被删除',
  232009: '该群已解散',
  11311: '卡片格式有误',
  300030: '卡片更新令牌已过期（30 分钟）',
  300040: '卡片更新令牌已用过两次',
  99991672: '应用未获授权：请在开发者后台开通权限并发布版本',
  10014: '应用凭证无效：请检查 LARK_APP_ID / LARK_APP_SECRET',
  10015: '应用凭证无效：请检查 LARK_APP_ID / LARK_APP_SECRET',
};

export function classifyCode(code: number, msg: string): CallOutcome {
  if (code === 0) return { ok: true };
  if (code === 99991663 || code === 99991661 || code === 99991664 || code === 99991665)
    return { ok: false, kind: 'token', reason: `访问令牌失效（${code}）` };
  if (code === 99991403)
    return { ok: false, kind: 'quota', reason: '本月 API 调用额度已用完（99991403）：免费版每月 10,000 次，下月 1 日恢复' };
  if (code === 99991400) return { ok: false, kind: 'retry', afterMs: 1000, reason: '触发频率限制（99991400）', throttled: 'app' };
  if (code === 230020 || code === 232019 || code === 11232 || code === 11233 || code === 11247)
    return { ok: false, kind: 'retry', afterMs: 1000, reason: `发送过于频繁（${code}）`, throttled: 'target' };
  if (code === 230049) return { ok: false, kind: 'retry', afterMs: 2000, reason: '消息仍在发送中（230049）' };
  const known = permanent[code];
  return { ok: false, kind: 'permanent', code, reason: known ? `${known}（${code}）` : `飞书返回错误 ${code}：${msg}` };
}

export function classifyThrown(error: unknown, attempt: number): CallOutcome {
  const e = error as {
    response?: { status?: number; data?: { code?: number; msg?: string }; headers?: Record<string, string> };
    code?: string;
    message?: string;
  };
  const status = e.response?.status;
  const body = e.response?.data;
  // 429, or 99991400 in a 400 (older APIs): wait the seconds Lark names in x-ogw-ratelimit-reset.
  if (status === 429 || body?.code === 99991400) {
    if (body?.code === 99991403) return classifyCode(99991403, body.msg ?? '');
    const reset = Number(e.response?.headers?.['x-ogw-ratelimit-reset']);
    return {
      ok: false,
      kind: 'retry',
      afterMs: Number.isFinite(reset) && reset > 0 ? reset * 1000 : 1000,
      reason: `触发频率限制（HTTP ${status ?? '?'}${Number.isFinite(reset) && reset > 0 ? `，${reset} 秒后重置` : ''}）`,
      throttled: 'app',
    };
  }
  if (status !== undefined && status >= 400 && status < 500 && typeof body?.code === 'number')
    return classifyCode(body.code, body.msg ?? '');
  // 5xx, timeouts, refused connections: exponential backoff with jitter, capped at 5 minutes.
  const base = Math.min(300_000, 1000 * 2 ** Math.min(attempt, 8));
  const afterMs = Math.round(base / 2 + Math.random() * (base / 2));
  return {
    ok: false,
    kind: 'retry',
    afterMs,
    reason: status ? `飞书服务暂时不可用（HTTP ${status}）` : `网络错误（${e.code ?? e.message ?? '未知'}）`,
  };
}
