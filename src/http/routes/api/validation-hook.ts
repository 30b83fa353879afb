// Request validation failures (zod) → 400 with what to fix, in Chinese. Schemas carry their own
// Chinese messages where it matters; anything else is translated here from the issue's code.
import type { Context } from 'hono';
import type { z } from '@hono/zod-openapi';

type Issue = z.core.$ZodIssue;

const targetNames: Record<string, string> = {
  query: '查询参数',
  param: '路径参数',
  json: '请求体字段',
  header: '请求头',
  form: '表单字段',
  cookie: 'Cookie',
};

export function validationHook(
  result: { target: string } & ({ success: true; data: unknown } | { success: false; error: z.ZodError }),
  c: Context,
): Response | undefined {
  if (result.success) return undefined;
  const where = targetNames[result.target] ?? '参数';
  const problems = result.error.issues.map((issue) => {
    const field = issue.path.map(String).join('.');
    return `${where}${field === '' ? '' : ` ${field}`}：${describeIssue(issue)}`;
  });
  return c.json({ error: 'invalid_argument', message: `请求有误，请修改后重试：${problems.join('；')}`, details: problems }, 400);
}

export function describeIssue(issue: Issue): string {
  if (/[\u4e00-\u9fff]/.test(issue.message)) return issue.message;
  switch (issue.code) {
    case 'invalid_type':
      return / received undefined$/.test(issue.message) ? '必须填写' : `应为${typeName(issue.expected)}`;
    case 'invalid_value':
      return `可选值：${issue.values.map(String).join('、')}`;
    case 'too_small':
      return issue.origin === 'string' ? `至少 ${String(issue.minimum)} 个字符` : `不能小于 ${String(issue.minimum)}`;
    case 'too_big':
      return issue.origin === 'string' ? `最多 ${String(issue.maximum)} 个字符` : `不能大于 ${String(issue.maximum)}`;
    case 'invalid_format':
      return '格式不对';
    case 'unrecognized_keys':
      return `不认识的字段：${issue.keys.join('、')}`;
    default:
      return '取值无效';
  }
}

function typeName(expected: string): string {
  const names: Record<string, string> = {
    string: '文本',
    number: '数字',
    int: '整数',
    boolean: '布尔值（true 或 false）',
    object: 'JSON 对象',
    array: '数组',
  };
  const name = names[expected] ?? expected;
  return /^[A-Za-z]/.test(name) ? ` ${name}` : name;
}
