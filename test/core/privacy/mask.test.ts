import { describe, expect, it } from 'vitest';
import { maskIdNumber, maskName, maskPhone, tailOf } from '../../../src/core/privacy/mask.ts';

describe('maskName', () => {
  it('hides the middle character of a three-character name', () => {
    expect(maskName('杨小华')).toBe('杨*华');
  });

  it('hides the second character of a two-character name', () => {
    expect(maskName('杨华')).toBe('杨*');
  });

  it('keeps only the first and last characters of a longer name', () => {
    expect(maskName('欧阳小华')).toBe('欧**华');
    expect(maskName('买买提·艾力')).toBe('买****力');
  });

  it('hides a one-character name entirely and returns nothing for an empty one', () => {
    expect(maskName('华')).toBe('*');
    expect(maskName('  ')).toBe('');
  });

  it('keeps only the first letter of a latin name', () => {
    expect(maskName('John Smith')).toBe('J*');
    expect(maskName('Li')).toBe('L*');
  });
});

describe('maskIdNumber', () => {
  it('shows only the last 4 characters of an ID number', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('**************002X');
    expect(maskIdNumber('530302198001011238')).toBe('**************1238');
  });

  it('hides a value of 4 characters or fewer entirely', () => {
    expect(maskIdNumber('123X')).toBe('****');
  });
});

describe('maskPhone', () => {
  it('shows the first 3 and last 4 digits of a mobile', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
  });

  it('keeps the area code and the last 4 digits of a landline', () => {
    expect(maskPhone('0874-3123456')).toBe('0874-***3456');
  });

  it('shows only the last 4 characters of a short number', () => {
    expect(maskPhone('3123456')).toBe('***3456');
    expect(maskPhone('110')).toBe('***');
  });
});

describe('tailOf', () => {
  it('returns the last 4 characters, or fewer when the text is shorter', () => {
    expect(tailOf('11010519491231002X')).toBe('002X');
    expect(tailOf('12')).toBe('12');
  });
});
