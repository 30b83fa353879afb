// Turns one zod issue into a Chinese sentence that says what to fix, using the key it sits under.
import type { z } from 'zod';
import { quote } from './make-problem.ts';

const expectedNames: Record<string, string> = {
  string: '字符串（用英文双引号）',
  number: '数字',
  int: '整数',
  boolean: 'true 或 false',
  object: '对象 { … }',
  array: '数组 [ … ]',
};

const enumSubjects: Record<string, string> = {
  guard: '条件（guard）',
  actions: '动作（actions）',
  to: '督办对象（to）',
  who: '角色（who）',
  options: '选项清单（options）',
  style: '按钮样式（style）',
  history: '历史类型（history）',
};

const keyHints: Record<string, string> = {
  after:
    'XState 的 after 计时器在重启后会丢失：期限、提醒、督办请写在 meta.deadline / meta.remind / meta.escalate 里（由数据库定时器负责）',
  entry: '流程文件不写代码：请在转换的 actions 里使用固定清单中的动作',
  exit: '流程文件不写代码：请在转换的 actions 里使用固定清单中的动作',
  always: '不支持无事件转换（always）：请用按钮事件或定时器事件',
  invoke: '流程文件不能调用服务（invoke）：请用固定清单中的动作',
  context: '案件数据（context）由引擎在建案时提供，流程文件里不要写',
  cond: 'XState v5 已把 cond 改名为 guard',
};

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return '数组';
  return ({ string: '字符串', number: '数字', boolean: '布尔值', object: '对象' } as Record<string, string>)[typeof value] ?? typeof value;
}

/** The key a path ends under (for array items, the array's key). */
export function keyOf(path: readonly PropertyKey[]): string {
  for (let i = path.length - 1; i >= 0; i--) if (typeof path[i] === 'string') return path[i] as string;
  return '';
}

export function describeSchemaIssue(issue: z.core.$ZodIssue, input: unknown): string {
  const key = keyOf(issue.path);
  const named = key === '' ? '流程文件' : key;
  if (/[\u4e00-\u9fff]/.test(issue.message)) return issue.message; // our own messages from the schema
  switch (issue.code) {
    case 'invalid_type':
      if (input === undefined) return `缺少必填字段 ${named}`;
      if (key === '' && issue.path.length === 0) return '流程文件的顶层应为对象 { "id": …, "version": …, "initial": …, "states": { … } }';
      return `${named} 应为${expectedNames[issue.expected] ?? issue.expected}，现在是${typeOf(input)} ${quote(input)}`;
    case 'invalid_value': {
      if (issue.values.length === 1 && issue.values[0] === true) return `${named} 只能写 true（不需要就删掉这一项）`;
      if (key === 'type' && input === 'parallel') return '不支持并行状态（parallel）：请改用顺序的状态';
      const subject = enumSubjects[key] ?? (key === 'type' ? '类型（type）' : `${named} 的取值`);
      return `未知的${subject} ${quote(input)}：可用的有 ${issue.values.map(String).join('、')}`;
    }
    case 'unrecognized_keys':
      return issue.keys.map((k) => `不认识的字段 ${k}${keyHints[k] ? `：${keyHints[k]}` : '：请检查拼写，或删除它'}`).join('；');
    case 'too_small':
      if (issue.origin === 'string') return `${named} 不能为空`;
      if (issue.origin === 'array') return `${named} 至少要有 ${String(issue.minimum)} 项（不需要就删掉 ${named}）`;
      return `${named} 应不小于 ${String(issue.minimum)}（现在是 ${quote(input)}）`;
    case 'too_big':
      return `${named} 应不大于 ${String(issue.maximum)}（现在是 ${quote(input)}）`;
    case 'invalid_format':
      if (issue.format === 'date') return `${named} 应为真实存在的日期 YYYY-MM-DD（现在是 ${quote(input)}）`;
      return `${named} 的格式不对（现在是 ${quote(input)}）`;
    default:
      return `${named} 无效：${issue.message}`;
  }
}
