// The roster file format (people and chats) as `huhuqing roster import` reads it; see docs/roster-format.md.
export const rosterColumns = [
  { header: '姓名', alias: 'name' },
  { header: '角色', alias: 'role' },
  { header: '手机', alias: 'mobile' },
  { header: '邮箱', alias: 'email' },
  { header: 'open_id', alias: 'open_id' },
  { header: '省', alias: 'province' },
  { header: '市', alias: 'city' },
  { header: '县区', alias: 'county' },
  { header: '群ID', alias: 'chat_id' },
  { header: '群名称', alias: 'chat_name' },
  { header: '群用途', alias: 'purpose' },
] as const;

export type RosterHeader = (typeof rosterColumns)[number]['header'];
export const rosterHeaders: readonly RosterHeader[] = rosterColumns.map((c) => c.header);
export type RosterRow = Record<RosterHeader, string>;

import { purposeLabels, roleLabels, type ChatPurpose, type RosterRole } from '../core/roster/roster-columns.ts';

export { purposeLabels, roleLabels };
export type { ChatPurpose, RosterRole };

/** Empty strings where a level does not apply (a city-wide scope has no county). */
export interface RegionScope {
  province: string;
  city: string;
  county: string;
}

export interface RosterPerson {
  name: string;
  role: RosterRole;
  mobile: string;
  email: string | null;
  openId: string;
  scope: RegionScope;
}

export interface RosterChat {
  chatId: string;
  name: string;
  purpose: ChatPurpose;
  region: RegionScope;
}

export interface Roster {
  people: RosterPerson[];
  chats: RosterChat[];
}

/** People first, then chats: the rows of a roster file. */
export function toRosterRows(roster: Roster): RosterRow[] {
  const blank: RosterRow = {
    姓名: '',
    角色: '',
    手机: '',
    邮箱: '',
    open_id: '',
    省: '',
    市: '',
    县区: '',
    群ID: '',
    群名称: '',
    群用途: '',
  };
  const people = roster.people.map((p): RosterRow => ({
    ...blank,
    姓名: p.name,
    角色: roleLabels[p.role],
    手机: p.mobile,
    邮箱: p.email ?? '',
    open_id: p.openId,
    省: p.scope.province,
    市: p.scope.city,
    县区: p.scope.county,
  }));
  const chats = roster.chats.map((c): RosterRow => ({
    ...blank,
    省: c.region.province,
    市: c.region.city,
    县区: c.region.county,
    群ID: c.chatId,
    群名称: c.name,
    群用途: purposeLabels[c.purpose],
  }));
  return [...people, ...chats];
}
