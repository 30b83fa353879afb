import { describe, expect, it } from 'vitest';
import { fieldKeys, fieldLabel, headerKey, headerRow, mapHeaders, requiredFields } from '../../../src/core/households/columns.ts';

const canonical = [
  '档案编号',
  '档案级别',
  '省',
  '市',
  '县区',
  '户主姓名',
  '身份证号',
  '家庭人口',
  '致困原因',
  '困难类型',
  '工作单位',
  '联系电话',
  '责任人',
  '脱困时限',
  '建档日期',
];

describe('household file columns', () => {
  it('maps the canonical Chinese headers to every field in order', () => {
    const mapped = mapHeaders(canonical);
    expect(mapped.fields).toEqual([...fieldKeys]);
    expect(mapped).toMatchObject({ unknown: [], missing: [], duplicated: [] });
  });

  it('accepts the English field keys as headers, in any case and with spaces or dashes', () => {
    expect(mapHeaders(['archive_no', 'ARCHIVE_LEVEL', ' Head Name ', 'id-number']).fields).toEqual([
      'archive_no',
      'archive_level',
      'head_name',
      'id_number',
    ]);
  });

  it('accepts the variants officers use for each column', () => {
    const variants: [string, string][] = [
      ['省份', 'province'],
      ['所在省', 'province'],
      ['地市', 'city'],
      ['所在市', 'city'],
      ['县', 'county'],
      ['区', 'county'],
      ['县（区）', 'county'],
      ['区县', 'county'],
      ['户主', 'head_name'],
      ['姓名', 'head_name'],
      ['身份证', 'id_number'],
      ['身份证号码', 'id_number'],
      ['证件号码', 'id_number'],
      ['人口', 'persons'],
      ['家庭人数', 'persons'],
      ['人口数', 'persons'],
      ['困难原因', 'causes'],
      ['致困原因（可多选）', 'causes'],
      ['困难类别', 'tier'],
      ['类型', 'tier'],
      ['单位', 'employer'],
      ['电话', 'phone'],
      ['手机', 'phone'],
      ['手机号', 'phone'],
      ['帮扶责任人', 'officer'],
      ['负责人', 'officer'],
      ['时限', 'deadline'],
      ['脱困期限', 'deadline'],
      ['完成时限', 'deadline'],
      ['建档时间', 'filed_on'],
    ];
    for (const [header, key] of variants) expect(mapHeaders([header]).fields, header).toEqual([key]);
  });

  it('ignores full-width characters, surrounding spaces and a trailing parenthesised note', () => {
    expect(
      mapHeaders([
        '档案级别（全国级/省级/地市级/区县级）',
        '致困原因 (causes)',
        '  户主姓名  ',
        'ａｒｃｈｉｖｅ＿ｎｏ',
        '档案编号 (archive_no)',
      ]).fields,
    ).toEqual(['archive_level', 'causes', 'head_name', 'archive_no', null]);
  });

  it('ignores a required-field star next to the header', () => {
    expect(headerKey('*档案编号')).toBe('档案编号');
    expect(headerKey('身份证号＊')).toBe('身份证号');
  });

  it('lists unknown non-empty headers and leaves empty ones and 序号 silent', () => {
    const mapped = mapHeaders(['序号', '档案编号', '', null, '备注', { richText: [{ text: '家庭住址' }] }]);
    expect(mapped.fields).toEqual([null, 'archive_no', null, null, null, null]);
    expect(mapped.unknown).toEqual(['备注', '家庭住址']);
  });

  it('lists the required fields that have no column, and only those', () => {
    expect(mapHeaders(['档案编号', '户主姓名', '联系电话']).missing).toEqual([
      'archive_level',
      'province',
      'city',
      'county',
      'id_number',
      'persons',
      'causes',
    ]);
    expect(requiredFields).not.toContain('tier');
    expect(requiredFields).not.toContain('filed_on');
  });

  it('reports a field given by two columns and maps only the first of them', () => {
    const mapped = mapHeaders(['联系电话', '手机', '档案编号']);
    expect(mapped.duplicated).toEqual(['phone']);
    expect(mapped.fields).toEqual(['phone', null, 'archive_no']);
  });

  it('labels a field with its Chinese header and key', () => {
    expect(fieldLabel('archive_no')).toBe('档案编号 (archive_no)');
    expect(fieldLabel('county')).toBe('县区 (county)');
  });

  it('writes the Chinese headers in canonical order, and they map back to the fields', () => {
    expect(headerRow()).toEqual(canonical);
    expect(mapHeaders(headerRow()).fields).toEqual([...fieldKeys]);
  });
});
