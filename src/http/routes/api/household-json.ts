// Households as the API shows them: personal data masked (杨*华, ID number's last 4, 138****5678,
// no health-related causes) unless the caller asked for and may see the full record.
import type { ListedHouseholdWithCase } from '../../../app/api/search-households.ts';
import type { HouseholdView } from '../../../app/api/view-household.ts';
import { maskIdNumber, maskName, maskPhone } from '../../../core/privacy/mask.ts';
import { revealsHealth } from '../../../lark/cards/mask-for-group.ts';

interface CaseRow {
  id: number;
  campaign: string;
  flowId: string;
  flowVersion: number;
  state: string;
  stateTitle: string;
  status: string;
  stateEnteredAt: Date;
  deadlineAt: Date | null;
}

interface HouseholdRow {
  archiveNo: string;
  archiveLevel: string;
  region: { code: string; name: string };
  headName: string;
  idNumber: string;
  phone: string | null;
  persons: number;
  causes: string;
  tier: string | null;
  officer: { id: number; name: string } | null;
  filedOn: string;
  closedOn: string | null;
}

export function caseJson(c: CaseRow, now: Date) {
  return {
    id: c.id,
    campaign: c.campaign,
    flowId: c.flowId,
    flowVersion: c.flowVersion,
    state: c.state,
    stateTitle: c.stateTitle,
    status: c.status === 'closed' ? ('closed' as const) : ('active' as const),
    stateEnteredAt: c.stateEnteredAt.toISOString(),
    deadlineAt: c.deadlineAt?.toISOString() ?? null,
    overdue: c.status === 'active' && c.deadlineAt !== null && c.deadlineAt.getTime() < now.getTime(),
  };
}

export function householdJson(h: HouseholdRow, latestCase: CaseRow | null, full: boolean, now: Date) {
  const causes = h.causes.split('、').filter((c) => c !== '');
  return {
    archiveNo: h.archiveNo,
    archiveLevel: h.archiveLevel,
    region: { code: h.region.code, name: h.region.name },
    headName: full ? h.headName : maskName(h.headName),
    idNumber: full ? h.idNumber : maskIdNumber(h.idNumber),
    phone: h.phone === null ? null : full ? h.phone : maskPhone(h.phone),
    persons: h.persons,
    causes: full ? causes : causes.filter((c) => !revealsHealth(c)),
    tier: h.tier,
    officer: h.officer ? { id: h.officer.id, name: h.officer.name } : null,
    filedOn: h.filedOn,
    closedOn: h.closedOn,
    case: latestCase === null ? null : caseJson(latestCase, now),
  };
}

export function listedHouseholdJson(h: ListedHouseholdWithCase, now: Date) {
  return householdJson(h, h.latestCase, false, now);
}

export function householdDetailJson(view: HouseholdView, now: Date) {
  const h = view.household;
  const latest = view.cases[view.cases.length - 1] ?? null;
  return {
    personalData: view.full ? ('full' as const) : ('masked' as const),
    household: {
      ...householdJson(h, latest, view.full, now),
      employer: view.full ? h.employer : null,
      deadline: h.deadline,
      closedReason: h.closedReason,
    },
    cases: view.cases.map((c) => ({ ...caseJson(c, now), createdAt: c.createdAt.toISOString(), previousCaseId: c.previousCaseId })),
    timeline: view.events.map((e) => ({
      id: e.id,
      at: e.at.toISOString(),
      actor: e.actor,
      actorName: e.actorName,
      source: e.source,
      action: e.action,
      caseId: e.caseId,
      fromState: e.fromState,
      toState: e.toState,
      before: view.full ? e.before : withoutHealthCauses(e.before),
      after: view.full ? e.after : withoutHealthCauses(e.after),
    })),
  };
}

/** Form values in the audit trail (a "causes" field anywhere) lose the causes that reveal health. */
function withoutHealthCauses(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutHealthCauses);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => {
      if (k !== 'causes') return [k, withoutHealthCauses(v)];
      if (Array.isArray(v)) return [k, v.filter((c) => typeof c !== 'string' || !revealsHealth(c))];
      if (typeof v === 'string')
        return [
          k,
          v
            .split('、')
            .filter((c) => !revealsHealth(c))
            .join('、'),
        ];
      return [k, v];
    }),
  );
}
