// The Prisma client on Cloudflare Workers: the D1 driver adapter over the `DB` binding. `#prisma`
// resolves to the workerd client there (package.json `imports`, condition `workerd`).
//
// D1 has no interactive transactions: the adapter runs `$transaction(async tx => …)` and
// `$transaction([...])` as individual statements, without rollback. The use-cases are written for
// that (see docs/workers.md, "Transactions on D1"): the statement that decides a race (the
// optimistic lock of a case, the claim of a timer or an outbox row) comes first and is one SQL
// statement, so a lost race writes nothing.
import { PrismaD1 } from '@prisma/adapter-d1';
import { PrismaClient } from '#prisma';
import type { Db } from './create-prisma.ts';

export type D1Binding = ConstructorParameters<typeof PrismaD1>[0];

export function createD1Prisma(d1: D1Binding): Db {
  return new PrismaClient({ adapter: new PrismaD1(d1) }) as unknown as Db;
}
