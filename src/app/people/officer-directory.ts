// Resolves the 责任人 column (a roster name, mobile, email or open_id) to a person id.
// A mobile or email not yet on the roster adds that person (resolved to an open_id once Lark is
// reachable); a name must match exactly one person. In a dry run nobody is added.
import type { Db } from '../../db/create-prisma.ts';
import { maskPhone } from '../../core/privacy/mask.ts';

export type OfficerRef = { kind: 'open_id' | 'mobile' | 'email' | 'name'; value: string };
export type OfficerResolution = { ok: true; personId: number; created: boolean } | { ok: false; reason: string };

interface PersonKey {
  id: number;
  name: string;
  openId: string | null;
  mobile: string | null;
  email: string | null;
}

export class OfficerDirectory {
  private byOpenId = new Map<string, number>();
  private byMobile = new Map<string, number>();
  private byEmail = new Map<string, number>();
  private byName = new Map<string, number[]>();
  private loaded = false;
  private provisional = -1;
  created = 0;

  constructor(
    private readonly db: Db,
    private readonly dryRun: boolean,
    private readonly now: Date,
  ) {}

  async resolve(ref: OfficerRef, regionId: number): Promise<OfficerResolution> {
    await this.load();
    switch (ref.kind) {
      case 'open_id': {
        const id = this.byOpenId.get(ref.value);
        return id !== undefined
          ? { ok: true, personId: id, created: false }
          : { ok: false, reason: `责任人 open_id「${ref.value}」不在名册中：请先导入名册（huhuqing roster import），或改填手机号/邮箱` };
      }
      case 'mobile':
      case 'email': {
        const map = ref.kind === 'mobile' ? this.byMobile : this.byEmail;
        const id = map.get(ref.value);
        if (id !== undefined) return { ok: true, personId: id, created: false };
        return { ok: true, personId: await this.add(ref, regionId), created: true };
      }
      case 'name': {
        const ids = this.byName.get(ref.value) ?? [];
        if (ids.length === 1 && ids[0] !== undefined) return { ok: true, personId: ids[0], created: false };
        if (ids.length === 0)
          return { ok: false, reason: `责任人「${ref.value}」不在名册中：请先导入名册，或改填其手机号、邮箱或 open_id` };
        return { ok: false, reason: `责任人「${ref.value}」在名册中有 ${ids.length} 人同名：请改填手机号、邮箱或 open_id 以区分` };
      }
    }
  }

  private async add(ref: OfficerRef, regionId: number): Promise<number> {
    const name = ref.kind === 'mobile' ? `待确认（${maskPhone(ref.value)}）` : `待确认（${ref.value.split('@')[0] ?? ref.value}）`;
    let id: number;
    if (this.dryRun) {
      id = this.provisional--;
    } else {
      const p = await this.db.person.create({
        data: {
          name,
          role: 'officer',
          mobile: ref.kind === 'mobile' ? ref.value : null,
          email: ref.kind === 'email' ? ref.value : null,
          regionId: regionId > 0 ? regionId : null,
          createdAt: this.now,
          updatedAt: this.now,
        },
      });
      id = p.id;
    }
    (ref.kind === 'mobile' ? this.byMobile : this.byEmail).set(ref.value, id);
    this.created++;
    return id;
  }

  private async load(): Promise<void> {
    if (this.loaded) return;
    const people: PersonKey[] = await this.db.person.findMany({
      where: { active: true },
      select: { id: true, name: true, openId: true, mobile: true, email: true },
    });
    for (const p of people) {
      if (p.openId) this.byOpenId.set(p.openId, p.id);
      if (p.mobile) this.byMobile.set(p.mobile, p.id);
      if (p.email) this.byEmail.set(p.email.toLowerCase(), p.id);
      const list = this.byName.get(p.name) ?? [];
      list.push(p.id);
      this.byName.set(p.name, list);
    }
    this.loaded = true;
  }
}
