import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/core/app-error.ts';
import { validateHouseholdRow } from '../../../src/core/households/validate-household-row.ts';
import type { RowCells } from '../../../src/core/households/validate-household-row.ts';

const today = '2020-05-20';
const good: RowCells = {
  archive_no: 'qj-2017-0001',
  archive_level: '全国级',
  province: '云南省',
  city: '曲靖市',
  county: '麒麟区',
  head_name: '杨小华',
  id_number: '530302198001011238',
  persons: 3,
  causes: '收入低、大病',
  tier: '深度',
  employer: '曲靖市某机械厂',
  phone: '138 1234 5678',
  officer: '王 芳',
  deadline: new Date(Date.UTC(2020, 11, 31)),
  filed_on: '2017年3月15日',
};

function errors(cells: RowCells): string[] {
  const result = validateHouseholdRow(cells, today);
  if (result.ok) throw new Error('expected the row to be refused');
  return result.errors;
}

function accepted(cells: RowCells) {
  const result = validateHouseholdRow(cells, today);
  if (!result.ok) throw new Error(result.errors.join('\n'));
  return result;
}

describe('validateHouseholdRow', () => {
  it('normalises a good row into a HouseholdInput without warnings', () => {
    expect(accepted(good)).toEqual({
      ok: true,
      warnings: [],
      value: {
        archiveNo: 'QJ-2017-0001',
        archiveLevel: '全国级',
        province: '云南省',
        city: '曲靖市',
        county: '麒麟区',
        headName: '杨小华',
        idNumber: '530302198001011238',
        persons: 3,
        causes: ['收入低', '本人或供养直系亲属大病'],
        causeMask: 5,
        tier: '深度困难',
        employer: '曲靖市某机械厂',
        phone: '13812345678',
        officer: '王芳',
        deadline: '2020-12-31',
        filedOn: '2017-03-15',
      },
    });
  });

  it('reads empty optional fields as null', () => {
    const value = accepted({ ...good, tier: '', employer: ' ', phone: null, officer: undefined, deadline: '', filed_on: null }).value;
    expect(value).toMatchObject({ tier: null, employer: null, phone: null, officer: null, deadline: null, filedOn: null });
  });

  it('says which required field is empty and asks to fill it', () => {
    const messages = errors({ ...good, archive_no: '', province: null, causes: ' ' });
    expect(messages).toContain('档案编号为空：请填写');
    expect(messages).toContain('省为空：请填写');
    expect(messages.some((m) => m.startsWith('致困原因为空：请至少填写一项'))).toBe(true);
  });

  it('reports every problem of the row at once, each starting with the field’s Chinese label', () => {
    const messages = errors({ ...good, archive_level: '乡镇级', persons: 0, causes: '赌博', tier: '一般', deadline: '2020-02-30' });
    expect(messages).toHaveLength(5);
    expect(messages).toContain('家庭人口「0」须为正整数（1–99）：请填写家庭实际人口数，如 3');
    expect(messages.map((m) => m.slice(0, 4))).toEqual(['档案级别', '家庭人口', '致困原因', '困难类型', '脱困时限']);
  });

  it('refuses a row with nothing in it, listing all nine required fields', () => {
    expect(errors({})).toHaveLength(9);
  });

  it('upper-cases the archive number and removes its spaces', () => {
    expect(accepted({ ...good, archive_no: ' ｑｊ 2017 0001 ' }).value.archiveNo).toBe('QJ20170001');
    expect(accepted({ ...good, archive_no: 530302017001 }).value.archiveNo).toBe('530302017001');
  });

  it('refuses an archive number longer than 64 characters', () => {
    expect(errors({ ...good, archive_no: 'A'.repeat(65) })).toEqual(['档案编号过长（65 个字符）：请填写不超过 64 个字符的编号']);
  });

  it('refuses long numbers that Excel stored as numbers, asking for a text column', () => {
    const messages = errors({ ...good, archive_no: Number('5303020170010001234'), id_number: Number('530302198001011238') });
    expect(messages).toHaveLength(2);
    expect(messages[0]).toMatch(/^档案编号被 Excel 存成了数字.*文本/);
    expect(messages[1]).toMatch(/^身份证号被 Excel 存成了数字/);
  });

  it('removes the padding space of a two-character name and refuses names over 30 characters', () => {
    expect(accepted({ ...good, head_name: '王\u3000芳' }).value.headName).toBe('王芳');
    expect(errors({ ...good, head_name: '名'.repeat(31) })).toEqual(['户主姓名过长（31 个字）：请只填写户主姓名，不超过 30 个字']);
  });

  it('refuses a name with digits without echoing it (a shifted column can put an ID there)', () => {
    const messages = errors({ ...good, head_name: '530302198001011238' });
    expect(messages).toEqual(['户主姓名含有数字：请只填写户主姓名（是否与身份证号或电话列错位？）']);
  });

  it('normalises the ID number and refuses a bad one by its last 4 characters only', () => {
    expect(accepted({ ...good, id_number: '１１０１０５１９４９１２３１００２ｘ' }).value.idNumber).toBe('11010519491231002X');
    const messages = errors({ ...good, id_number: '530302198001011237' });
    expect(messages).toEqual(['身份证号（尾号 1237）校验位不正确，应为 8：请核对号码']);
  });

  it('refuses a bad phone by its last 4 digits only', () => {
    const messages = errors({ ...good, phone: '1381234567' });
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/^联系电话（尾号 4567）/);
  });

  it('refuses an officer email that has no domain', () => {
    expect(errors({ ...good, officer: 'wang@' })).toEqual([
      '责任人「wang@」不是有效的邮箱：请填写如 zhang@example.com 的邮箱，或改填姓名、手机号、open_id',
    ]);
    expect(accepted({ ...good, officer: 'Wang@QJ.cn' }).value.officer).toBe('wang@qj.cn');
  });

  it('refuses a 建档日期 after today', () => {
    expect(errors({ ...good, filed_on: '2020-05-21', deadline: '' })).toEqual([
      '建档日期 2020-05-21 晚于今天（2020-05-20）：请核对建档日期，或留空（按导入当天记）',
    ]);
    expect(accepted({ ...good, filed_on: today }).value.filedOn).toBe(today);
  });

  it('refuses a 脱困时限 before the 建档日期', () => {
    expect(errors({ ...good, filed_on: '2019-01-01', deadline: '2018-12-31' })).toEqual([
      '脱困时限 2018-12-31 早于建档日期 2019-01-01：请核对两个日期',
    ]);
  });

  it('accepts a 脱困时限 already past, with a warning that the household will show as overdue', () => {
    const result = accepted({ ...good, deadline: 43830 });
    expect(result.value.deadline).toBe('2019-12-31');
    expect(result.warnings).toEqual(['脱困时限 2019-12-31 早于今天（2020-05-20）：导入后该户将显示为逾期，如有误请修改后重新导入']);
  });

  it('reads exceljs rich-text and formula cells like plain values', () => {
    const value = accepted({
      ...good,
      county: { richText: [{ text: '麒麟' }, { text: '区' }] },
      persons: { formula: 'B2+1', result: 4 },
    }).value;
    expect(value).toMatchObject({ county: '麒麟区', persons: 4 });
  });

  it('never puts a full ID number or phone number in a message', () => {
    const messages = errors({ ...good, archive_level: '', id_number: '53030219800101123', phone: '1381234567x', persons: 'abc' });
    expect(messages.length).toBeGreaterThanOrEqual(4);
    for (const m of messages) {
      expect(m).not.toContain('53030219800101123');
      expect(m).not.toContain('1381234567');
    }
  });

  it('throws invalid_argument when today is not a YYYY-MM-DD date', () => {
    expect(() => validateHouseholdRow(good, '2020/5/20')).toThrow(AppError);
  });
});
