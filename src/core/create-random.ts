// A tiny seeded PRNG (mulberry32) and pickers: faker is far too slow for a million rows.
export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An unsigned 32-bit integer. */
  uint32(): number;
  /** An integer in [min, max], both included. */
  int(min: number, max: number): number;
  chance(probability: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** Restart the sequence, e.g. once per row so that a row depends only on (seed, index). */
  reseed(seed: number): void;
}

export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const uint32 = (): number => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
  const next = (): number => uint32() / 4294967296;
  return {
    next,
    uint32,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (probability) => next() < probability,
    pick<T>(items: readonly T[]): T {
      if (items.length === 0) throw new Error('pick from an empty list');
      return items[Math.floor(next() * items.length)] as T;
    },
    reseed: (s) => {
      state = s >>> 0;
    },
  };
}

/** Mixes two integers into a well-spread 32-bit seed (murmur3 finaliser). */
export function mixSeed(a: number, b: number): number {
  let h = (Math.imul(a | 0, 0x9e3779b1) ^ (b | 0)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

export interface WeightedTable<T> {
  values: readonly T[];
  cumulative: readonly number[];
}

/** Builds a table for `pickWeighted`; weights need not add up to 1. */
export function weighted<T>(entries: readonly (readonly [T, number])[]): WeightedTable<T> {
  const total = entries.reduce((sum, [, w]) => sum + w, 0);
  let running = 0;
  return {
    values: entries.map(([v]) => v),
    cumulative: entries.map(([, w]) => (running += w / total)),
  };
}

export function pickWeighted<T>(random: Random, table: WeightedTable<T>): T {
  const x = random.next();
  const { values, cumulative } = table;
  for (let i = 0; i < cumulative.length; i++) if (x < (cumulative[i] as number)) return values[i] as T;
  return values[values.length - 1] as T;
}

/** `length` lowercase hex characters. */
export function randomHex(random: Random, length: number): string {
  let out = '';
  while (out.length < length) out += random.uint32().toString(16).padStart(8, '0');
  return out.slice(0, length);
}
