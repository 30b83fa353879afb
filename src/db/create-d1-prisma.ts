// The Prisma client on Cloudflare Workers: the D1 driver adapter over the `DB` binding. `#prisma`
// resolves to the workerd client there (package.json `imports`, condition `workerd`).
//
// D1 has no interactive transactions: Prisma's client refuses `$transaction(async tx => …)` on
// it, and runs `$transaction([...])` as individual statements. The client is marked so that
// inTransaction() runs the use-cases' statements one by one, and inAtomicStep() sends a step's
// writes as one D1 batch (src/db/d1-atomic-client.ts), all or nothing.
import { PrismaD1 } from '@prisma/adapter-d1';
import { PrismaClient } from '#prisma';
import type { Db } from './create-prisma.ts';
import { createD1AtomicRunner, type D1Binding } from './d1-atomic-client.ts';
import { markD1Client } from './in-transaction.ts';

export type { D1Binding };

export function createD1Prisma(d1: D1Binding): Db {
  return markD1Client(new PrismaClient({ adapter: new PrismaD1(d1) }), createD1AtomicRunner(d1));
}
