// Reads a flow file's text as JSON; a syntax error becomes one problem with its line and column.
import type { FlowProblem } from './flow-types.ts';
import { locateJsonError } from './locate-json-error.ts';

export type ParsedJson = { ok: true; value: unknown } | { ok: false; problem: FlowProblem };

export function parseFlowJson(text: string): ParsedJson {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  try {
    return { ok: true, value: JSON.parse(body) as unknown };
  } catch {
    const at = locateJsonError(body) ?? { line: 1, column: 1, message: '无法解析为 JSON' };
    return {
      ok: false,
      problem: {
        path: '',
        line: at.line,
        column: at.column,
        message: `JSON 语法错误（第 ${at.line} 行第 ${at.column} 列）：${at.message}`,
      },
    };
  }
}
