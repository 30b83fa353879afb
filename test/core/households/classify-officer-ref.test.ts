import { describe, expect, it } from 'vitest';
import { classifyOfficerRef } from '../../../src/core/households/classify-officer-ref.ts';

describe('classifyOfficerRef', () => {
  it('reads a reference starting with ou_ as a Lark open_id', () => {
    expect(classifyOfficerRef(' ou_7d8a6e6df7621556ce0d21922b676706ccs ')).toEqual({
      kind: 'open_id',
      value: 'ou_7d8a6e6df7621556ce0d21922b676706ccs',
    });
  });

  it('reads a reference with @ as a lower-cased email', () => {
    expect(classifyOfficerRef('Zhang.San@QJ-Union.cn')).toEqual({ kind: 'email', value: 'zhang.san@qj-union.cn' });
  });

  it('reads a mainland mobile, normalised, as a mobile', () => {
    expect(classifyOfficerRef('+86 138-1234-5678')).toEqual({ kind: 'mobile', value: '13812345678' });
    expect(classifyOfficerRef(13812345678)).toEqual({ kind: 'mobile', value: '13812345678' });
  });

  it('reads anything else as a name, without the spaces inside a Chinese name', () => {
    expect(classifyOfficerRef('王\u3000芳')).toEqual({ kind: 'name', value: '王芳' });
    expect(classifyOfficerRef('John  Smith')).toEqual({ kind: 'name', value: 'John Smith' });
    expect(classifyOfficerRef('0874-3123456')).toEqual({ kind: 'name', value: '0874-3123456' });
  });

  it('gives the same result when classifying its own output again', () => {
    for (const text of ['ou_abc', 'A@B.CN', '+8613812345678', '王 芳']) {
      const once = classifyOfficerRef(text);
      expect(classifyOfficerRef(once.value)).toEqual(once);
    }
  });

  it('reads an empty cell as an empty name', () => {
    expect(classifyOfficerRef(null)).toEqual({ kind: 'name', value: '' });
  });
});
