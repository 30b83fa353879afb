// The Prisma client on Cloudflare Workers: the D1 driver adapter over the `DB` binding. `#prisma`
// resolves to the workerd client there (package.json `imports`, condition `workerd`).
//
// D1 has no interactive transactions: Prisma's client refuses `$transaction(async tx => …)` on
// it, and runs `$transaction([...])` as individual statements. The client is marked so that
// inTransaction() (src/db/in-transaction.ts) runs the use-cases' statements one by one instead.
import { PrismaD1 } from '@prisma/adapter-d1';
import { PrismaClient } from '#prisma';
import type { Db } from './create-prisma.ts';
import { markWithoutInteractiveTransactions } from './in-transaction.ts';

export type D1Binding = ConstructorParameters<typeof PrismaD1>[0];

export function createD1Prisma(d1: D1Binding): Db {
  return markWithoutInteractiveTransactions(new PrismaClient({ adapter: new PrismaD1(d1) }));
}
