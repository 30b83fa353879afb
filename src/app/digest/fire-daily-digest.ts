// A day's digest timer fired: take the day's snapshot into daily_stats (households by region and
// state, for "change since yesterday" and trends) and queue one digest card per supervisor group
// and per inspection group (for its county), all in the transaction that marks the timer fired.
// The card itself is rendered when it is sent (load-daily-digest.ts), like every card.
import { addDays, localDateOf } from '../../core/time/local-day.ts';
import type { ClaimedTimer } from '../../db/claim-due-timers.ts';
import { queryDailyCounts } from '../../db/query-daily-counts.ts';
import type { DailyDigestSettings, EngineDeps } from '../cases/engine-deps.ts';
import { enqueueMessage } from '../timers/enqueue-message.ts';
import { fireGrouped } from '../timers/fire-grouped.ts';
import { digestDueAt, scheduleDigest } from './schedule-daily-digest.ts';

/** The outbox payload of one chat's digest. */
export interface DailyDigestPayload {
  type: 'daily_digest';
  day: string;
  /** The chat's region (the digest covers it and everything below); null: every region. */
  regionId: number | null;
  /** When the snapshot was taken (ISO). */
  takenAt: string;
}

/** Chats that get the digest: supervisor groups for their region, inspection groups for their county. */
export const digestPurposes = ['supervisor_group', 'inspection_group'];

export async function fireDailyDigests(deps: EngineDeps, timers: ClaimedTimer[], token: string, now: Date) {
  let fired = 0;
  let skipped = 0;
  let messages = 0;
  for (const t of timers) {
    const r = await fireDailyDigest(deps, t, token, now);
    if (r.done && r.superseded) skipped++;
    else if (r.done) fired++;
    messages += r.messages;
  }
  return { fired, skipped, messages };
}

async function fireDailyDigest(deps: EngineDeps, t: ClaimedTimer, token: string, now: Date) {
  const settings = deps.dailyDigest as DailyDigestSettings; // run-due-timers cancels digests when off
  const day = typeof t.payload?.day === 'string' ? t.payload.day : t.key.replace(/^digest:/, '');
  const today = localDateOf(now, deps.tz);
  // A day whose successor is already due (the server was down for days) is not sent late: the
  // freshest day goes out instead, once.
  const superseded = day < today && now.getTime() >= digestDueAt(addDays(day, 1), settings, deps).getTime();
  const next = addDays(day, 1) > today ? addDays(day, 1) : today;

  if (superseded) {
    const ok = await fireGrouped(deps, [t.id], token, now, async (tx) => {
      await scheduleDigest(tx, next, settings, deps, now);
      await tx.auditEvent.create({
        data: {
          at: now,
          actor: 'scheduler',
          source: 'scheduler',
          action: 'digest.skipped',
          after: { day, reason: '已过期：改发最新一天的简报' },
        },
      });
    });
    return { done: ok, superseded, messages: 0 };
  }

  const counts = await queryDailyCounts(deps.db, today, now);
  const chats = await deps.db.chat.findMany({ where: { purpose: { in: digestPurposes } }, orderBy: { id: 'asc' } });
  // An inspection group without a county would see every region: it gets nothing until it is bound.
  const targets = chats.filter((c) => c.purpose === 'supervisor_group' || c.regionId !== null);
  const ok = await fireGrouped(deps, [t.id], token, now, async (tx) => {
    await tx.dailyStat.deleteMany({ where: { day } });
    for (let i = 0; i < counts.length; i += 500) {
      await tx.dailyStat.createMany({ data: counts.slice(i, i + 500).map((c) => ({ day, ...c })) });
    }
    for (const chat of targets) {
      const payload: DailyDigestPayload = { type: 'daily_digest', day, regionId: chat.regionId, takenAt: now.toISOString() };
      await enqueueMessage(tx, `daily_digest:${day}:${chat.chatId}`, { kind: 'chat', larkId: chat.chatId }, payload, now);
    }
    await scheduleDigest(tx, next, settings, deps, now);
    await tx.auditEvent.create({
      data: {
        at: now,
        actor: 'scheduler',
        source: 'scheduler',
        action: 'digest.sent',
        after: { day, chats: targets.map((c) => c.chatId), skipped: chats.length - targets.length },
      },
    });
  });
  return { done: ok, superseded, messages: ok ? targets.length : 0 };
}
