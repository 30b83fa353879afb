// The privacy scanner itself (test/helpers/privacy-scan.ts): it must flag every kind of planted
// leak, in the places each kind is forbidden, and stay quiet on what the product may show.
import { describe, expect, it } from 'vitest';
import { messageText, PrivacyScanner, type PrivacyFacts } from '../helpers/privacy-scan.ts';

const facts: PrivacyFacts = {
  households: [
    { headName: '杨小华', idNumber: '530302198001011234', phone: '13812345678', causes: '收入低、本人或供养直系亲属大病' },
    { headName: '王芳', idNumber: '53030219700101002X', phone: '0874-3123456', causes: ['职业病'] },
    { headName: '欧阳春梅', idNumber: '530302800101123', phone: null, causes: '子女上学' },
  ],
  publicNames: ['王芳芳', '麒麟区户户清工作群'],
  healthTexts: ['户主确诊肺癌晚期'],
  secrets: ['app-secret-0123456789abcdef', 'e2e encrypt key'],
};
const card = (markdown: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    schema: '2.0',
    header: { title: { tag: 'plain_text', content: '入户核实 · QJ530302-2017-0000001' } },
    body: { elements: [{ tag: 'markdown', content: markdown }, extra] },
  });
const group = (content: string, msgType = 'interactive') => ({
  chatId: 'oc_1',
  chatType: 'group' as const,
  messageId: 'om_1',
  msgType,
  versions: [content],
});
const direct = (content: string) => ({ ...group(content), chatType: 'p2p' as const });

describe('the privacy scanner', () => {
  it('flags a planted full ID number, phone, illness, unmasked name and secret in a group chat', () => {
    const scanner = new PrivacyScanner(facts);
    const found = scanner.scanMessage(
      group(
        card(
          '**户主**：杨小华（身份证 530302198001011234）电话 138 1234 5678\n**致困原因**：本人或供养直系亲属大病\n户主确诊肺癌晚期 app-secret-0123456789abcdef',
        ),
      ),
    );
    expect(found.map((f) => f.kind).sort()).toEqual(['full_name', 'id_number', 'illness', 'illness', 'phone', 'secret']);
    expect(scanner.report()).not.toContain('app-secret-0123456789abcdef'); // a report never repeats a whole secret
  });

  it('flags ID numbers and phones of any shape: X check digits, 15-digit old numbers, landlines, unknown people', () => {
    const scanner = new PrivacyScanner(facts);
    for (const text of ['53030219700101002X', '530302800101123', '0874-3123456', '身份证 110101199003074518', '电话15900001111'])
      expect(scanner.scanMessage(group(card(text))).length, text).toBe(1);
  });

  it('stays quiet on what a group may see: masked names, the last 4 digits, options of a form, Lark ids, staff names', () => {
    const scanner = new PrivacyScanner(facts);
    const select = {
      tag: 'multi_select_static',
      name: 'f_VERIFIED__causes',
      options: [{ text: { tag: 'plain_text', content: '本人或供养直系亲属大病' }, value: '本人或供养直系亲属大病' }],
    };
    const content = card(
      '**户主**：杨&#42;华（身份证尾号 1234）· 王&#42; · 欧**梅\n**责任人**：<at id=ou_13812345678123456789012345678901></at> 王芳芳\n1762740000000',
      select,
    );
    expect(scanner.scanMessage(group(content))).toEqual([]);
    expect(messageText('interactive', content)).not.toContain('本人或供养直系亲属大病');
  });

  it('allows the full name and the causes in a direct chat, never the whole ID number or phone', () => {
    const scanner = new PrivacyScanner(facts);
    expect(scanner.scanMessage(direct(card('**户主**：杨小华 · 本人或供养直系亲属大病 · 职业病')))).toEqual([]);
    expect(scanner.scanMessage(direct(card('杨小华 530302198001011234 13812345678'))).map((f) => f.kind)).toEqual(['id_number', 'phone']);
  });

  it('keeps a selected illness of a form (its initial choice) and every later edit of a message in view', () => {
    const scanner = new PrivacyScanner(facts);
    const select = { tag: 'multi_select_static', initial_options: ['职业病'], options: [] };
    expect(scanner.scanMessage(group(card('ok', select))).map((f) => f.kind)).toEqual(['illness']);
    const edited = { ...group(card('**户主**：杨&#42;华')), versions: [card('**户主**：杨&#42;华'), card('**户主**：杨小华')] };
    expect(scanner.scanMessage(edited).map((f) => f.where)).toEqual(['group (oc_1) om_1 edit 1']);
  });

  it('flags secrets, tokens and personal data in log lines, not ids and redacted fields', () => {
    const scanner = new PrivacyScanner(facts);
    const line = (fields: Record<string, unknown>) => JSON.stringify({ level: 30, time: 1762740000000, ...fields, msg: 'x' });
    expect(scanner.scanLogLine(line({ key: 'e2e encrypt key' }), 'l1').map((f) => f.kind)).toEqual(['secret']);
    expect(scanner.scanLogLine(line({ auth: 'Bearer t-g1041a5b2c3d4e5f60718293a4b5c6d7e8f90a1b2' }), 'l2').map((f) => f.kind)).toEqual([
      'secret',
      'secret',
    ]);
    expect(scanner.scanLogLine(line({ card: 'c-0123456789abcdef0123456789abcdef01234567' }), 'l3').map((f) => f.kind)).toEqual(['secret']);
    expect(scanner.scanLogLine(line({ api: 'hhq_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_abcd' }), 'l4').map((f) => f.kind)).toEqual([
      'secret',
    ]);
    expect(scanner.scanLogLine(line({ err: '杨小华 530302198001011234 13812345678' }), 'l5').map((f) => f.kind)).toEqual([
      'id_number',
      'phone',
      'full_name',
    ]);
    expect(
      scanner.scanLogLine(line({ token: '[已隐藏]', chatId: 'oc_53030219800101123413812345678', eventId: 'f2b15e24cb76319c' }), 'l6'),
    ).toEqual([]);
    expect(scanner.counts.logLines).toBe(6);
  });
});
