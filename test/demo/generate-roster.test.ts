import { describe, expect, it } from 'vitest';
import { demoCity } from '../../src/demo/demo-city.ts';
import { generateRoster } from '../../src/demo/generate-roster.ts';
import { rosterHeaders, toRosterRows } from '../../src/demo/roster-format.ts';

const roster = generateRoster({ seed: 1 });

describe('generateRoster', () => {
  it('is the same for the same seed', () => {
    expect(generateRoster({ seed: 1 })).toEqual(roster);
    expect(generateRoster({ seed: 2 })).not.toEqual(roster);
  });

  it('has 3–6 officers, one supervisor, a work group and an inspection group per county', () => {
    for (const county of demoCity.counties) {
      const here = roster.people.filter((p) => p.scope.county === county.name);
      const officers = here.filter((p) => p.role === 'officer').length;
      expect(officers).toBeGreaterThanOrEqual(3);
      expect(officers).toBeLessThanOrEqual(6);
      expect(here.filter((p) => p.role === 'supervisor')).toHaveLength(1);
      const chats = roster.chats.filter((c) => c.region.county === county.name).map((c) => c.purpose);
      expect(chats.sort()).toEqual(['inspection_group', 'officer_group']);
    }
  });

  it('has one city supervisor, one admin without a region and one city supervisor group', () => {
    const citySupervisors = roster.people.filter((p) => p.role === 'supervisor' && p.scope.county === '');
    expect(citySupervisors).toHaveLength(1);
    expect(citySupervisors[0]?.scope).toEqual({ province: '云南省', city: '曲靖市', county: '' });
    const admins = roster.people.filter((p) => p.role === 'admin');
    expect(admins).toHaveLength(1);
    expect(admins[0]?.scope).toEqual({ province: '', city: '', county: '' });
    const groups = roster.chats.filter((c) => c.purpose === 'supervisor_group');
    expect(groups.map((c) => c.region)).toEqual([{ province: '云南省', city: '曲靖市', county: '' }]);
  });

  it('gives everyone unique names, mobiles, emails and open_ids of the right shapes', () => {
    const unique = (values: unknown[]) => expect(new Set(values).size).toBe(values.length);
    unique(roster.people.map((p) => p.name));
    unique(roster.people.map((p) => p.mobile));
    unique(roster.people.flatMap((p) => (p.email ? [p.email] : [])));
    unique([...roster.people.map((p) => p.openId), ...roster.chats.map((c) => c.chatId)]);
    for (const p of roster.people) {
      expect(p.mobile).toMatch(/^1[3-9]\d{9}$/);
      expect(p.openId).toMatch(/^ou_[0-9a-f]{32}$/);
      expect(p.name).toMatch(/^\p{Script=Han}{2,4}$/u);
      if (p.email) expect(p.email).toMatch(/^[^@\s]+@[^@\s]+\.[^@\s]+$/);
    }
    for (const c of roster.chats) expect(c.chatId).toMatch(/^oc_[0-9a-f]{32}$/);
    expect(roster.people.some((p) => p.email)).toBe(true);
  });

  it('turns into roster file rows: people with a role, chats with 群ID and 群用途', () => {
    const rows = toRosterRows(roster);
    expect(rows).toHaveLength(roster.people.length + roster.chats.length);
    for (const row of rows) expect(Object.keys(row)).toEqual([...rosterHeaders]);
    const chats = rows.filter((r) => r.群ID !== '');
    expect(chats.every((r) => r.姓名 === '' && r.角色 === '' && ['工作群', '督查组', '督导群'].includes(r.群用途))).toBe(true);
    const people = rows.filter((r) => r.群ID === '');
    expect(new Set(people.map((r) => r.角色))).toEqual(new Set(['责任人', '督查员', '管理员']));
  });
});
