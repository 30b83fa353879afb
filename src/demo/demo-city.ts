// The demo geography: one province, one city (Qujing, the city of the 2020 report) and four counties.
export interface DemoRegion {
  name: string;
  /** GB/T 2260 administrative division code. */
  code: string;
}

export interface DemoCounty extends DemoRegion {
  /** Share of the demo households filed in this county (the shares add up to 1). */
  share: number;
}

export interface DemoCity {
  province: DemoRegion;
  city: DemoRegion & { /** Prefix of the demo archive numbers. */ archivePrefix: string; areaCode: string };
  counties: readonly DemoCounty[];
}

export const demoCity: DemoCity = {
  province: { name: '云南省', code: '530000' },
  city: { name: '曲靖市', code: '530300', archivePrefix: 'QJ', areaCode: '0874' },
  counties: [
    { name: '麒麟区', code: '530302', share: 0.38 },
    { name: '沾益区', code: '530303', share: 0.2 },
    { name: '马龙区', code: '530304', share: 0.14 },
    { name: '陆良县', code: '530322', share: 0.28 },
  ],
};
