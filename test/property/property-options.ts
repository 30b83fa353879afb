// Run settings shared by the property files: fast-check prints the seed and the shrunk counterexample
// on failure; FC_SEED=<n> replays a run, FC_RUNS=<factor> scales every numRuns (e.g. 10 for a soak).
import fc from 'fast-check';

const factor = Number(process.env.FC_RUNS ?? '1');
const seed = process.env.FC_SEED === undefined ? undefined : Number(process.env.FC_SEED);

export function runs<T>(numRuns: number): fc.Parameters<T> {
  return {
    numRuns: Math.max(1, Math.round(numRuns * (Number.isFinite(factor) && factor > 0 ? factor : 1))),
    ...(seed !== undefined && Number.isFinite(seed) ? { seed } : {}),
  };
}

/** `arbitrary` in about `percent`% of the values, else null (clearer than fc.option's 1/freq for null). */
export function sometimes<T>(arbitrary: fc.Arbitrary<T>, percent: number): fc.Arbitrary<T | null> {
  return fc.oneof({ weight: 100 - percent, arbitrary: fc.constant(null) }, { weight: percent, arbitrary });
}
