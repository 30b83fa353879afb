// The demo roster: officers and supervisors per county, a city supervisor, an admin, and their chats.
import type { Faker } from '@faker-js/faker';
import { createDemoFaker } from './create-demo-faker.ts';
import { createRandom, mixSeed, randomHex, type Random } from '../core/create-random.ts';
import { demoCity, type DemoCity } from './demo-city.ts';
import { randomMobile } from './random-mobile.ts';
import type { RegionScope, Roster, RosterChat, RosterPerson, RosterRole } from './roster-format.ts';

export interface GenerateRosterOptions {
  seed: number;
  city?: DemoCity;
  /** Officers per county, both included; default 3–6. */
  officersPerCounty?: [number, number];
}

export function generateRoster(options: GenerateRosterOptions): Roster {
  const city = options.city ?? demoCity;
  const [minOfficers, maxOfficers] = options.officersPerCounty ?? [3, 6];
  const faker = createDemoFaker(mixSeed(options.seed, 0x0005_7e11));
  const random = createRandom(mixSeed(options.seed, 0x0005_7e12));
  const unique = createUniqueness();
  const person = (role: RosterRole, scope: RegionScope, emailShare: number): RosterPerson => ({
    name: unique.name(faker),
    role,
    mobile: unique.mobile(random),
    email: random.chance(emailShare) ? unique.email(faker) : null,
    openId: `ou_${randomHex(random, 32)}`,
    scope,
  });
  const chat = (name: string, purpose: RosterChat['purpose'], region: RegionScope): RosterChat => ({
    chatId: `oc_${randomHex(random, 32)}`,
    name,
    purpose,
    region,
  });

  const cityScope: RegionScope = { province: city.province.name, city: city.city.name, county: '' };
  const people: RosterPerson[] = [person('admin', { province: '', city: '', county: '' }, 1), person('supervisor', cityScope, 0.8)];
  const chats: RosterChat[] = [];
  for (const county of city.counties) {
    const scope: RegionScope = { ...cityScope, county: county.name };
    people.push(person('supervisor', scope, 0.6));
    const officers = random.int(minOfficers, maxOfficers);
    for (let i = 0; i < officers; i++) people.push(person('officer', scope, 0.4));
    chats.push(chat(`${county.name}户户清工作群`, 'officer_group', scope));
    chats.push(chat(`${county.name}户户清督查组`, 'inspection_group', scope));
  }
  chats.push(chat(`${city.city.name}户户清督导群`, 'supervisor_group', cityScope));
  return { people, chats };
}

/** Names, mobiles and emails must be unique: the household files refer to officers by any of them. */
function createUniqueness() {
  const seen = new Set<string>();
  const fresh = (make: () => string): string => {
    for (;;) {
      const value = make();
      if (!seen.has(value)) {
        seen.add(value);
        return value;
      }
    }
  };
  return {
    name: (faker: Faker) => fresh(() => faker.person.fullName()),
    mobile: (random: Random) => fresh(() => randomMobile(random)),
    email: (faker: Faker) => fresh(() => faker.internet.email().toLowerCase()),
  };
}

/** The officers of one county, in roster order. */
export function officersOf(roster: Roster, county: string): RosterPerson[] {
  return roster.people.filter((p) => p.role === 'officer' && p.scope.county === county);
}
