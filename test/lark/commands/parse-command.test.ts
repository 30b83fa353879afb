import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../../src/lark/commands/parse-command.ts';

describe('parseCommand', () => {
  it.each(['帮助', 'help', 'HELP', ' 帮助。', '？', '?', '/help', '使用说明', '', '@_user_1', '查看帮助'])('reads %j as help', (text) => {
    expect(parseCommand(text)).toEqual({ kind: 'help' });
  });

  it.each(['我的', 'my', 'Mine', '我的待办！', '待办', '　我的　', '查我的'])('reads %j as mine', (text) => {
    expect(parseCommand(text)).toEqual({ kind: 'mine' });
  });

  it.each(['进度', 'progress', '进度?', '进展', '查看进度', 'stats'])('reads %j as progress', (text) => {
    expect(parseCommand(text)).toEqual({ kind: 'progress' });
  });

  it.each([
    ['查 QJ530302-2017-0000001', 'QJ530302-2017-0000001'],
    ['查QJ530302-2017-0000001', 'QJ530302-2017-0000001'],
    ['查询：QJ530302-2017-0000001', 'QJ530302-2017-0000001'],
    ['查看　「QJ530302-2017-0000001」', 'QJ530302-2017-0000001'],
    ['查 ＱＪ５３０３０２－２０１７－００００００１', 'QJ530302-2017-0000001'],
    ['lookup QJ530302-2017-0000001', 'QJ530302-2017-0000001'],
    ['find qj530302-2017-0000001', 'qj530302-2017-0000001'],
    ['QJ530302-2017-0000001', 'QJ530302-2017-0000001'],
    ['@_user_1 查 A2017/001', 'A2017/001'],
  ])('reads %j as a lookup of %s', (text, archiveNo) => {
    expect(parseCommand(text)).toEqual({ kind: 'lookup', archiveNo });
  });

  it.each([
    ['绑定 督查组 麒麟区', 'inspection_group', '麒麟区'],
    ['绑定 工作群 曲靖市麒麟区', 'officer_group', '曲靖市麒麟区'],
    ['绑定督查组麒麟区', 'inspection_group', '麒麟区'],
    ['绑定　督查组：麒麟区', 'inspection_group', '麒麟区'],
    ['绑定为工作群，曲靖市 麒麟区', 'officer_group', '曲靖市麒麟区'],
    ['绑定本群为督查组群 麒麟区', 'inspection_group', '麒麟区'],
    ['bind inspection 麒麟区', 'inspection_group', '麒麟区'],
    ['bind officer_group 麒麟区', 'officer_group', '麒麟区'],
    ['BIND work 麒麟区', 'officer_group', '麒麟区'],
  ])('reads %j as binding to %s of %s', (text, purpose, region) => {
    expect(parseCommand(text)).toEqual({ kind: 'bind', purpose, region });
  });

  it('tells how to finish an incomplete bind or lookup', () => {
    expect(parseCommand('绑定 督查组')).toEqual({ kind: 'unknown', text: '绑定 督查组', hint: '请写明一个地区，例如：绑定 督查组 麒麟区' });
    expect(parseCommand('绑定 麒麟区')).toMatchObject({
      kind: 'unknown',
      hint: '请写明本群的用途：绑定 督查组 <地区>，或 绑定 工作群 <地区>',
    });
    expect(parseCommand('查')).toMatchObject({ kind: 'unknown', hint: '请写一个档案编号，例如：查 QJ530302-2017-0000001' });
    expect(parseCommand('查 杨小华')).toMatchObject({ kind: 'unknown', hint: '请写一个档案编号，例如：查 QJ530302-2017-0000001' });
  });

  it.each([
    '查 530302198001011234',
    '查询 53030219800101123X',
    '530302198001011234',
    '查 13812345678',
    '138 1234 5678',
    'find +8613812345678',
  ])('never takes the ID number or mobile in %j for an archive number (the answer would repeat it)', (text) => {
    expect(parseCommand(text)).toMatchObject({ kind: 'unknown', hint: expect.stringContaining('请用档案编号查询') });
  });

  it.each(['你好', '今天天气不错', 'hello bot', '12', '查看', '<script>alert(1)</script>', '我的我的', '💥'.repeat(500)])(
    'does not understand %j',
    (text) => {
      const parsed = parseCommand(text);
      expect(parsed.kind).toBe('unknown');
      expect(parsed).toMatchObject({ text: text.trim() });
    },
  );
});
