import { describe, expect, it } from 'vitest';
import { normalizeText, removeCjkSpaces } from '../../../src/core/households/normalize-text.ts';

describe('normalizeText', () => {
  it('reads null and undefined as empty text', () => {
    expect(normalizeText(null)).toBe('');
    expect(normalizeText(undefined)).toBe('');
  });

  it('turns numbers into their decimal text and drops NaN and Infinity', () => {
    expect(normalizeText(3)).toBe('3');
    expect(normalizeText(44012.5)).toBe('44012.5');
    expect(normalizeText(Number.NaN)).toBe('');
    expect(normalizeText(Number.POSITIVE_INFINITY)).toBe('');
  });

  it('converts full-width digits, letters and punctuation to ASCII', () => {
    expect(normalizeText('１２３ＡＢｃ（注）')).toBe('123ABc(注)');
  });

  it('turns the ideographic space and NBSP into plain spaces and collapses runs', () => {
    expect(normalizeText('王\u3000\u3000芳')).toBe('王 芳');
    expect(normalizeText('a\u00a0\u00a0 b')).toBe('a b');
    expect(normalizeText('第一行\n第二行\t尾')).toBe('第一行 第二行 尾');
  });

  it('trims surrounding whitespace and removes zero-width characters and the BOM', () => {
    expect(normalizeText('  \ufeff收入低\u200b  ')).toBe('收入低');
  });

  it('joins the runs of an exceljs rich-text cell', () => {
    expect(normalizeText({ richText: [{ text: '曲靖' }, { font: { bold: true }, text: '市' }] })).toBe('曲靖市');
  });

  it('uses the text of an exceljs hyperlink cell, plain or rich', () => {
    expect(normalizeText({ text: 'zhang@example.com', hyperlink: 'mailto:zhang@example.com' })).toBe('zhang@example.com');
    expect(normalizeText({ text: { richText: [{ text: '链接' }] }, hyperlink: 'https://x' })).toBe('链接');
  });

  it('uses the result of an exceljs formula cell and nothing when it has none', () => {
    expect(normalizeText({ formula: 'A1&B1', result: '３人' })).toBe('3人');
    expect(normalizeText({ sharedFormula: 'C2', result: 4 })).toBe('4');
    expect(normalizeText({ formula: 'A1' })).toBe('');
  });

  it('reads an exceljs error cell (#N/A) and an error formula result as empty', () => {
    expect(normalizeText({ error: '#N/A' })).toBe('');
    expect(normalizeText({ formula: 'VLOOKUP(A1,B:C,2,0)', result: { error: '#N/A' } })).toBe('');
  });

  it('writes a Date cell as its UTC calendar day and ignores unknown objects', () => {
    expect(normalizeText(new Date(Date.UTC(2020, 5, 30)))).toBe('2020-06-30');
    expect(normalizeText({ foo: 'bar' })).toBe('');
    expect(normalizeText(['a'])).toBe('');
  });
});

describe('removeCjkSpaces', () => {
  it('removes spaces between Chinese characters only', () => {
    expect(removeCjkSpaces('王 芳')).toBe('王芳');
    expect(removeCjkSpaces('John Smith')).toBe('John Smith');
    expect(removeCjkSpaces('曲靖 A 区')).toBe('曲靖 A 区');
  });
});
