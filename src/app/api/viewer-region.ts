// The name of the region a viewer is scoped to, for refusals ("您只能查看麒麟区及其下级地区").
import type { Viewer } from '../../core/access/viewer.ts';
import type { Db } from '../../db/create-prisma.ts';

export async function viewerRegionName(db: Db, viewer: Viewer): Promise<string> {
  if (viewer.role === 'admin') return '全部地区';
  if (viewer.regionPath === '') return '（未限定地区）';
  const region = await db.region.findFirst({ where: { path: viewer.regionPath }, select: { name: true } });
  return region?.name ?? '（未知地区）';
}
