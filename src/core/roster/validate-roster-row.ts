// One roster row → a person or a chat, with every problem of the row listed in Chinese.
import { classifyOfficerRef, isEmailShaped } from '../households/classify-officer-ref.ts';
import { normalizeText, removeCjkSpaces } from '../households/normalize-text.ts';
import { normalizeMobile } from '../households/parse-phone.ts';
import {
  parsePurpose,
  parseRole,
  purposeLabels,
  roleLabels,
  type ChatPurpose,
  type RosterField,
  type RosterRole,
} from './roster-columns.ts';

export interface Scope {
  province: string;
  city: string;
  county: string;
}

export interface PersonInput {
  name: string;
  role: RosterRole;
  mobile: string | null;
  email: string | null;
  openId: string | null;
  scope: Scope;
}

export interface ChatInput {
  chatId: string;
  name: string | null;
  purpose: ChatPurpose;
  scope: Scope;
}

export type RosterRowResult =
  { ok: true; kind: 'person'; value: PersonInput } | { ok: true; kind: 'chat'; value: ChatInput } | { ok: false; errors: string[] };

export function validateRosterRow(cells: Partial<Record<RosterField, unknown>>): RosterRowResult {
  const text = (k: RosterField) => normalizeText(cells[k]);
  const scope = { province: text('province'), city: text('city'), county: text('county') };
  const errors: string[] = [];
  const chatId = text('chat_id').replace(/\s+/g, '');
  if (chatId !== '') {
    if (!/^oc_[0-9a-zA-Z]+$/.test(chatId))
      errors.push(`群ID「${chatId}」格式不对：飞书群 ID 以 oc_ 开头（在群设置或机器人绑定消息中可以看到）`);
    const purpose = parsePurpose(text('purpose'));
    if (!purpose) errors.push(`群用途「${text('purpose')}」无法识别：请填写 ${Object.values(purposeLabels).join('、')} 之一`);
    if (scope.province === '') errors.push('群所属地区为空：请至少填写“省”，工作群和督查组通常填到县区');
    if (errors.length > 0 || !purpose) return { ok: false, errors };
    return { ok: true, kind: 'chat', value: { chatId, name: text('chat_name') || null, purpose, scope } };
  }

  const name = removeCjkSpaces(text('name'));
  if (name === '') errors.push('姓名为空：请填写');
  else if (Array.from(name).length > 30) errors.push('姓名超过 30 个字：请检查是否填错了列');
  const role = parseRole(text('role'));
  if (!role) errors.push(`角色「${text('role')}」无法识别：请填写 ${Object.values(roleLabels).join('、')} 之一`);
  const rawMobile = text('mobile');
  const mobile = rawMobile === '' ? null : normalizeMobile(rawMobile);
  if (rawMobile !== '' && mobile === null) errors.push('手机号格式不对：请填写 11 位手机号（如 138xxxxxxxx）');
  const rawEmail = text('email').replace(/\s+/g, '').toLowerCase();
  const email = rawEmail === '' ? null : rawEmail;
  if (email !== null && !isEmailShaped(email)) errors.push(`邮箱「${email}」格式不对：应形如 name@example.com`);
  const rawOpenId = text('open_id').replace(/\s+/g, '');
  const openId = rawOpenId === '' ? null : rawOpenId;
  if (openId !== null && classifyOfficerRef(openId).kind !== 'open_id')
    errors.push(`open_id「${openId}」格式不对：飞书 open_id 以 ou_ 开头`);
  if (rawMobile === '' && email === null && openId === null) errors.push('手机、邮箱、open_id 都为空：至少填写一项，用于匹配飞书账号');
  if (role && role !== 'admin' && scope.province === '')
    errors.push(`${roleLabels[role]}需要所属地区：请填写省、市、县区（市级督查员可不填县区）`);
  if (role === 'officer' && scope.province !== '' && scope.county === '') errors.push('责任人需要填写到县区');
  if (errors.length > 0 || !role) return { ok: false, errors };
  return { ok: true, kind: 'person', value: { name, role, mobile, email, openId, scope } };
}
