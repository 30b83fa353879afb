// A private, seeded zh_CN faker: never the shared global one, so seeding here disturbs nobody.
import { Faker, base, zh_CN } from '@faker-js/faker';

export function createDemoFaker(seed: number): Faker {
  const faker = new Faker({ locale: [zh_CN, base] });
  faker.seed(seed);
  return faker;
}
