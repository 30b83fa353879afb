import { describe, expect, it } from 'vitest';
import { parseTier } from '../../../src/core/households/parse-tier.ts';

describe('parseTier', () => {
  it('accepts the three canonical tiers', () => {
    for (const tier of ['深度困难', '相对困难', '意外致困']) expect(parseTier(tier)).toEqual({ ok: true, value: tier });
  });

  it('reads the short forms 深度, 相对 and 意外', () => {
    expect(parseTier('深度')).toEqual({ ok: true, value: '深度困难' });
    expect(parseTier(' 相对 ')).toEqual({ ok: true, value: '相对困难' });
    expect(parseTier('意外')).toEqual({ ok: true, value: '意外致困' });
  });

  it('reads an empty cell as no tier', () => {
    expect(parseTier('')).toEqual({ ok: true, value: null });
    expect(parseTier(null)).toEqual({ ok: true, value: null });
  });

  it('refuses an unknown tier, naming it and listing the tiers', () => {
    expect(parseTier('一般困难')).toEqual({
      ok: false,
      reason: '「一般困难」不是可识别的困难类型：请改为 深度困难、相对困难、意外致困 之一，或留空',
    });
  });
});
