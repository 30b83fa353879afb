// The shares the demo households follow (Qujing, May 2020 report, and local practice).
import { weighted } from '../core/create-random.ts';

export const archiveLevelMix = weighted([
  ['全国级', 76],
  ['省级', 5],
  ['地市级', 10],
  ['区县级', 9],
] as const);

/** Mean ≈ 3.0 persons, as 2,789 persons in 908 households. */
export const personsMix = weighted([
  [1, 10],
  [2, 25],
  [3, 33],
  [4, 20],
  [5, 8],
  [6, 4],
] as const);

export const causeCountMix = weighted([
  [1, 55],
  [2, 35],
  [3, 10],
] as const);

/** Canonical names; the big four dominate, as the report says. */
export const causeMix = weighted([
  ['收入低', 30],
  ['下岗失业', 22],
  ['本人或供养直系亲属大病', 22],
  ['子女上学', 16],
  ['自然灾害', 2],
  ['意外事故', 2],
  ['工伤', 2],
  ['职业病', 1],
  ['残疾', 2],
  ['其他', 1],
] as const);

/** How officers write the illness cause. */
export const illnessSpellingMix = weighted([
  ['本人或供养直系亲属大病', 70],
  ['大病', 20],
  ['因病', 10],
] as const);

export const causeSeparatorMix = weighted([
  ['、', 85],
  ['；', 8],
  ['，', 4],
  [',', 3],
] as const);

export const tierMix = weighted([
  ['深度困难', 35],
  ['相对困难', 57],
  ['意外致困', 8],
] as const);

/** How the 责任人 cell refers to the officer. */
export const officerRefMix = weighted([
  ['name', 50],
  ['mobile', 25],
  ['open_id', 20],
  ['email', 5],
] as const);

export const phoneMix = weighted([
  ['mobile', 88],
  ['landline', 10],
  ['none', 2],
] as const);

/** Year the file was opened (the campaign started filing in March 2017). */
export const filingYearMix = weighted([
  [2017, 62],
  [2018, 18],
  [2019, 12],
  [2020, 8],
] as const);
