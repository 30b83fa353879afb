// Mainland mobile numbers: 11 digits, 1[3-9] and a real-looking operator prefix.
import type { Random } from '../core/create-random.ts';

const prefixes = [
  '130',
  '131',
  '132',
  '133',
  '134',
  '135',
  '136',
  '137',
  '138',
  '139',
  '147',
  '150',
  '151',
  '152',
  '153',
  '155',
  '156',
  '157',
  '158',
  '159',
  '166',
  '173',
  '175',
  '176',
  '177',
  '178',
  '180',
  '181',
  '182',
  '183',
  '184',
  '185',
  '186',
  '187',
  '188',
  '189',
  '191',
  '195',
  '198',
  '199',
] as const;

export function randomMobile(random: Random): string {
  return random.pick(prefixes) + String(random.int(0, 99_999_999)).padStart(8, '0');
}

/** A landline in the city's area code, as some households give one. */
export function randomLandline(random: Random, areaCode: string): string {
  return `${areaCode}-${random.int(2_000_000, 8_999_999)}`;
}
