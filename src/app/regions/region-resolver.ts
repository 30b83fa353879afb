// Turns (province, city, county) names into a region id (a county, or a city/province scope): regions already on file first,
// then the national division list, creating the missing province/city/county rows on the way.
// In a dry run nothing is created: new regions get provisional negative ids.
import type { Db } from '../../db/create-prisma.ts';
import { matchScope, type Division, type RegionLevelMatch } from '../../core/regions/match-division.ts';
import { inTransaction } from '../../db/in-transaction.ts';

export type RegionResolution = { ok: true; regionId: number; created: boolean } | { ok: false; reason: string };

interface RegionRow {
  id: number;
  code: string;
  name: string;
  level: string;
  parentId: number | null;
  path: string;
}

export class RegionResolver {
  private byCode = new Map<string, RegionRow>();
  private byIdMap = new Map<number, RegionRow>();
  private byNames = new Map<string, RegionResolution>();
  private loaded = false;
  private provisional = -1;
  created = 0;

  constructor(
    private readonly db: Db,
    private readonly divisions: readonly Division[],
    private readonly dryRun: boolean,
  ) {}

  async resolve(province: string, city: string, county: string): Promise<RegionResolution> {
    const key = `${province}\u0000${city}\u0000${county}`;
    const cached = this.byNames.get(key);
    if (cached) return cached.ok ? { ...cached, created: false } : cached;
    await this.load();
    const result = await this.resolveUncached(province, city, county);
    this.byNames.set(key, result);
    return result;
  }

  /** A household's region: all three levels are required. */
  async resolveCounty(province: string, city: string, county: string): Promise<RegionResolution> {
    if (county === '') return { ok: false, reason: '县区为空：请填写' };
    return this.resolve(province, city, county);
  }

  private async resolveUncached(province: string, city: string, county: string): Promise<RegionResolution> {
    const onFile = this.findByNames([province, city, county].filter((n) => n !== ''));
    if (onFile) return { ok: true, regionId: onFile.id, created: false };
    const match = matchScope(this.divisions, province, city, county);
    if (!match.ok) return match;
    let region = await this.ensure(match.province, 'province', null);
    if (match.city) region = await this.ensure(match.city, 'city', region);
    if (match.county) region = await this.ensure(match.county, 'county', region);
    return { ok: true, regionId: region.id, created: region.id < 0 };
  }

  /** A region already on file whose name chain (province, city, county) is exactly `names`. */
  private findByNames(names: string[]): RegionRow | undefined {
    const level = ['province', 'city', 'county'][names.length - 1];
    for (const r of this.byCode.values()) {
      if (r.level !== level || r.name !== names[names.length - 1]) continue;
      let node: RegionRow | undefined = r;
      let i = names.length - 1;
      while (node && i >= 0 && node.name === names[i]) {
        node = node.parentId === null ? undefined : this.byId(node.parentId);
        i--;
      }
      if (i < 0 && node === undefined) return r;
    }
    return undefined;
  }

  private byId(id: number): RegionRow | undefined {
    return this.byIdMap.get(id);
  }

  private remember(row: RegionRow): void {
    this.byCode.set(row.code, row);
    this.byIdMap.set(row.id, row);
  }

  private async ensure(m: RegionLevelMatch, level: string, parent: RegionRow | null): Promise<RegionRow> {
    const existing = this.byCode.get(m.code);
    if (existing) return existing;
    let row: RegionRow;
    if (this.dryRun || (parent !== null && parent.id < 0)) {
      const id = this.provisional--;
      row = { id, code: m.code, name: m.name, level, parentId: parent?.id ?? null, path: `${parent?.path ?? '/'}${id}/` };
    } else {
      row = await inTransaction(this.db, async (tx) => {
        const r = await tx.region.create({ data: { code: m.code, name: m.name, level, parentId: parent?.id ?? null, path: '' } });
        return tx.region.update({ where: { id: r.id }, data: { path: `${parent?.path ?? '/'}${r.id}/` } });
      });
    }
    this.created++;
    this.remember(row);
    return row;
  }

  private async load(): Promise<void> {
    if (this.loaded) return;
    const rows = await this.db.region.findMany({ select: { id: true, code: true, name: true, level: true, parentId: true, path: true } });
    for (const r of rows) this.remember(r);
    this.loaded = true;
  }
}
