// Escalation rungs due in this tick. Each rung becomes an Escalation row that waits for an
// acknowledgement (督办); lower rungs of the same case are superseded. Cases going to the same
// recipients are gathered into one card per recipient; urgent rungs are also buzzed.
import type { EscalationTarget } from '../../core/flows/registry.ts';
import type { ClaimedTimer } from '../../db/claim-due-timers.ts';
import type { EngineDeps } from '../cases/engine-deps.ts';
import { enqueueMessage, type Recipient } from './enqueue-message.ts';
import { fireGrouped } from './fire-grouped.ts';
import { keepCurrentTimers } from './keep-current-timers.ts';
import type { TimerCase } from './load-timer-cases.ts';
import { resolveRung } from './resolve-rung.ts';
import { perCard } from './fire-reminders.ts';

interface Pending {
  t: ClaimedTimer;
  c: TimerCase;
  rung: number;
  target: EscalationTarget;
  urgent: boolean;
  repeat: number;
}

export async function fireEscalations(deps: EngineDeps, timers: ClaimedTimer[], cases: Map<number, TimerCase>, token: string, now: Date) {
  const groups = new Map<string, { to: Recipient[]; items: Pending[] }>();
  for (const t of timers) {
    const c = cases.get(t.caseId ?? -1)!;
    const p = t.payload as { rung: number; target: EscalationTarget; urgent: boolean; repeat: number };
    const to = await resolveRung(deps.db, p.target, { regionPath: c.household.region.path, officer: c.household.officer });
    const key =
      to.length === 0
        ? `none:${t.id}`
        : to
            .map((r) => r.larkId ?? `p${r.personId}`)
            .sort()
            .join(',');
    const g = groups.get(key) ?? { to, items: [] };
    g.items.push({ t, c, rung: p.rung, target: p.target, urgent: p.urgent, repeat: p.repeat });
    groups.set(key, g);
  }
  let fired = 0;
  let messages = 0;
  for (const [key, g] of groups) {
    let current = 0;
    const ok = await fireGrouped(
      deps,
      g.items.map((i) => i.t.id),
      token,
      now,
      async (tx) => {
        // A case moved on since the tick loaded it is left out: its rungs are obsolete now.
        const kept = await keepCurrentTimers(
          tx,
          g.items.map((i) => i.t),
        );
        const live = g.items.filter((i) => kept.has(i.t.id));
        current = live.length;
        for (const i of live) {
          await tx.escalation.updateMany({
            where: { caseId: i.c.id, entrySeq: i.c.entrySeq, rung: { lt: i.rung }, status: 'open' },
            data: { status: 'superseded' },
          });
          const first = g.to[0];
          await tx.escalation.upsert({
            where: { caseId_entrySeq_rung: { caseId: i.c.id, entrySeq: i.c.entrySeq, rung: i.rung } },
            create: {
              caseId: i.c.id,
              entrySeq: i.c.entrySeq,
              rung: i.rung,
              target: i.target,
              chatId: first?.kind === 'chat' ? first.larkId : null,
              personId: first?.personId ?? null,
              urgent: i.urgent,
              sentAt: now,
            },
            update: { sentAt: now },
          });
          await tx.auditEvent.create({
            data: {
              at: now,
              actor: 'scheduler',
              source: 'scheduler',
              action: g.to.length === 0 ? 'escalation.unroutable' : 'escalation.sent',
              caseId: i.c.id,
              householdId: i.c.householdId,
              fromState: i.c.state,
              after: {
                rung: i.rung,
                target: i.target,
                repeat: i.repeat,
                urgent: i.urgent,
                to: g.to.map((r) => r.larkId ?? `person:${r.personId}`),
              },
            },
          });
        }
        if (live.length === 0) return;
        const items = live.map((i) => ({
          caseId: i.c.id,
          archiveNo: i.c.household.archiveNo,
          state: i.c.state,
          deadlineAt: i.c.deadlineAt?.toISOString() ?? null,
          officerId: i.c.household.officerId,
          rung: i.rung,
          target: i.target,
        }));
        const urgent = live.some((i) => i.urgent);
        for (const to of g.to) {
          for (let page = 0; page * perCard < items.length; page++) {
            const msgKey = `escalation:${to.larkId ?? `p${to.personId}`}:${token}:${page}`;
            await enqueueMessage(
              tx,
              msgKey,
              to,
              { type: 'escalation', items: items.slice(page * perCard, (page + 1) * perCard), urgent },
              now,
            );
            if (urgent) await enqueueMessage(tx, `urgent:${msgKey}`, to, { type: 'urgent', of: msgKey }, now, 'urgent');
          }
        }
      },
    );
    if (ok && current > 0) {
      fired += current;
      messages += g.to.length;
    }
    void key;
  }
  return { fired, messages };
}
