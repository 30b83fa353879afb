// Reads a flow file's text as JSON; a syntax error, or a key written twice in one object (which
// JSON.parse would silently drop), becomes one problem with its line and column.
import { findDuplicateKey } from './find-duplicate-key.ts';
import type { FlowProblem } from './flow-types.ts';
import { formatJsonPath } from './json-path.ts';
import { lineAndColumn, locateJsonError } from './locate-json-error.ts';

export type ParsedJson = { ok: true; value: unknown } | { ok: false; problem: FlowProblem };

export function parseFlowJson(text: string): ParsedJson {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  let value: unknown;
  try {
    value = JSON.parse(body) as unknown;
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
  const duplicate = findDuplicateKey(body);
  if (duplicate === null) return { ok: true, value };
  const at = lineAndColumn(body, duplicate.offset);
  const inside = duplicate.path.length === 0 ? '顶层' : ` ${formatJsonPath(duplicate.path)} 中`;
  return {
    ok: false,
    problem: {
      path: formatJsonPath([...duplicate.path, duplicate.key]),
      line: at.line,
      column: at.column,
      message: `JSON 第 ${at.line} 行第 ${at.column} 列：键 "${duplicate.key}" 在${inside}写了两次，JSON 只保留后一个，前一个会被悄悄丢掉：请改名或删掉其中一个`,
    },
  };
}
