// One audited operation: every household of one officer goes to another (leaving, moving post).
import { AppError } from '../../core/app-error.ts';
import type { Db } from '../../db/create-prisma.ts';

export async function reassignOfficer(
  db: Db,
  /** `source`: where the operation came from (audit_events.source); default 'admin' (CLI, API). */
  input: { fromPersonId: number; toPersonId: number; reason: string; actor: string; source?: string; now: Date },
): Promise<{ households: number; /** The operation's own audit event (households.reassigned). */ auditId: number }> {
  const source = input.source ?? 'admin';
  const to = await db.person.findUnique({ where: { id: input.toPersonId } });
  if (!to || !to.active) throw new AppError('invalid_argument', '接手的责任人不在名册中（或已停用）：请先在名册中添加');
  const households = await db.household.findMany({ where: { officerId: input.fromPersonId }, select: { id: true } });
  const [, , summary] = await db.$transaction([
    db.household.updateMany({ where: { officerId: input.fromPersonId }, data: { officerId: input.toPersonId, updatedAt: input.now } }),
    db.auditEvent.createMany({
      data: households.map((h) => ({
        at: input.now,
        actor: input.actor,
        source,
        action: 'household.reassigned',
        householdId: h.id,
        before: { officerId: input.fromPersonId },
        after: { officerId: input.toPersonId, reason: input.reason },
      })),
    }),
    db.auditEvent.create({
      data: {
        at: input.now,
        actor: input.actor,
        source,
        action: 'households.reassigned',
        after: { fromPersonId: input.fromPersonId, toPersonId: input.toPersonId, households: households.length, reason: input.reason },
      },
    }),
  ]);
  return { households: households.length, auditId: summary.id };
}
