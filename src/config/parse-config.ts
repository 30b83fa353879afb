// parseConfig(env): every setting of product.md, validated at once; problems are listed with their fix.
import { z } from 'zod';
import { AppError } from '../core/app-error.ts';

const domainSchema = z
  .string()
  .trim()
  .refine((v) => v === 'feishu' || v === 'lark' || /^https?:\/\/[^\s]+$/.test(v), {
    message: 'LARK_DOMAIN 须为 feishu、lark 或以 http(s):// 开头的地址（例如模拟器的 http://127.0.0.1:3001）',
  });

const schema = z
  .object({
    DATABASE_URL: z
      .string()
      .trim()
      .default('file:./data/huhuqing.db')
      .refine((v) => v.startsWith('file:') && v.length > 'file:'.length, {
        message: 'DATABASE_URL 须为 SQLite 文件地址，例如 file:./data/huhuqing.db',
      }),
    PORT: z
      .string()
      .trim()
      .default('3000')
      .refine((v) => /^\d+$/.test(v) && Number(v) >= 0 && Number(v) < 65536, {
        message: 'PORT 须为 0–65535 之间的整数，例如 3000（0 表示自动选择空闲端口）',
      })
      .transform(Number),
    HOST: z.string().trim().default('127.0.0.1'),
    LARK_APP_ID: z.string().trim().optional(),
    LARK_APP_SECRET: z.string().trim().optional(),
    LARK_ENCRYPT_KEY: z.string().optional(),
    LARK_VERIFICATION_TOKEN: z.string().optional(),
    LARK_DOMAIN: domainSchema.default('feishu'),
    LARK_EVENT_MODE: z
      .string()
      .trim()
      .default('webhook')
      .refine((v) => v === 'webhook' || v === 'ws', {
        message: 'LARK_EVENT_MODE 须为 webhook 或 ws（长连接）',
      }),
    ADMIN_TOKEN: z
      .string()
      .optional()
      .refine((v) => v === undefined || v === '' || v.length >= 16, {
        message: 'ADMIN_TOKEN 至少 16 个字符；可用 `openssl rand -hex 24` 生成',
      }),
    HUHUQING_TIMEZONE: z
      .string()
      .trim()
      .default('Asia/Shanghai')
      .refine(isTimeZone, { message: 'HUHUQING_TIMEZONE 须为 IANA 时区名，例如 Asia/Shanghai' }),
    HUHUQING_QUIET_HOURS: z
      .string()
      .trim()
      .default('21:00-08:00')
      .refine((v) => /^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$/.test(v), {
        message: 'HUHUQING_QUIET_HOURS 须写成 开始-结束（24 小时制），例如 21:00-08:00：这段时间不发提醒和督办',
      }),
    HUHUQING_DAILY_DIGEST_AT: z
      .string()
      .trim()
      .default('08:30')
      .refine((v) => v === '' || /^off$/i.test(v) || /^([01]?\d|2[0-3]):[0-5]\d$/.test(v), {
        message: 'HUHUQING_DAILY_DIGEST_AT 须为 24 小时制的 时:分，例如 08:30（每天这个时间向督导群和督查组发简报）；留空或写 off 表示不发',
      }),
    LOG_LEVEL: z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
        message: 'LOG_LEVEL 须为 fatal、error、warn、info、debug、trace 或 silent',
      })
      .default('info'),
  })
  .superRefine((v, ctx) => {
    const id = nonEmpty(v.LARK_APP_ID);
    const secret = nonEmpty(v.LARK_APP_SECRET);
    if (id && !secret) {
      ctx.addIssue({
        code: 'custom',
        path: ['LARK_APP_SECRET'],
        message: '已设置 LARK_APP_ID 但缺少 LARK_APP_SECRET：在开发者后台「凭证与基础信息」复制 App Secret',
      });
    }
    if (secret && !id) {
      ctx.addIssue({
        code: 'custom',
        path: ['LARK_APP_ID'],
        message: '已设置 LARK_APP_SECRET 但缺少 LARK_APP_ID：在开发者后台「凭证与基础信息」复制 App ID（cli_ 开头）',
      });
    }
    if (id && !id.startsWith('cli_')) {
      ctx.addIssue({ code: 'custom', path: ['LARK_APP_ID'], message: 'LARK_APP_ID 应以 cli_ 开头：请检查是否误填了其他值' });
    }
    if (id && secret && v.LARK_EVENT_MODE === 'webhook' && !nonEmpty(v.LARK_ENCRYPT_KEY) && !nonEmpty(v.LARK_VERIFICATION_TOKEN)) {
      ctx.addIssue({
        code: 'custom',
        path: ['LARK_VERIFICATION_TOKEN'],
        message:
          'webhook 模式需要 LARK_ENCRYPT_KEY 或 LARK_VERIFICATION_TOKEN（开发者后台「事件与回调」→「加密策略」），否则无法校验请求来源',
      });
    }
  });

export interface Config {
  databaseUrl: string;
  port: number;
  host: string;
  timezone: string;
  /** No reminders or escalations between these local times ("21:00" to "08:00"). */
  quietHours: { start: string; end: string };
  /** Local time ("HH:mm") of the daily digest to supervisor and inspection groups; null: off. */
  dailyDigestAt: string | null;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  adminToken: string | undefined;
  lark: {
    mode: 'live' | 'sandbox';
    appId: string | undefined;
    appSecret: string | undefined;
    encryptKey: string | undefined;
    verificationToken: string | undefined;
    domain: string;
    eventMode: 'webhook' | 'ws';
  };
}

export function parseConfig(env: Record<string, string | undefined>): Config {
  const result = schema.safeParse(stripEmpty(env));
  if (!result.success) {
    const problems = result.error.issues.map((issue) => {
      const key = issue.path.join('.');
      return issue.message.includes(key) || key === '' ? issue.message : `${key}: ${issue.message}`;
    });
    throw new AppError('config_invalid', `配置有 ${problems.length} 处问题，请修改后重新启动：\n- ${problems.join('\n- ')}`, problems);
  }
  const v = result.data;
  const appId = nonEmpty(v.LARK_APP_ID);
  const appSecret = nonEmpty(v.LARK_APP_SECRET);
  return {
    databaseUrl: v.DATABASE_URL,
    port: v.PORT,
    host: v.HOST,
    timezone: v.HUHUQING_TIMEZONE,
    quietHours: { start: v.HUHUQING_QUIET_HOURS.slice(0, 5), end: v.HUHUQING_QUIET_HOURS.slice(6) },
    dailyDigestAt: digestTime(env.HUHUQING_DAILY_DIGEST_AT, v.HUHUQING_DAILY_DIGEST_AT),
    logLevel: v.LOG_LEVEL,
    adminToken: nonEmpty(v.ADMIN_TOKEN),
    lark: {
      mode: appId && appSecret ? 'live' : 'sandbox',
      appId,
      appSecret,
      encryptKey: nonEmpty(v.LARK_ENCRYPT_KEY),
      verificationToken: nonEmpty(v.LARK_VERIFICATION_TOKEN),
      domain: v.LARK_DOMAIN,
      eventMode: v.LARK_EVENT_MODE as 'webhook' | 'ws',
    },
  };
}

/** Set but empty (or "off") turns the digest off; unset keeps the default. "8:30" → "08:30". */
function digestTime(raw: string | undefined, parsed: string): string | null {
  if (raw !== undefined && raw.trim() === '') return null;
  if (/^off$/i.test(parsed)) return null;
  return parsed.padStart(5, '0');
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}

function stripEmpty(env: Record<string, string | undefined>): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(env)) out[k] = v === '' ? undefined : v;
  return out;
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
