// The roster file (people and chats; see docs/roster-format.md): its columns, header matching and
// the Chinese labels of roles and chat purposes. A row with 群ID is a chat; any other row is a person.
import { headerKey } from '../households/columns.ts';
import { normalizeText } from '../households/normalize-text.ts';

export const rosterFieldKeys = [
  'name',
  'role',
  'mobile',
  'email',
  'open_id',
  'province',
  'city',
  'county',
  'chat_id',
  'chat_name',
  'purpose',
] as const;
export type RosterField = (typeof rosterFieldKeys)[number];

const rosterColumnsByKey: Record<RosterField, { header: string; aliases: readonly string[] }> = {
  name: { header: '姓名', aliases: ['人员姓名', '名字'] },
  role: { header: '角色', aliases: ['身份', '岗位角色'] },
  mobile: { header: '手机', aliases: ['手机号', '手机号码', '电话', '联系电话'] },
  email: { header: '邮箱', aliases: ['电子邮箱', '邮件', 'e-mail'] },
  open_id: { header: 'open_id', aliases: ['openid', '飞书ID', '飞书open_id'] },
  province: { header: '省', aliases: ['省份'] },
  city: { header: '市', aliases: ['地市', '市州'] },
  county: { header: '县区', aliases: ['县', '区', '区县'] },
  chat_id: { header: '群ID', aliases: ['群聊ID', 'chatid', '群id'] },
  chat_name: { header: '群名称', aliases: ['群名', '群聊名称'] },
  purpose: { header: '群用途', aliases: ['用途', '群类型'] },
};

export type RosterRole = 'officer' | 'supervisor' | 'admin';
export type ChatPurpose = 'officer_group' | 'inspection_group' | 'supervisor_group';

export const roleLabels: Record<RosterRole, string> = { officer: '责任人', supervisor: '督查员', admin: '管理员' };
export const purposeLabels: Record<ChatPurpose, string> = {
  officer_group: '工作群',
  inspection_group: '督查组',
  supervisor_group: '督导群',
};

const roleAliases: Record<string, RosterRole> = {
  责任人: 'officer',
  帮扶干部: 'officer',
  帮扶责任人: 'officer',
  干部: 'officer',
  officer: 'officer',
  督查员: 'supervisor',
  督查: 'supervisor',
  督查组: 'supervisor',
  督导: 'supervisor',
  领导: 'supervisor',
  主管: 'supervisor',
  supervisor: 'supervisor',
  管理员: 'admin',
  系统管理员: 'admin',
  admin: 'admin',
};
const purposeAliases: Record<string, ChatPurpose> = {
  工作群: 'officer_group',
  责任人群: 'officer_group',
  帮扶工作群: 'officer_group',
  officer_group: 'officer_group',
  督查组: 'inspection_group',
  督查群: 'inspection_group',
  inspection_group: 'inspection_group',
  督导群: 'supervisor_group',
  领导群: 'supervisor_group',
  supervisor_group: 'supervisor_group',
};

export function parseRole(value: string): RosterRole | undefined {
  return roleAliases[value.trim().toLowerCase()];
}

export function parsePurpose(value: string): ChatPurpose | undefined {
  return purposeAliases[value.trim().toLowerCase()];
}

export function rosterHeaderRow(): string[] {
  return rosterFieldKeys.map((k) => rosterColumnsByKey[k].header);
}

export function rosterFieldLabel(key: RosterField): string {
  return rosterColumnsByKey[key].header;
}

const byHeader = new Map<string, RosterField>();
for (const key of rosterFieldKeys) {
  for (const name of [key, rosterColumnsByKey[key].header, ...rosterColumnsByKey[key].aliases]) byHeader.set(headerKey(name), key);
}

export function mapRosterHeaders(headers: unknown[]): { fields: (RosterField | null)[]; unknown: string[]; missing: RosterField[] } {
  const seen = new Set<RosterField>();
  const unknown: string[] = [];
  const fields = headers.map((h) => {
    const text = normalizeText(h);
    const key = text === '' ? undefined : byHeader.get(headerKey(text));
    if (key === undefined || seen.has(key)) {
      if (text !== '' && key === undefined) unknown.push(text);
      return null;
    }
    seen.add(key);
    return key;
  });
  const hasPeople = seen.has('name') && seen.has('role');
  const hasChats = seen.has('chat_id') && seen.has('purpose');
  const missing: RosterField[] = hasPeople || hasChats ? [] : ['name', 'role'];
  return { fields, unknown, missing };
}
