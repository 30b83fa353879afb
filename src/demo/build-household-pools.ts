// Small pools drawn from faker once per seed; the row generator then picks from them with a fast PRNG.
import type { Faker } from '@faker-js/faker';
import { createDemoFaker } from './create-demo-faker.ts';
import { mixSeed } from '../core/create-random.ts';
import type { DemoCity } from './demo-city.ts';

export interface HouseholdPools {
  maleNames: readonly string[];
  femaleNames: readonly string[];
  /** Employers per county, in the city's county order. */
  employers: readonly (readonly string[])[];
}

const brands = [
  '宏达',
  '鑫源',
  '恒信',
  '兴隆',
  '盛达',
  '云峰',
  '瑞丰',
  '金鼎',
  '华泰',
  '永昌',
  '德胜',
  '天成',
  '珠江源',
  '麒麟',
  '爨乡',
  '南盘江',
  '翠峰',
  '鑫泰',
  '联合',
  '建新',
  '红旗',
  '东方',
  '金马',
  '龙海',
  '宏源',
  '振兴',
] as const;
const industries = [
  '煤业',
  '煤业',
  '煤化工',
  '化工',
  '电力',
  '水泥',
  '钢铁',
  '冶金',
  '机械制造',
  '汽车配件',
  '烟草机械',
  '建材',
  '建筑工程',
  '物流',
  '运输',
  '商贸',
  '食品',
  '农产品开发',
  '纺织',
  '印刷',
  '矿业',
  '磷化工',
  '物业服务',
  '餐饮服务',
  '酒店管理',
  '环卫服务',
] as const;
const legalForms = ['有限公司', '有限公司', '有限责任公司', '有限责任公司', '股份有限公司', '集团有限公司'] as const;
const institutions = [
  '环境卫生管理站',
  '供销合作社',
  '第一建筑工程公司',
  '人民医院',
  '自来水公司',
  '公共交通公司',
  '农机修造厂',
  '粮食购销公司',
  '百货公司',
  '印刷厂',
] as const;

export function buildHouseholdPools(city: DemoCity, seed: number, size = { names: 250, employersPerCounty: 50 }): HouseholdPools {
  const faker = createDemoFaker(mixSeed(seed, 0x0000_b001));
  const names = (sex: 'male' | 'female') => distinct(size.names, () => faker.person.fullName({ sex }));
  return {
    maleNames: names('male'),
    femaleNames: names('female'),
    employers: city.counties.map((county) => distinct(size.employersPerCounty, () => employer(faker, county.name))),
  };
}

function employer(faker: Faker, county: string): string {
  const short = county.replace(/[区县]$/, '');
  if (faker.number.float() < 0.12) return county + faker.helpers.arrayElement(institutions);
  const prefix = faker.helpers.arrayElement(['曲靖', '曲靖', '曲靖市', short, county]);
  // Given names make plausible brands (文昊, 佳怡), single characters do not.
  const given = faker.person.firstName();
  const brand = given.length === 2 && faker.number.float() < 0.3 ? given : faker.helpers.arrayElement(brands);
  return prefix + brand + faker.helpers.arrayElement(industries) + faker.helpers.arrayElement(legalForms);
}

function distinct(count: number, make: () => string): string[] {
  const seen = new Set<string>();
  for (let attempts = 0; seen.size < count && attempts < count * 20; attempts++) seen.add(make());
  return [...seen];
}
