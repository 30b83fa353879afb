import { describe, expect, it } from 'vitest';
import { demoCity } from '../../src/demo/demo-city.ts';
import { generateHouseholds, householdHeaders, householdShape, type HouseholdRow } from '../../src/demo/generate-households.ts';
import { generateRoster } from '../../src/demo/generate-roster.ts';

const today = '2025-06-01';
const roster = generateRoster({ seed: 7 });
const rows = (count: number, seed = 7, extra: { startIndex?: number; overdueShare?: number } = {}): HouseholdRow[] => [
  ...generateHouseholds({ count, seed, roster, today, ...extra }),
];

/** GB 11643, written independently of the generator's own implementation. */
function isValidIdNumber(id: string): boolean {
  if (!/^\d{17}[\dX]$/.test(id)) return false;
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = w.reduce((s, weight, i) => s + weight * Number(id[i]), 0);
  if ('10X98765432'[sum % 11] !== id[17]) return false;
  const birth = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  return new Date(`${birth}T00:00:00Z`).toISOString().startsWith(birth) && birth >= '1955-01-01' && birth <= '2000-12-31';
}

describe('generateHouseholds', () => {
  it('yields rows keyed by the Chinese household headers, in order', () => {
    const [row] = rows(1);
    expect(Object.keys(row ?? {})).toEqual([...householdHeaders]);
  });

  it('gives the same rows for the same seed and different rows for another seed', () => {
    expect(rows(500)).toEqual(rows(500));
    const other = rows(500, 8);
    expect(other.map((r) => r.身份证号)).not.toEqual(rows(500).map((r) => r.身份证号));
  });

  it('makes archive numbers from the index alone, so regenerating with any seed re-imports as updates', () => {
    const a = rows(1000, 1).map((r) => r.档案编号);
    expect(rows(1000, 99).map((r) => r.档案编号)).toEqual(a);
    expect(a[122]).toMatch(/^QJ5303(02|03|04|22)-20(17|18|19|20)-0000123$/);
    expect(householdShape(122).archiveNo).toBe(a[122]);
  });

  it('generates any range of rows apart exactly as in one run', () => {
    expect(rows(100, 7, { startIndex: 300 })).toEqual(rows(400).slice(300));
  });

  it('gives unique archive numbers and unique, valid GB 11643 ID numbers over 20,000 rows', () => {
    const all = rows(20_000);
    expect(new Set(all.map((r) => r.档案编号)).size).toBe(all.length);
    expect(new Set(all.map((r) => r.身份证号)).size).toBe(all.length);
    const invalid = all.filter((r) => !isValidIdNumber(String(r.身份证号)));
    expect(invalid).toEqual([]);
    const countyCodes = new Map(demoCity.counties.map((c) => [c.name, c.code]));
    for (const r of all) expect(String(r.身份证号).slice(0, 6)).toBe(countyCodes.get(String(r.县区)));
  });

  it('follows the Qujing mixes of archive level, persons and causes', () => {
    const all = rows(20_000);
    const share = (pred: (r: HouseholdRow) => boolean) => all.filter(pred).length / all.length;
    expect(share((r) => r.档案级别 === '全国级')).toBeCloseTo(0.76, 1);
    expect(share((r) => r.档案级别 === '省级')).toBeGreaterThan(0.03);
    const persons = all.map((r) => Number(r.家庭人口));
    expect(Math.min(...persons)).toBe(1);
    expect(Math.max(...persons)).toBe(6);
    expect(persons.reduce((a, b) => a + b, 0) / all.length).toBeCloseTo(3, 0);
    const bigFour = /收入低|下岗失业|大病|因病|子女上学/;
    expect(share((r) => bigFour.test(String(r.致困原因)))).toBeGreaterThan(0.85);
    expect(share((r) => /^(大病|因病)$|[、；，,](大病|因病)|^(大病|因病)[、；，,]/.test(String(r.致困原因)))).toBeGreaterThan(0.02);
    expect(share((r) => /[、；，,]/.test(String(r.致困原因)))).toBeGreaterThan(0.3);
  });

  it('puts filing dates before today and deadlines around it, with the requested share overdue', () => {
    const all = rows(10_000, 7, { overdueShare: 0.2 });
    for (const r of all) {
      expect(String(r.建档日期) < today).toBe(true);
      expect(String(r.建档日期).slice(0, 4)).toBe(String(r.档案编号).split('-')[1]);
      expect(String(r.脱困时限) > String(r.建档日期)).toBe(true);
    }
    const overdue = all.filter((r) => String(r.脱困时限) < today).length / all.length;
    expect(overdue).toBeGreaterThan(0.17);
    expect(overdue).toBeLessThan(0.23);
  });

  it('names an officer of the household’s own county, by name, mobile, email or open_id', () => {
    const kinds = new Set<string>();
    for (const r of rows(5_000)) {
      const ref = String(r.责任人);
      const officer = roster.people.find((p) => p.role === 'officer' && [p.name, p.mobile, p.email, p.openId].includes(ref));
      expect(officer?.scope.county).toBe(r.县区);
      kinds.add(ref === officer?.name ? 'name' : ref === officer?.mobile ? 'mobile' : ref.startsWith('ou_') ? 'open_id' : 'email');
    }
    expect([...kinds].sort()).toEqual(['email', 'mobile', 'name', 'open_id']);
  });

  it('generates 100,000 rows without error (throughput smoke)', () => {
    let n = 0;
    for (const r of generateHouseholds({ count: 100_000, seed: 3, roster, today })) if (r.档案编号) n++;
    expect(n).toBe(100_000);
  });
});
