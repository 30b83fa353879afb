// All-or-nothing steps on D1. D1 has no interactive transactions, but a D1 batch runs as one SQL
// transaction: if a statement fails, the whole batch is rolled back. So an atomic step runs on a
// second Prisma client whose driver adapter, inside `$transaction(async (tx) => …)`, runs the
// step's reads at once and holds its writes back; at the end they go to D1 as one batch.
//
// The writes are intercepted where Prisma's own D1 adapter prepares them, so their SQL and their
// arguments are exactly what Prisma would run statement by statement. A write gives back nothing
// while it is held (no RETURNING rows, a count of 0): races are decided with step.expectChanged(),
// which adds a guard statement right after the deciding write. The guard reads SQLite's
// `changes()` and, when it differs from what was expected, makes json() fail on purpose, which
// aborts the batch. The guard carries the step's id, so a failed batch is told apart as a lost race.
import { PrismaD1 } from '@prisma/adapter-d1';
import { PrismaClient } from '#prisma';
import type { Db } from './create-prisma.ts';
import type { AtomicStep, D1AtomicRunner, Tx } from './in-transaction.ts';

export type D1Binding = Extract<ConstructorParameters<typeof PrismaD1>[0], { prepare: unknown }>;
type Adapter = Awaited<ReturnType<PrismaD1['connect']>>;
type Transaction = Awaited<ReturnType<Adapter['startTransaction']>>;
type Statement = ReturnType<D1Binding['prepare']>;

const guardMark = '/* huhuqing:step-guard */';
const guardSql = `${guardMark} SELECT ? AS step, json(CASE WHEN changes() = ? THEN '1' ELSE 'step lost' END) AS ok`;
const heldBack = /^\s*(\/\* huhuqing:step-guard \*\/|INSERT\b|UPDATE\b|DELETE\b|REPLACE\b)/i;

/** Steps whose batch failed on a guard: a lost race, not an error. */
const lostSteps = new Set<string>();
let nextStep = 0;

/** A D1 binding that hands reads through and holds writes (and guards) back in `held`. */
function holdingBinding(d1: D1Binding, held: { statements: Statement[]; steps: Set<string> }): D1Binding {
  const prepare = (sql: string): Statement => {
    const real = d1.prepare(sql);
    if (!heldBack.test(sql)) return real;
    const holding = {
      bind: (...args: unknown[]) => {
        if (sql.startsWith(guardMark)) held.steps.add(String(args[0]));
        const bound = real.bind(...args);
        return {
          run: async () => {
            held.statements.push(bound);
            return { success: true, meta: { changes: 0 }, results: [] };
          },
          raw: async () => {
            held.statements.push(bound);
            return [[]];
          },
        };
      },
    };
    return holding as unknown as Statement;
  };
  return { prepare, batch: d1.batch.bind(d1), exec: d1.exec.bind(d1) } as unknown as D1Binding;
}

function guardFailed(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (/malformed JSON/i.test(String((e as { message?: unknown }).message ?? e))) return true;
  }
  return false;
}

class AtomicD1Factory {
  readonly provider = 'sqlite' as const;
  readonly adapterName = 'huhuqing-d1-atomic';

  constructor(private readonly d1: D1Binding) {}

  async connect(): Promise<Adapter> {
    const d1 = this.d1;
    const inner = await new PrismaD1(d1).connect();
    const adapter: Adapter = {
      provider: 'sqlite',
      adapterName: this.adapterName,
      queryRaw: (q) => inner.queryRaw(q),
      executeRaw: (q) => inner.executeRaw(q),
      executeScript: (s) => inner.executeScript(s),
      getConnectionInfo: () => inner.getConnectionInfo!(),
      dispose: () => inner.dispose(),
      startTransaction: async (): Promise<Transaction> => {
        const held = { statements: [] as Statement[], steps: new Set<string>() };
        // Prisma's own D1 adapter over the holding binding prepares every statement of the step.
        const preparing = await new PrismaD1(holdingBinding(d1, held)).connect();
        return {
          provider: 'sqlite',
          adapterName: this.adapterName,
          options: { usePhantomQuery: true },
          queryRaw: (q) => preparing.queryRaw(q),
          executeRaw: (q) => preparing.executeRaw(q),
          commit: async () => {
            if (held.statements.length === 0) return;
            try {
              await d1.batch(held.statements);
            } catch (error) {
              if (guardFailed(error)) for (const s of held.steps) lostSteps.add(s);
              throw error;
            }
          },
          rollback: async () => {
            held.statements.length = 0;
          },
        };
      },
    };
    return adapter;
  }
}

/** The atomic-step runner of one D1 binding (its Prisma client is made on first use). */
export function createD1AtomicRunner(d1: D1Binding): D1AtomicRunner {
  let client: Db | undefined;
  return {
    async run<T>(work: (tx: Tx, step: AtomicStep) => Promise<T>): Promise<T> {
      client ??= new PrismaClient({ adapter: new AtomicD1Factory(d1) });
      const id = `s${++nextStep}:${Math.random().toString(36).slice(2)}`;
      let firstLost: (() => Error) | undefined;
      try {
        return await client.$transaction(async (tx) => {
          const step: AtomicStep = {
            async expectChanged(_count, expected, lost) {
              firstLost ??= lost;
              await tx.$executeRawUnsafe(guardSql, id, expected);
            },
          };
          return work(tx, step);
        });
      } catch (error) {
        if (lostSteps.delete(id) && firstLost) throw firstLost();
        throw error;
      }
    },
  };
}
