// Problems placed at their lines: a path's key in the text, array elements, keys that need quoting,
// a missing field at its nearest enclosing value, and problems that already carry a line.
import { describe, expect, it } from 'vitest';
import { jsonPathOffsets, locateFlowProblems, parentJsonPath } from '../../../src/core/flows/locate-flow-problems.ts';

const text = `{
  "id": "x",
  "states": {
    "a": {
      "meta": { "title": "甲" },
      "on": { "GO": [{ "target": "b" }, { "target": "nowhere" }] }
    },
    "odd key": { "type": "final" }
  }
}
`;

describe('locateFlowProblems', () => {
  it('finds keys, array elements and quoted keys', () => {
    const at = (path: string) => locateFlowProblems(text, [{ path, message: 'm' }])[0];
    expect(at('id')).toMatchObject({ line: 2, column: 3 });
    expect(at('states.a.meta.title')).toMatchObject({ line: 5, column: 17 });
    expect(at('states.a.on.GO[1].target')).toMatchObject({ line: 6, column: 43 });
    expect(at('states.a.on.GO[1]')).toMatchObject({ line: 6, column: 41 });
    expect(at('states["odd key"].type')).toMatchObject({ line: 8, column: 18 });
  });

  it('places a missing field at the nearest value that exists, and leaves located or whole-file problems alone', () => {
    const [missing, located, whole] = locateFlowProblems(text, [
      { path: 'states.a.meta.deadline', message: 'm' },
      { path: 'id', line: 9, column: 1, message: 'm' },
      { path: '', message: 'm' },
    ]);
    expect(missing).toMatchObject({ line: 5, column: 7 });
    expect(located).toMatchObject({ line: 9, column: 1 });
    expect(whole?.line).toBeUndefined();
  });

  it('goes up a path one segment at a time, and gives up on text that is not JSON', () => {
    expect(parentJsonPath('states.a.on.GO[1].target')).toBe('states.a.on.GO[1]');
    expect(parentJsonPath('states.a.on.GO[1]')).toBe('states.a.on.GO');
    expect(parentJsonPath('states["odd key"]')).toBe('states');
    expect(parentJsonPath('states')).toBe('');
    expect(parentJsonPath('')).toBeNull();
    expect(jsonPathOffsets('{ "a": ')).toBeNull();
  });
});
