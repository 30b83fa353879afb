// Use-case: one household as a viewer may see it — its cases and its whole timeline (every audit
// event). A household outside the viewer's scope is answered exactly like one that does not exist,
// so a county's archive numbers cannot be probed from another county. The full personal data is
// given only to a viewer who may see it, and each full view is itself an audit event.
import type { Viewer } from '../../core/access/viewer.ts';
import { openHouseholdForViewer } from '../access/open-household-for-viewer.ts';
import type { EngineDeps } from '../cases/engine-deps.ts';
import { caseTimeline } from '../cases/case-timeline.ts';
import { stateTitleOf } from './state-title.ts';

export { personalDataViewedAction as personalDataViewed, personalFields } from '../access/open-household-for-viewer.ts';

export async function viewHousehold(
  deps: EngineDeps,
  viewer: Viewer,
  input: { archiveNo: string; full: boolean; actor: string; source: string; now: Date },
) {
  const archiveNo = input.archiveNo.trim().toUpperCase();
  await openHouseholdForViewer(deps.db, viewer, {
    archiveNo,
    full: input.full,
    actor: input.actor,
    source: input.source,
    now: input.now,
    messages: {
      notFound: `没有档案编号为 ${archiveNo} 的家庭，或它不在您的查看范围内：请核对编号`,
      noFullView: '您可以查看这户的脱敏信息，但无权查看完整个人信息：去掉 full=1 即可',
    },
  });
  const timeline = await caseTimeline(deps.db, archiveNo);
  const cases = [];
  for (const c of timeline.cases) cases.push({ ...c, stateTitle: await stateTitleOf(deps, c) });
  const personIds = [...new Set(timeline.events.flatMap((e) => (/^person:\d+$/.test(e.actor) ? [Number(e.actor.slice(7))] : [])))];
  const people = await deps.db.person.findMany({ where: { id: { in: personIds } }, select: { id: true, name: true } });
  const actorNames = new Map(people.map((p) => [`person:${p.id}`, p.name]));
  return {
    household: timeline.household,
    full: input.full,
    cases,
    events: timeline.events.map((e) => ({ ...e, actorName: actorNames.get(e.actor) ?? null })),
  };
}

export type HouseholdView = Awaited<ReturnType<typeof viewHousehold>>;
