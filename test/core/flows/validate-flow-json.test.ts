import { describe, expect, it } from 'vitest';
import type { FlowProblem } from '../../../src/core/flows/flow-types.ts';
import { validateFlow } from '../../../src/core/flows/validate-flow.ts';
import { defaultFlowText } from './flow-fixture.ts';

function jsonProblem(text: string): FlowProblem {
  const result = validateFlow(text, 'broken.json');
  expect(result.ok).toBe(false);
  const problems = result.ok ? [] : result.problems;
  expect(problems).toHaveLength(1);
  return problems[0] as FlowProblem;
}

describe('validateFlow: invalid JSON', () => {
  it('reports a trailing comma with its line and column, and no stack trace', () => {
    const p = jsonProblem('{\n  "id": "huhuqing",\n  "version": 1,\n}\n');
    expect(p).toMatchObject({ path: '', line: 4, column: 1 });
    expect(p.message).toContain('第 4 行第 1 列');
    expect(p.message).toContain('多余的逗号');
    expect(p.message).not.toMatch(/\bat .*:\d+/);
  });

  it('reports a missing comma between two properties', () => {
    const p = jsonProblem('{\n  "id": "huhuqing"\n  "version": 1\n}');
    expect(p).toMatchObject({ line: 3, column: 3 });
    expect(p.message).toContain('漏了逗号');
  });

  it('reports Chinese quotation marks typed by an input method', () => {
    const p = jsonProblem('{\n  "id": “huhuqing”\n}');
    expect(p).toMatchObject({ line: 2, column: 9 });
    expect(p.message).toContain('中文引号');
  });

  it('reports an unquoted property name, an unterminated file and an empty one', () => {
    expect(jsonProblem('{ id: 1 }')).toMatchObject({ line: 1, column: 3 });
    const end = jsonProblem('{\n  "id": "x"');
    expect(end).toMatchObject({ line: 2, column: 12 });
    expect(end.message).toContain('意外结束');
    expect(jsonProblem('').message).toContain('文件是空的');
  });

  it('finds an error deep in the default flow at the right place', () => {
    const lines = defaultFlowText.split('\n');
    const at = lines.findIndex((l) => l.includes('"title": "精准识别"'));
    lines[at] = (lines[at] as string).replace('"title": "精准识别"', '"title": "精准识别" // 第二步');
    const p = jsonProblem(lines.join('\n'));
    expect(p.line).toBe(at + 1);
    expect(p.column).toBe((lines[at] as string).indexOf('//') + 1);
    expect(p.message).toContain('不支持注释');
  });

  it('reads a file that starts with a byte-order mark', () => {
    expect(validateFlow(`\uFEFF${defaultFlowText}`, 'bom.json').ok).toBe(true);
  });
});
