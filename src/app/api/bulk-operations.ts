// Use-cases: the audited bulk operations (extend deadlines, reassign an officer) on behalf of a
// viewer. An admin may do both anywhere; a supervisor only inside their region: extend a region
// they cover, reassign between two people they cover whose households all lie in their region.
// Used by the API (source 'admin') and the console's Operations page (source 'console').
import { canSeeRegion, type Viewer } from '../../core/access/viewer.ts';
import { AppError } from '../../core/app-error.ts';
import { householdScope } from '../access/household-scope.ts';
import type { EngineDeps } from '../cases/engine-deps.ts';
import { extendDeadlines } from '../cases/extend-deadlines.ts';
import { reassignOfficer } from '../cases/reassign-officer.ts';
import { findPerson } from '../people/find-person.ts';
import { findRegion } from '../regions/find-region.ts';
import { viewerRegionName } from './viewer-region.ts';

export interface ExtendRequest {
  region: string;
  workdays: number;
  state?: string | undefined;
  reason: string;
}

/** `source`: audit_events.source of the events written ('admin' for the API, 'console' for the console). */
export async function extendForViewer(
  deps: EngineDeps,
  viewer: Viewer,
  request: ExtendRequest,
  actor: string,
  now: Date,
  source = 'admin',
) {
  requireSupervisorOrAdmin(viewer, '延长期限');
  const region = await findRegion(deps.db, request.region);
  if (!canSeeRegion(viewer, region.path)) {
    throw new AppError(
      'forbidden',
      `「${region.name}」不在您负责的地区内：您只能延长${await viewerRegionName(deps.db, viewer)}及其下级地区的期限`,
    );
  }
  const state = request.state?.trim() || undefined;
  const r = await extendDeadlines(deps, {
    regionId: region.id,
    state,
    workdays: request.workdays,
    reason: request.reason.trim(),
    actor,
    source,
    now,
  });
  return {
    extended: r.extended,
    region: { code: region.code, name: region.name },
    workdays: request.workdays,
    state: state ?? null,
    auditId: r.auditId,
  };
}

export interface ReassignRequest {
  from: string;
  to: string;
  reason: string;
}

type RosterPerson = Awaited<ReturnType<typeof findPerson>>;

export async function reassignForViewer(
  deps: EngineDeps,
  viewer: Viewer,
  request: ReassignRequest,
  actor: string,
  now: Date,
  source = 'admin',
) {
  requireSupervisorOrAdmin(viewer, '改派责任人');
  const from = await findPerson(deps.db, request.from);
  const to = await findPerson(deps.db, request.to);
  return reassignPeopleForViewer(deps, viewer, { from, to, reason: request.reason }, actor, now, source);
}

/** The same, with the two people already looked up (the console picks them by id). */
export async function reassignPeopleForViewer(
  deps: EngineDeps,
  viewer: Viewer,
  request: { from: RosterPerson; to: RosterPerson; reason: string },
  actor: string,
  now: Date,
  source = 'admin',
) {
  requireSupervisorOrAdmin(viewer, '改派责任人');
  const { from, to } = request;
  if (from.id === to.id) throw new AppError('invalid_argument', `原责任人与新责任人是同一人（${from.name}）：请填写另一位责任人`);
  if (viewer.role === 'supervisor') {
    const scope = await viewerRegionName(deps.db, viewer);
    for (const p of [from, to]) {
      if (!p.region || !canSeeRegion(viewer, p.region.path)) {
        throw new AppError('forbidden', `「${p.name}」不在您负责的地区内：您只能在${scope}及其下级地区的人员之间改派`);
      }
    }
    const outside = await deps.db.household.count({ where: { officerId: from.id, NOT: householdScope(viewer) } });
    if (outside > 0) {
      throw new AppError('forbidden', `${from.name} 还负责 ${outside} 户${scope}以外的家庭：这次改派须由上级督查员或管理员操作`);
    }
  }
  const r = await reassignOfficer(deps.db, {
    fromPersonId: from.id,
    toPersonId: to.id,
    reason: request.reason.trim(),
    actor,
    source,
    now,
  });
  return { households: r.households, from: { id: from.id, name: from.name }, to: { id: to.id, name: to.name }, auditId: r.auditId };
}

function requireSupervisorOrAdmin(viewer: Viewer, what: string): void {
  if (viewer.role === 'officer') throw new AppError('forbidden', `${what}只能由督查员或管理员操作`);
  if (viewer.role === 'supervisor' && viewer.regionPath === '') {
    throw new AppError(
      'forbidden',
      viewer.via === 'session'
        ? `您在名册中没有负责的地区，不能${what}：请联系管理员在名册中填写您的地区`
        : `此令牌没有限定地区，不能${what}：请管理员用 huhuqing token create --role supervisor --region <地区> 重新创建`,
    );
  }
}
