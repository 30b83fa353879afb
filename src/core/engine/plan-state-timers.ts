// What entering a state schedules, as timer rows: the deadline itself, the reminders before it and
// the escalation rungs (with their bounded repeats) after it. Keys make every firing unique:
// c<case>:e<entry>:<kind>:<n>, so re-planning the same entry can never schedule a timer twice.
import type { StateMeta } from '../flows/flow-types.ts';
import { addDurationAfter, subtractDuration } from '../time/deadline-math.ts';
import type { WorkCalendar } from '../time/work-calendar.ts';
import { nextSendTime, type QuietHours } from './quiet-hours.ts';

export interface PlannedTimer {
  key: string;
  kind: 'deadline' | 'remind' | 'escalate';
  dueAt: Date;
  payload: { state: string; entrySeq: number; rung?: number; repeat?: number; target?: string; urgent?: boolean; reminder?: number };
}

export interface PlanInputs {
  caseId: number;
  entrySeq: number;
  state: string;
  meta: StateMeta | undefined;
  deadline: Date | null;
  now: Date;
  cal: WorkCalendar;
  tz: string;
  quiet?: QuietHours;
}

export function planStateTimers(p: PlanInputs): PlannedTimer[] {
  if (!p.deadline || !p.meta) return [];
  const base = `c${p.caseId}:e${p.entrySeq}`;
  const payload = { state: p.state, entrySeq: p.entrySeq };
  const timers: PlannedTimer[] = [{ key: `${base}:deadline`, kind: 'deadline', dueAt: p.deadline, payload }];

  p.meta.remind?.forEach((r, i) => {
    const key = `${base}:remind:${i}`;
    const at = subtractDuration(p.deadline as Date, r.before, p.cal, p.tz);
    // A reminder whose moment has passed on entry is not sent late; one at night goes out the next morning.
    if (at > p.now) timers.push({ key, kind: 'remind', dueAt: nextSendTime(at, p.tz, key, p.quiet), payload: { ...payload, reminder: i } });
  });

  p.meta.escalate?.forEach((rung, i) => {
    const at = addDurationAfter(p.deadline as Date, rung.after, p.cal, p.tz);
    const common = { ...payload, rung: i, target: rung.to, urgent: rung.urgent === true };
    const key = `${base}:escalate:${i}`;
    timers.push({ key, kind: 'escalate', dueAt: nextSendTime(at, p.tz, key, p.quiet), payload: { ...common, repeat: 0 } });
    let previous = at;
    for (let n = 1; n <= (rung.repeat?.times ?? 0); n++) {
      previous = addDurationAfter(previous, rung.repeat!.every, p.cal, p.tz);
      const rkey = `${key}:r${n}`;
      timers.push({ key: rkey, kind: 'escalate', dueAt: nextSendTime(previous, p.tz, rkey, p.quiet), payload: { ...common, repeat: n } });
    }
  });
  return timers;
}
