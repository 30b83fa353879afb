// Reminders due in this tick, gathered into ONE digest message per recipient (the officer, or their
// delegate while on leave), never one message per household.
import type { ClaimedTimer } from '../../db/claim-due-timers.ts';
import type { EngineDeps } from '../cases/engine-deps.ts';
import { enqueueMessage, type Recipient } from './enqueue-message.ts';
import { fireGrouped } from './fire-grouped.ts';
import { keepCurrentTimers } from './keep-current-timers.ts';
import type { TimerCase } from './load-timer-cases.ts';
import { officerRecipients } from './resolve-rung.ts';

/** Households per digest card: within the card limits (200 elements, 30 KB) with room to spare. */
export const perCard = 25;

export async function fireReminders(deps: EngineDeps, timers: ClaimedTimer[], cases: Map<number, TimerCase>, token: string, now: Date) {
  const groups = new Map<string, { to: Recipient; timers: ClaimedTimer[] }>();
  const unroutable: ClaimedTimer[] = [];
  for (const t of timers) {
    const c = cases.get(t.caseId ?? -1);
    const [to] = c ? await officerRecipients(deps.db, c.household.officer) : [];
    if (!to) {
      unroutable.push(t);
      continue;
    }
    const key = `person:${to.personId}`;
    const g = groups.get(key) ?? { to, timers: [] };
    g.timers.push(t);
    groups.set(key, g);
  }
  let fired = 0;
  let messages = 0;
  for (const [key, g] of groups) {
    // A household whose two reminders fall due in the same tick is listed once.
    const caseIds = [...new Set(g.timers.map((t) => t.caseId ?? -1))];
    const items = caseIds.map((id) => {
      const c = cases.get(id)!;
      return {
        caseId: c.id,
        archiveNo: c.household.archiveNo,
        state: c.state,
        deadlineAt: c.deadlineAt?.toISOString() ?? null,
        forOfficerId: c.household.officerId,
      };
    });
    let current = 0;
    const ok = await fireGrouped(
      deps,
      g.timers.map((t) => t.id),
      token,
      now,
      async (tx) => {
        // A case moved on since the tick loaded it is left out: its reminders are obsolete now.
        const kept = await keepCurrentTimers(tx, g.timers);
        current = kept.size;
        const live = new Set(g.timers.filter((t) => kept.has(t.id)).map((t) => t.caseId));
        const liveItems = items.filter((i) => live.has(i.caseId));
        // One message per card page: a digest card holds at most `perCard` households.
        for (let page = 0; page * perCard < liveItems.length; page++) {
          const pageItems = liveItems.slice(page * perCard, (page + 1) * perCard);
          await enqueueMessage(
            tx,
            `digest:${key}:${token}:${page}`,
            g.to,
            { type: 'reminder_digest', personId: g.to.personId, items: pageItems },
            now,
          );
        }
        if (liveItems.length === 0) return;
        await tx.auditEvent.createMany({
          data: liveItems.map((i) => ({
            at: now,
            actor: 'scheduler',
            source: 'scheduler',
            action: 'reminder.sent',
            caseId: i.caseId,
            fromState: i.state,
            after: { to: key, asDelegateFor: i.forOfficerId === g.to.personId ? null : i.forOfficerId },
          })),
        });
      },
    );
    if (ok && current > 0) {
      fired += current;
      messages++;
    }
  }
  for (const t of unroutable) {
    const ok = await fireGrouped(deps, [t.id], token, now, async (tx) => {
      if ((await keepCurrentTimers(tx, [t])).size === 0) return;
      await tx.auditEvent.create({
        data: {
          at: now,
          actor: 'scheduler',
          source: 'scheduler',
          action: 'reminder.unroutable',
          caseId: t.caseId,
          after: { reason: '本户没有责任人：请在名册或档案中指定', timer: t.key },
        },
      });
    });
    if (ok) fired++;
  }
  return { fired, messages };
}
