// The gate in front of one household, for the console and the API alike: a household outside the
// viewer's scope is answered exactly like one that does not exist (so a county's archive numbers
// cannot be probed from another county), and a full view of its personal data is refused to those
// who may not see it and otherwise recorded as an audit event before anything is shown.
import { canSeeHousehold, mayViewPersonalData, type Viewer } from '../../core/access/viewer.ts';
import { AppError } from '../../core/app-error.ts';
import type { Db } from '../../db/create-prisma.ts';

export const personalDataViewedAction = 'household.personal_data_viewed';
/** The fields a full view reveals (the audit event names them, never their values). */
export const personalFields = ['headName', 'idNumber', 'phone', 'employer', 'causes'] as const;

export interface HouseholdGateInput {
  /** Normalised archive number. */
  archiveNo: string;
  full: boolean;
  actor: string;
  source: string;
  now: Date;
  /** The caller's wording for "not found / not yours" and for a refused full view. */
  messages: { notFound: string; noFullView: string };
}

export async function openHouseholdForViewer(
  db: Db,
  viewer: Viewer,
  input: HouseholdGateInput,
): Promise<{ householdId: number; mayViewFull: boolean }> {
  const facts = await db.household.findUnique({
    where: { archiveNo: input.archiveNo },
    select: { id: true, officerId: true, region: { select: { path: true } } },
  });
  const scope = facts ? { regionPath: facts.region.path, officerId: facts.officerId } : null;
  if (!facts || !scope || !canSeeHousehold(viewer, scope)) throw new AppError('not_found', input.messages.notFound);
  const mayViewFull = mayViewPersonalData(viewer, scope);
  if (input.full) {
    if (!mayViewFull) throw new AppError('forbidden', input.messages.noFullView);
    await db.auditEvent.create({
      data: {
        at: input.now,
        actor: input.actor,
        source: input.source,
        action: personalDataViewedAction,
        householdId: facts.id,
        after: { fields: [...personalFields], viewer: viewer.name, via: viewer.via },
      },
    });
  }
  return { householdId: facts.id, mayViewFull };
}
