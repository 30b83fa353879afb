// Where a problem's JSON path sits in the flow file's text: validation reports paths
// (states.working.states.verifying.on.VERIFIED.target), an editor wants lines and columns. A small
// scanner records where every key and value starts; a path that does not exist in the text (a
// missing field) is placed at its nearest enclosing value.
import type { FlowProblem } from './flow-types.ts';
import { formatJsonPath, type PathSegment } from './json-path.ts';
import { lineAndColumn } from './locate-json-error.ts';

export interface TextPosition {
  line: number;
  column: number;
}

/**
 * Every JSON path of a (syntactically valid) JSON text → where it starts: an object member at its
 * key, an array element at its value, the root at its first character. Null when the text is not JSON.
 */
export function jsonPathOffsets(text: string): Map<string, number> | null {
  const offsets = new Map<string, number>();
  let i = 0;
  const space = () => {
    while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  };
  const string = (): string => {
    const start = i;
    i++;
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const value = (path: PathSegment[]): void => {
    space();
    const c = text[i];
    if (c === '{') {
      i++;
      space();
      while (text[i] !== '}') {
        space();
        const keyAt = i;
        const key = string();
        const child = [...path, key];
        offsets.set(formatJsonPath(child), keyAt);
        space();
        i++; // :
        value(child);
        space();
        if (text[i] === ',') i++;
        space();
      }
      i++;
      return;
    }
    if (c === '[') {
      i++;
      space();
      let index = 0;
      while (text[i] !== ']') {
        space();
        const child = [...path, index++];
        offsets.set(formatJsonPath(child), i);
        value(child);
        space();
        if (text[i] === ',') i++;
        space();
      }
      i++;
      return;
    }
    if (c === '"') return void string();
    while (i < text.length && !/[\s,\]}]/.test(text[i] as string)) i++;
  };
  try {
    JSON.parse(text);
  } catch {
    return null;
  }
  space();
  offsets.set('', i);
  value([]);
  return offsets;
}

const lastSegment = /(?:\.[A-Za-z_$][\w$]*|\[\d+\]|\["(?:[^"\\]|\\.)*"\]|^[A-Za-z_$][\w$]*)$/;

/** The path one level up: states.a.meta → states.a; actions[0] → actions; states → "". */
export function parentJsonPath(path: string): string | null {
  if (path === '') return null;
  const m = lastSegment.exec(path);
  return m ? path.slice(0, m.index) : '';
}

/** Gives every problem without a line the line and column of its path (or of the nearest enclosing value). */
export function locateFlowProblems(text: string, problems: readonly FlowProblem[]): FlowProblem[] {
  const offsets = problems.some((p) => p.line === undefined && p.path !== '') ? jsonPathOffsets(text) : null;
  return problems.map((p) => {
    if (p.line !== undefined || offsets === null || p.path === '') return p;
    for (let path: string | null = p.path; path !== null; path = parentJsonPath(path)) {
      const offset = offsets.get(path);
      if (offset !== undefined) return { ...p, ...lineAndColumn(text, offset) };
    }
    return p;
  });
}
