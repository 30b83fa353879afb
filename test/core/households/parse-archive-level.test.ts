import { describe, expect, it } from 'vitest';
import { parseArchiveLevel } from '../../../src/core/households/parse-archive-level.ts';

describe('parseArchiveLevel', () => {
  it('accepts the four canonical levels', () => {
    for (const level of ['全国级', '省级', '地市级', '区县级']) expect(parseArchiveLevel(level)).toEqual({ ok: true, value: level });
  });

  it('reads 国家级, 全国 and 国家 as 全国级', () => {
    for (const text of ['国家级', '全国', '国家']) expect(parseArchiveLevel(text)).toEqual({ ok: true, value: '全国级' });
  });

  it('reads 省 and 省级档案 as 省级', () => {
    for (const text of ['省', '省级档案']) expect(parseArchiveLevel(text)).toEqual({ ok: true, value: '省级' });
  });

  it('reads 市级, 地市 and 市 as 地市级', () => {
    for (const text of ['市级', '地市', '市']) expect(parseArchiveLevel(text)).toEqual({ ok: true, value: '地市级' });
  });

  it('reads 县级, 区县, 县区, 区级 and 县 as 区县级', () => {
    for (const text of ['县级', '区县', '县区', '区级', '县']) expect(parseArchiveLevel(text)).toEqual({ ok: true, value: '区县级' });
  });

  it('ignores surrounding and inner spaces and full-width characters', () => {
    expect(parseArchiveLevel(' 全国 级\u3000')).toEqual({ ok: true, value: '全国级' });
    expect(parseArchiveLevel('National')).toEqual({ ok: true, value: '全国级' });
  });

  it('refuses an unknown level, naming it and listing the four levels', () => {
    expect(parseArchiveLevel('乡镇级')).toEqual({
      ok: false,
      reason: '「乡镇级」不是可识别的档案级别：请改为 全国级、省级、地市级、区县级 之一',
    });
  });

  it('refuses an empty cell', () => {
    expect(parseArchiveLevel('')).toMatchObject({ ok: false, reason: expect.stringContaining('为空') });
  });
});
