// Demo household files (一户一档), one row at a time, so a million rows never sit in memory.
import { buildHouseholdPools } from './build-household-pools.ts';
import { createRandom, mixSeed, pickWeighted, type Random } from '../core/create-random.ts';
import { demoCity, type DemoCity } from './demo-city.ts';
import { dayOf, formatDay, parseDay } from './demo-days.ts';
import { officersOf } from './generate-roster.ts';
import {
  archiveLevelMix,
  causeCountMix,
  causeMix,
  causeSeparatorMix,
  filingYearMix,
  illnessSpellingMix,
  officerRefMix,
  personsMix,
  phoneMix,
  tierMix,
} from './household-mixes.ts';
import { makeIdNumber } from './make-id-number.ts';
import { randomLandline, randomMobile } from './random-mobile.ts';
import type { Roster, RosterPerson } from './roster-format.ts';
import { headerRow } from '../core/households/columns.ts';

// The import's own header row, so demo files always match what `huhuqing import` reads.
export const householdHeaders = headerRow() as readonly HouseholdHeader[];
export type HouseholdHeader =
  | '档案编号'
  | '档案级别'
  | '省'
  | '市'
  | '县区'
  | '户主姓名'
  | '身份证号'
  | '家庭人口'
  | '致困原因'
  | '困难类型'
  | '工作单位'
  | '联系电话'
  | '责任人'
  | '脱困时限'
  | '建档日期';
export type HouseholdRow = Record<HouseholdHeader, string | number>;

export interface GenerateHouseholdsOptions {
  count: number;
  seed: number;
  /** Officers are picked from the roster's officers of the household's county. */
  roster: Roster;
  /** YYYY-MM-DD: deadlines are spread around it, filing dates lie before it. */
  today: string;
  /** Share of households whose deadline has already passed; default 0.15. */
  overdueShare?: number;
  /** First row index (default 0); row i depends only on (seed, i), so ranges can be generated apart. */
  startIndex?: number;
  city?: DemoCity;
}

const shapeSalt = 0x5a_fe_c0_de;
/** Reseeded per call: building a PRNG per row costs more than the row. */
const shapeRandom = createRandom(0);
const idSalt = 0x1d_00_00_01;
/** Birth days 1955-01-01 … 2000-12-31 (16,802 days) × 1,000 sequence numbers. */
const firstBirthDay = dayOf(1955, 1, 1);
const idSpace = 16_802 * 1_000;
/** Coprime with idSpace, so index → (birth, sequence) is one-to-one for up to 16.8 M rows. */
const idStride = 7_368_787;

/**
 * The archive number, county and filing year of row `index`: a pure function of the index (not the
 * seed), so regenerating the same count always yields the same numbers and a re-import updates.
 */
export function householdShape(index: number, city: DemoCity = demoCity): { archiveNo: string; county: number; year: number } {
  const random = shapeRandom;
  random.reseed(mixSeed(index, shapeSalt));
  const x = random.next();
  let county = city.counties.length - 1;
  for (let i = 0, acc = 0; i < city.counties.length; i++) {
    acc += (city.counties[i] as DemoCity['counties'][number]).share;
    if (x < acc) {
      county = i;
      break;
    }
  }
  const year = pickWeighted(random, filingYearMix);
  const code = (city.counties[county] as DemoCity['counties'][number]).code;
  const archiveNo = `${city.city.archivePrefix}${code}-${year}-${String(index + 1).padStart(7, '0')}`;
  return { archiveNo, county, year };
}

export function* generateHouseholds(options: GenerateHouseholdsOptions): Generator<HouseholdRow, void, undefined> {
  const city = options.city ?? demoCity;
  const { count, seed } = options;
  const start = options.startIndex ?? 0;
  const overdueShare = options.overdueShare ?? 0.15;
  if (!Number.isInteger(count) || count < 0) throw new Error(`户数必须是非负整数：${count}`);
  if (!(overdueShare >= 0 && overdueShare <= 1)) throw new Error(`逾期比例必须在 0 到 1 之间：${overdueShare}`);
  const today = parseDay(options.today);
  const pools = buildHouseholdPools(city, seed);
  const officers = city.counties.map((c) => officersOf(options.roster, c.name));
  const idOffset = mixSeed(seed, idSalt) % idSpace;
  const random = createRandom(0);

  for (let index = start; index < start + count; index++) {
    random.reseed(mixSeed(seed, index));
    const shape = householdShape(index, city);
    const county = city.counties[shape.county] as DemoCity['counties'][number];
    const idValue = (index * idStride + idOffset) % idSpace;
    const birth = formatDay(firstBirthDay + Math.floor(idValue / 1000)).replaceAll('-', '');
    const sequence = idValue % 1000;
    const filed = filingDay(random, shape.year, today);
    const deadline = random.chance(overdueShare) ? today - random.int(1, 120) : today + random.int(1, 240);
    const causes = pickCauses(random);
    yield {
      档案编号: shape.archiveNo,
      档案级别: pickWeighted(random, archiveLevelMix),
      省: city.province.name,
      市: city.city.name,
      县区: county.name,
      户主姓名: random.pick(sequence % 2 === 1 ? pools.maleNames : pools.femaleNames),
      身份证号: makeIdNumber(county.code, birth, sequence),
      家庭人口: pickWeighted(random, personsMix),
      致困原因: spellCauses(random, causes),
      困难类型: pickTier(random, causes),
      工作单位: random.pick(pools.employers[shape.county] ?? ['']),
      联系电话: pickPhone(random, city.city.areaCode),
      责任人: officerRef(random, officers[shape.county] ?? []),
      脱困时限: formatDay(Math.max(deadline, filed + 1)),
      建档日期: formatDay(filed),
    };
  }
}

function filingDay(random: Random, year: number, today: number): number {
  const first = year === 2017 ? dayOf(2017, 3, 1) : dayOf(year, 1, 1);
  const day = random.int(first, dayOf(year, 12, 31));
  return Math.min(day, today - 1);
}

/** Distinct canonical causes, in the canonical order. */
function pickCauses(random: Random): string[] {
  const wanted = pickWeighted(random, causeCountMix);
  const picked: string[] = [];
  for (let attempts = 0; picked.length < wanted && attempts < 20; attempts++) {
    const cause = pickWeighted(random, causeMix);
    if (!picked.includes(cause)) picked.push(cause);
  }
  return picked.length === 1 ? picked : causeMix.values.filter((c) => picked.includes(c));
}

function spellCauses(random: Random, causes: readonly string[]): string {
  const spelled = causes.map((c) => (c === '本人或供养直系亲属大病' ? pickWeighted(random, illnessSpellingMix) : c));
  return spelled.join(spelled.length > 1 ? pickWeighted(random, causeSeparatorMix) : '');
}

function pickTier(random: Random, causes: readonly string[]): string {
  const sudden = causes.some((c) => c === '意外事故' || c === '自然灾害' || c === '工伤');
  return sudden && random.chance(0.6) ? '意外致困' : pickWeighted(random, tierMix);
}

function pickPhone(random: Random, areaCode: string): string {
  const kind = pickWeighted(random, phoneMix);
  if (kind === 'none') return '';
  return kind === 'mobile' ? randomMobile(random) : randomLandline(random, areaCode);
}

function officerRef(random: Random, officers: readonly RosterPerson[]): string {
  if (officers.length === 0) return '';
  const officer = random.pick(officers);
  switch (pickWeighted(random, officerRefMix)) {
    case 'mobile':
      return officer.mobile;
    case 'open_id':
      return officer.openId;
    case 'email':
      return officer.email ?? officer.name;
    default:
      return officer.name;
  }
}
