import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/parse-config.ts';
import { AppError } from '../../src/core/app-error.ts';

function problems(env: Record<string, string | undefined>): string[] {
  try {
    parseConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return [...(error as AppError).details];
  }
  throw new Error('expected parseConfig to refuse');
}

describe('parseConfig', () => {
  it('defaults to sandbox mode with the embedded SQLite file when nothing is set', () => {
    const c = parseConfig({});
    expect(c).toMatchObject({
      databaseUrl: 'file:./data/huhuqing.db',
      port: 3000,
      timezone: 'Asia/Shanghai',
      lark: { mode: 'sandbox', domain: 'feishu', eventMode: 'webhook' },
    });
  });

  it('switches to live mode when the app id and secret are set', () => {
    const c = parseConfig({ LARK_APP_ID: 'cli_a1b2', LARK_APP_SECRET: 's3cret', LARK_ENCRYPT_KEY: 'k', LARK_DOMAIN: 'lark' });
    expect(c.lark).toMatchObject({ mode: 'live', appId: 'cli_a1b2', domain: 'lark', encryptKey: 'k' });
  });

  it('treats empty strings as unset (a .env with blank lines)', () => {
    expect(parseConfig({ LARK_APP_ID: '', LARK_APP_SECRET: '', PORT: '' }).lark.mode).toBe('sandbox');
  });

  it('accepts a base URL as LARK_DOMAIN (the simulator in tests)', () => {
    expect(parseConfig({ LARK_DOMAIN: 'http://127.0.0.1:3901' }).lark.domain).toBe('http://127.0.0.1:3901');
  });

  it('lists every problem at once, each with its fix', () => {
    const list = problems({
      PORT: 'eighty',
      LARK_APP_ID: 'abc',
      LARK_DOMAIN: 'feishu.cn',
      LARK_EVENT_MODE: 'socket',
      HUHUQING_TIMEZONE: 'Beijing',
      DATABASE_URL: 'postgres://x',
      ADMIN_TOKEN: 'short',
    });
    expect(list).toHaveLength(8);
    expect(list.join('\n')).toMatch(/PORT 须为 0–65535/);
    expect(list.join('\n')).toMatch(/缺少 LARK_APP_SECRET/);
    expect(list.join('\n')).toMatch(/LARK_APP_ID 应以 cli_ 开头/);
    expect(list.join('\n')).toMatch(/LARK_DOMAIN 须为 feishu、lark/);
    expect(list.join('\n')).toMatch(/LARK_EVENT_MODE 须为 webhook 或 ws/);
    expect(list.join('\n')).toMatch(/HUHUQING_TIMEZONE 须为 IANA 时区名/);
    expect(list.join('\n')).toMatch(/DATABASE_URL 须为 SQLite 文件地址/);
    expect(list.join('\n')).toMatch(/ADMIN_TOKEN 至少 16 个字符/);
  });

  it('requires a way to check request origin in live webhook mode', () => {
    expect(problems({ LARK_APP_ID: 'cli_x', LARK_APP_SECRET: 'y' }).join()).toMatch(/LARK_ENCRYPT_KEY 或 LARK_VERIFICATION_TOKEN/);
    expect(parseConfig({ LARK_APP_ID: 'cli_x', LARK_APP_SECRET: 'y', LARK_EVENT_MODE: 'ws' }).lark.eventMode).toBe('ws');
  });

  it('never puts a secret value into its messages', () => {
    const text = problems({ LARK_APP_SECRET: 'very-secret-value', ADMIN_TOKEN: 'tiny-secret' }).join('\n');
    expect(text).not.toContain('very-secret-value');
    expect(text).not.toContain('tiny-secret');
  });
});

describe('quiet hours', () => {
  it('default to 21:00–08:00 and accept another window', () => {
    expect(parseConfig({}).quietHours).toEqual({ start: '21:00', end: '08:00' });
    expect(parseConfig({ HUHUQING_QUIET_HOURS: '22:30-07:00' }).quietHours).toEqual({ start: '22:30', end: '07:00' });
  });
  it('refuse a malformed window with the expected form', () => {
    expect(() => parseConfig({ HUHUQING_QUIET_HOURS: '9pm-8am' })).toThrow(/HUHUQING_QUIET_HOURS 须写成 开始-结束/);
  });
});

describe('daily digest time', () => {
  it('defaults to 08:30, accepts another time and pads 8:05 to 08:05', () => {
    expect(parseConfig({}).dailyDigestAt).toBe('08:30');
    expect(parseConfig({ HUHUQING_DAILY_DIGEST_AT: '17:45' }).dailyDigestAt).toBe('17:45');
    expect(parseConfig({ HUHUQING_DAILY_DIGEST_AT: '8:05' }).dailyDigestAt).toBe('08:05');
  });
  it('is off when set empty or to off', () => {
    expect(parseConfig({ HUHUQING_DAILY_DIGEST_AT: '' }).dailyDigestAt).toBeNull();
    expect(parseConfig({ HUHUQING_DAILY_DIGEST_AT: '  ' }).dailyDigestAt).toBeNull();
    expect(parseConfig({ HUHUQING_DAILY_DIGEST_AT: 'OFF' }).dailyDigestAt).toBeNull();
  });
  it('refuses a malformed time with the expected form, among the other problems', () => {
    const list = problems({ HUHUQING_DAILY_DIGEST_AT: '8.30am', PORT: 'x' });
    expect(list).toHaveLength(2);
    expect(list.join('\n')).toMatch(/HUHUQING_DAILY_DIGEST_AT 须为 24 小时制的 时:分，例如 08:30.*留空或写 off 表示不发/);
    expect(() => parseConfig({ HUHUQING_DAILY_DIGEST_AT: '24:00' })).toThrow(/HUHUQING_DAILY_DIGEST_AT/);
  });
});
