import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildReport } from '../../src/app/build-report.ts';
import { parseReportRequest } from '../../src/core/reports/parse-report-request.ts';
import { insertHouseholds, seedQujing, seedRegions, type FixtureHousehold } from '../fixtures/qujing.ts';
import { createTempDb, type TempDb } from '../helpers/temp-db.ts';

let db: TempDb;

// A neighbouring city with a few files, and two districts that share a name, to test scoping.
const kunming: FixtureHousehold[] = Array.from({ length: 25 }, (_, i) => ({
  archiveNo: `KM${String(i + 1).padStart(6, '0')}`,
  archiveLevel: '全国级',
  regionCode: '530102',
  persons: 2,
  causeMask: 1,
  tier: '相对困难',
  filedOn: '2017-03-15',
  closedOn: null,
  closedReason: null,
  group: 'A',
}));

beforeAll(async () => {
  db = await createTempDb();
  const ids = await seedQujing(db.prisma);
  const more = await seedRegions(
    db.prisma,
    [
      { code: '530100', name: '昆明市', level: 'city', parent: '530000' },
      { code: '530102', name: '五华区', level: 'county', parent: '530100' },
      { code: '110000', name: '北京市', level: 'province', parent: null },
      { code: '110105', name: '朝阳区', level: 'county', parent: '110000' },
      { code: '220000', name: '吉林省', level: 'province', parent: null },
      { code: '220100', name: '长春市', level: 'city', parent: '220000' },
      { code: '220104', name: '朝阳区', level: 'county', parent: '220100' },
    ],
    ids,
  );
  await insertHouseholds(db.prisma, kunming, more);
});
afterAll(async () => db.cleanup());

const report = (options: Record<string, string>) =>
  buildReport(
    { db: db.prisma, timezone: 'Asia/Shanghai' },
    parseReportRequest({ at: '2020-03-31', by: 'region', ...options }, '2026-11-22'),
  );

describe('report by region', () => {
  it('lists every county of the city by code, with its city, and sums to the city total', async () => {
    const r = await report({ region: '曲靖市' });
    expect(r.labelHeaders).toEqual(['区划代码', '市', '县区']);
    expect(r.rows.map((row) => row.labels)).toEqual([
      ['530300', '曲靖市', '（市本级）'],
      ['530302', '曲靖市', '麒麟区'],
      ['530303', '曲靖市', '沾益区'],
      ['530304', '曲靖市', '马龙区'],
      ['530322', '曲靖市', '陆良县'],
      ['530323', '曲靖市', '师宗县'],
      ['530324', '曲靖市', '罗平县'],
      ['530325', '曲靖市', '富源县'],
      ['530326', '曲靖市', '会泽县'],
      ['530381', '曲靖市', '宣威市'],
    ]);
    const sum = r.rows.reduce((s, row) => ({ households: s.households + row.at.households, persons: s.persons + row.at.persons }), {
      households: 0,
      persons: 0,
    });
    expect(sum).toEqual({ households: 908, persons: 2789 });
    expect(r.total.at).toEqual(sum);
    expect(r.total.labels).toEqual(['合计', '', '']);
  });

  it('sums the change by county to the change of the city', async () => {
    const r = await report({ region: '530300', since: '2017-03-31' });
    expect(r.rows.reduce((s, row) => s + (row.change?.households ?? 0), 0)).toBe(-3911);
    expect(r.total.change).toEqual({ households: -3911, persons: -10522 });
  });

  it('scopes every dimension to the region and what lies below it', async () => {
    const all = await report({ by: 'level' });
    expect(all.title.startsWith('全部地区 ')).toBe(true);
    expect(all.total.at).toEqual({ households: 908 + 25, persons: 2789 + 50 });
    const province = await report({ region: '云南省' });
    expect(province.total.at.households).toBe(933);
    expect(province.rows.find((row) => row.labels[0] === '530102')?.labels).toEqual(['530102', '昆明市', '五华区']);
    const county = await report({ region: '麒麟区' });
    expect(county.rows).toHaveLength(1);
    expect(county.total.at).toEqual(county.rows[0]?.at);
  });

  it('asks for the code when a name is shared by two regions', async () => {
    await expect(report({ region: '朝阳区' })).rejects.toThrow(
      '地区「朝阳区」有 2 个同名：110105（北京市朝阳区）、220104（长春市朝阳区）；请改用区划代码',
    );
    const byCode = await report({ region: '220104' });
    expect(byCode.total.at.households).toBe(0);
  });

  it('says how to name a region it cannot find', async () => {
    await expect(report({ region: '曲靖' })).rejects.toMatchObject({
      code: 'not_found',
      message: expect.stringContaining('找不到地区「曲靖」'),
    });
  });
});
