// Finds a key written twice in one JSON object. JSON.parse keeps the last one and silently drops
// the other: a state pasted twice under one name would vanish from the flow without a word.
import type { PathSegment } from './json-path.ts';

export interface DuplicateKey {
  key: string;
  /** Where the second occurrence starts, and the JSON path of the object holding both. */
  offset: number;
  path: PathSegment[];
}

interface Frame {
  keys: Set<string> | null; // null: an array
  path: PathSegment[];
  index: number; // the next array element's index
  key: string | undefined; // the object's current key
}

/** The first repeated key of valid JSON text (call it after JSON.parse succeeded), or null. */
export function findDuplicateKey(text: string): DuplicateKey | null {
  const stack: Frame[] = [];
  let expectKey = false;
  const childPath = (): PathSegment[] => {
    const top = stack[stack.length - 1];
    if (!top) return [];
    return top.keys === null ? [...top.path, top.index] : [...top.path, top.key ?? ''];
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      const top = stack[stack.length - 1];
      if (top?.keys && expectKey) {
        const key = JSON.parse(text.slice(i, j + 1)) as string;
        if (top.keys.has(key)) return { key, offset: i, path: top.path };
        top.keys.add(key);
        top.key = key;
        expectKey = false;
      }
      i = j;
    } else if (c === '{' || c === '[') {
      stack.push({ keys: c === '{' ? new Set() : null, path: childPath(), index: 0, key: undefined });
      expectKey = c === '{';
    } else if (c === '}' || c === ']') {
      stack.pop();
    } else if (c === ',') {
      const top = stack[stack.length - 1];
      if (top?.keys === null) top.index++;
      expectKey = top?.keys !== null && top !== undefined;
    }
  }
  return null;
}
