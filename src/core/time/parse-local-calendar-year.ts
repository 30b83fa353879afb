// parseLocalCalendarYear(json): validate an admin-supplied calendar year, listing every problem
// in Chinese with its fix. Example: { "year": 2027, "holidays": ["2027-01-01"], "workdays": [] }.
import { z } from 'zod';
import { AppError } from '../app-error.ts';
import { isIsoDate, yearOf } from './local-day.ts';
import type { LocalCalendarYear } from './work-calendar.ts';

const dateList = (field: string, label: string) =>
  z.array(z.string({ error: `${field} 中的每一项须为日期文本，例如 "2027-01-01"` }), {
    error: `${field}（${label}）须为日期列表，例如 ["2027-01-01", "2027-01-02"]`,
  });

const schema = z
  .strictObject(
    {
      year: z
        .number({ error: 'year 须为四位数年份，例如 2027' })
        .int({ error: 'year 须为整数年份，例如 2027' })
        .min(2000, { error: 'year 须在 2000–2100 之间，例如 2027' })
        .max(2100, { error: 'year 须在 2000–2100 之间，例如 2027' }),
      holidays: dateList('holidays', '放假的日期'),
      workdays: dateList('workdays', '调休上班的日期').default([]),
    },
    {
      error: (issue) =>
        issue.code === 'unrecognized_keys' ? unknownKeys(issue.keys) : '本地日历须为 JSON 对象，包含 year、holidays、workdays',
    },
  )
  .superRefine((v, ctx) => {
    for (const field of ['holidays', 'workdays'] as const) {
      v[field].forEach((date, i) => {
        if (!isIsoDate(date)) {
          ctx.addIssue({ code: 'custom', path: [field, i], message: `「${date}」不是有效日期：请写成 YYYY-MM-DD，例如 ${v.year}-01-01` });
        } else if (yearOf(date) !== v.year) {
          ctx.addIssue({ code: 'custom', path: [field, i], message: `「${date}」不在 ${v.year} 年内：一个文件只写一年的日期` });
        }
      });
    }
    for (const date of v.holidays.filter((d) => v.workdays.includes(d))) {
      ctx.addIssue({ code: 'custom', path: ['workdays'], message: `「${date}」同时列为节假日和调休上班日：请只保留其中一处` });
    }
    if (v.holidays.length === 0 && v.workdays.length === 0) {
      ctx.addIssue({ code: 'custom', path: [], message: 'holidays 和 workdays 都为空：请至少列出一个放假日期或调休上班日期' });
    }
  });

function unknownKeys(keys: readonly string[]): string {
  return `不认识的字段 ${keys.join('、')}：只允许 year（年份）、holidays（放假日期）、workdays（调休上班日期）`;
}

export function parseLocalCalendarYear(json: unknown): LocalCalendarYear {
  const result = schema.safeParse(json);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => {
      const where = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('');
      return where === '' || /^\.[a-z]+$/.test(where) ? issue.message : `${where.slice(1)}: ${issue.message}`;
    });
    throw new AppError(
      'invalid_argument',
      `本地日历有 ${problems.length} 处问题，请修改后重新添加：\n- ${problems.join('\n- ')}`,
      problems,
    );
  }
  const { year, holidays, workdays } = result.data;
  return { year, holidays: [...new Set(holidays)].sort(), workdays: [...new Set(workdays)].sort() };
}
