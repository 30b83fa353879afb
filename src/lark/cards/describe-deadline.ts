// How urgent a deadline is at `now` and what the card says about it: "剩 3 个工作日" with the
// working-day calendar (daysLeft), calendar days without it, "已逾期 2 天" once past.
import type { WorkCalendar } from '../../core/time/work-calendar.ts';
import { daysLeft } from '../../core/time/deadline-math.ts';
import { anchorDayOf, daysFromTo, localDateOf } from '../../core/time/local-day.ts';
import type { HeaderTemplate } from './card-json.ts';
import { formatDeadline } from './format-card-time.ts';

/** overdue: past the deadline; due_soon: at most one (working) day left; none: no deadline. */
export type Urgency = 'overdue' | 'due_soon' | 'normal' | 'none';

export interface DeadlineView {
  urgency: Urgency;
  /** "剩 3 个工作日", "今天到期", "剩 2 天", "已逾期 2 天"; "" without a deadline. */
  label: string;
  /** "11月20日（周四）"; "" without a deadline. */
  due: string;
  /** Calendar days past the deadline (0 when not overdue). */
  overdueDays: number;
}

export interface TimeOptions {
  now: Date;
  tz: string;
  calendar?: WorkCalendar;
}

export function describeDeadline(deadlineAt: Date | null, { now, tz, calendar }: TimeOptions): DeadlineView {
  if (deadlineAt === null) return { urgency: 'none', label: '', due: '', overdueDays: 0 };
  const due = formatDeadline(deadlineAt, tz, now);
  if (calendar) {
    try {
      const left = daysLeft(now, deadlineAt, calendar, tz);
      if (left.overdue) return { urgency: 'overdue', label: left.label, due, overdueDays: left.days };
      return { urgency: left.workdays <= 1 ? 'due_soon' : 'normal', label: left.label, due, overdueDays: 0 };
    } catch {
      // A year the calendar does not cover: a card still renders, with calendar days.
    }
  }
  const today = localDateOf(now, tz);
  const lastDay = anchorDayOf(deadlineAt, tz);
  if (now.getTime() >= deadlineAt.getTime()) {
    const days = Math.max(1, daysFromTo(lastDay, today));
    return { urgency: 'overdue', label: `已逾期 ${days} 天`, due, overdueDays: days };
  }
  const days = daysFromTo(today, lastDay);
  return { urgency: days <= 1 ? 'due_soon' : 'normal', label: days === 0 ? '今天到期' : `剩 ${days} 天`, due, overdueDays: 0 };
}

const templates: Record<Urgency, HeaderTemplate> = { overdue: 'red', due_soon: 'orange', normal: 'blue', none: 'blue' };

export function templateOf(urgency: Urgency): HeaderTemplate {
  return templates[urgency];
}

const rank: Record<Urgency, number> = { overdue: 3, due_soon: 2, normal: 1, none: 0 };

/** The most urgent of several (a digest's header colour). */
export function worstUrgency(urgencies: Iterable<Urgency>): Urgency {
  let worst: Urgency = 'none';
  for (const u of urgencies) if (rank[u] > rank[worst]) worst = u;
  return worst;
}

/** The label coloured for markdown: red when overdue, orange when due soon. */
export function colouredLabel(d: DeadlineView): string {
  if (d.urgency === 'overdue') return `<font color='red'>${d.label}</font>`;
  if (d.urgency === 'due_soon') return `<font color='orange'>${d.label}</font>`;
  return d.label;
}
