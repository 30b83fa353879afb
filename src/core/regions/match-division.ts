// Matches the province / city / county names officers type against the national division list
// (GB/T 2260): exact names first, then a unique prefix ("曲靖" → 曲靖市), with suggestions on failure.
export interface Division {
  code: string;
  name: string;
  children: Division[];
}

export interface RegionLevelMatch {
  code: string;
  name: string;
}

export type DivisionMatch =
  { ok: true; province: RegionLevelMatch; city: RegionLevelMatch; county: RegionLevelMatch } | { ok: false; reason: string };

const municipalCityAliases = ['市辖区', '县', '市区'];

export function matchDivision(tree: readonly Division[], province: string, city: string, county: string): DivisionMatch {
  const m = matchScope(tree, province, city, county);
  if (!m.ok) return m;
  if (!m.city || !m.county) return { ok: false, reason: '县区为空：请填写' };
  return { ok: true, province: m.province, city: m.city, county: m.county };
}

export type ScopeMatch =
  { ok: true; province: RegionLevelMatch; city?: RegionLevelMatch; county?: RegionLevelMatch } | { ok: false; reason: string };

/** Like matchDivision, but city and county may be empty: a province- or city-wide scope. */
export function matchScope(tree: readonly Division[], province: string, city: string, county: string): ScopeMatch {
  if (province === '') return { ok: false, reason: '省为空：请填写' };
  if (city === '' && county !== '') return { ok: false, reason: `填写了县区「${county}」但市为空：请填写市` };
  const p = pick(tree, province);
  if (p.kind !== 'one') return { ok: false, reason: explain('省', province, p, tree) };
  const prov = p.item;
  const provinceMatch = { code: prov.code, name: prov.name };
  if (city === '') return { ok: true, province: provinceMatch };

  // Municipalities (北京市, 上海市, 天津市, 重庆市) have no city level: their districts hang off the province.
  const isMunicipality = prov.children.length > 0 && prov.children.every((c) => c.children.length === 0 && !c.code.endsWith('00'));
  let cityMatch: RegionLevelMatch;
  let counties: readonly Division[];
  if (isMunicipality) {
    const short = shortName(prov.name);
    if (city !== prov.name && city !== short && !municipalCityAliases.includes(city)) {
      return { ok: false, reason: `市「${city}」不属于${prov.name}：直辖市的“市”一栏请填写「${prov.name}」` };
    }
    cityMatch = { code: `${prov.code.slice(0, 2)}0100`, name: prov.name };
    counties = prov.children;
  } else {
    const c = pick(prov.children, city);
    if (c.kind !== 'one') return { ok: false, reason: explain('市', city, c, prov.children, prov.name) };
    cityMatch = { code: c.item.code, name: c.item.name };
    counties = c.item.children;
    if (county !== '' && counties.length === 0) {
      // A prefecture-level city without counties (东莞市, 儋州市): the county column repeats the city.
      if (county === c.item.name || county === shortName(c.item.name)) {
        return { ok: true, province: provinceMatch, city: cityMatch, county: { code: `${c.item.code}-0`, name: c.item.name } };
      }
      return { ok: false, reason: `${c.item.name}不设县区：“县区”一栏请填写「${c.item.name}」` };
    }
  }
  if (county === '') return { ok: true, province: provinceMatch, city: cityMatch };
  const k = pick(
    counties.filter((x) => x.name !== '市辖区'),
    county,
  );
  if (k.kind !== 'one') return { ok: false, reason: explain('县区', county, k, counties, cityMatch.name) };
  return { ok: true, province: provinceMatch, city: cityMatch, county: { code: k.item.code, name: k.item.name } };
}

type Pick = { kind: 'one'; item: Division } | { kind: 'none' } | { kind: 'many'; items: Division[] };

function pick(list: readonly Division[], name: string): Pick {
  const exact = list.find((d) => d.name === name);
  if (exact) return { kind: 'one', item: exact };
  if (name.length < 2) return { kind: 'none' };
  const prefixed = list.filter((d) => d.name.startsWith(name) || shortName(d.name) === name);
  if (prefixed.length === 1 && prefixed[0]) return { kind: 'one', item: prefixed[0] };
  return prefixed.length === 0 ? { kind: 'none' } : { kind: 'many', items: prefixed };
}

function explain(label: string, value: string, p: Pick, options: readonly Division[], parent?: string): string {
  if (p.kind === 'many') return `${label}「${value}」不明确，可能是：${p.items.map((d) => d.name).join('、')}：请写全称`;
  const where = parent ? `${parent}下` : '全国';
  const names = options.map((d) => d.name).filter((n) => n !== '市辖区');
  const shown = names.slice(0, 12).join('、') + (names.length > 12 ? ` 等 ${names.length} 个` : '');
  return value === '' ? `${label}为空：请填写` : `${label}「${value}」不在${where}的行政区划中：请核对名称，可选 ${shown}`;
}

function shortName(name: string): string {
  return name.replace(/(特别行政区|维吾尔自治区|壮族自治区|回族自治区|自治区|自治州|自治县|省|市|区|县|盟|旗)$/u, '');
}
