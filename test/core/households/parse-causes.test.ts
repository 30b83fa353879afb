import { describe, expect, it } from 'vitest';
import { parseCauses } from '../../../src/core/households/parse-causes.ts';

function names(text: string): string[] {
  const result = parseCauses(text);
  if (!result.ok) throw new Error(result.reason);
  return result.causes;
}

function reason(text: string): string {
  const result = parseCauses(text);
  if (result.ok) throw new Error(`expected an error, got ${result.causes.join('、')}`);
  return result.reason;
}

describe('parseCauses', () => {
  it('reads one canonical cause with its bit', () => {
    expect(parseCauses('收入低')).toEqual({ ok: true, causes: ['收入低'], mask: 1 });
  });

  it('splits on 、 ； ; , ， / and ／', () => {
    expect(names('收入低、下岗失业')).toEqual(['收入低', '下岗失业']);
    expect(names('收入低；下岗失业;子女上学')).toEqual(['收入低', '下岗失业', '子女上学']);
    expect(names('收入低,下岗失业，工伤')).toEqual(['收入低', '下岗失业', '工伤']);
    expect(names('收入低/下岗失业／残疾')).toEqual(['收入低', '下岗失业', '残疾']);
  });

  it('trims each part and skips empty parts between repeated separators', () => {
    expect(names(' 收入低 、、 大病 ;')).toEqual(['收入低', '本人或供养直系亲属大病']);
  });

  it('maps aliases to canonical names', () => {
    expect(names('低收入、失业、因病、因学、受灾、意外、因工受伤、因残、其它')).toEqual([
      '收入低',
      '下岗失业',
      '本人或供养直系亲属大病',
      '子女上学',
      '自然灾害',
      '意外事故',
      '工伤',
      '残疾',
      '其他',
    ]);
    expect(names('Low_Income, illness')).toEqual(['收入低', '本人或供养直系亲属大病']);
  });

  it('deduplicates causes given twice or through two aliases', () => {
    expect(parseCauses('大病、因病、大病')).toEqual({ ok: true, causes: ['本人或供养直系亲属大病'], mask: 4 });
  });

  it('returns causes in the canonical order and ORs their bits', () => {
    expect(parseCauses('子女上学、收入低')).toEqual({ ok: true, causes: ['收入低', '子女上学'], mask: 1 | 8 });
  });

  it('does not treat a space as a separator, and says to use 、 or ;', () => {
    const text = reason('收入低 下岗失业');
    expect(text).toContain('「收入低 下岗失业」');
    expect(text).toContain('不要用空格');
  });

  it('refuses an empty cell or separators alone: at least one cause is required', () => {
    expect(reason('')).toContain('为空：请至少填写一项');
    expect(reason('、；')).toContain('为空');
  });

  it('names every unknown part and lists the canonical names', () => {
    const text = reason('收入低、赌博、炒股');
    expect(text).toContain('「赌博」「炒股」不是可识别的致困原因');
    expect(text).toContain('收入低、下岗失业、本人或供养直系亲属大病、子女上学');
    expect(text).not.toContain('不要用空格');
  });
});
