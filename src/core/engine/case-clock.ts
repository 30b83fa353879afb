// The clock of a case across state changes. Entering a working state starts its own clock; entering a
// pauseClock state (公示, 延期审核) pauses the clock of the state it came from; coming back to that same
// state resumes it with the remaining budget (plus any extension granted meanwhile).
import type { Deadline, StateMeta } from '../flows/flow-types.ts';
import { addDurationAfter } from '../time/deadline-math.ts';
import { endOfLocalDay } from '../time/local-day.ts';
import { clockDeadline, pauseClock, resumeClock, startClock, startClockFor, type ClockLedger } from '../time/suspension-ledger.ts';
import type { WorkCalendar } from '../time/work-calendar.ts';

/** Persisted on the case: the clock of the last working state and the extensions it has absorbed. */
export interface CaseClock {
  state: string;
  ledger: ClockLedger;
  extensionsApplied: number;
}

export interface ClockInputs {
  state: string;
  meta: StateMeta | undefined;
  previous: CaseClock | null;
  enteredAt: Date;
  /** The household's own 脱困时限 (YYYY-MM-DD), for `{ household: true }` deadlines. */
  householdDeadline: string | null;
  /** Workdays granted by extensions so far (FlowContext.extensions). */
  extensions: readonly { workdays: number }[];
  cal: WorkCalendar;
  tz: string;
}

export interface ClockOutcome {
  clock: CaseClock | null;
  /** The deadline of the state just entered (its own, or the resumed one); null when none applies. */
  deadline: Date | null;
}

export function enterStateClock(i: ClockInputs): ClockOutcome {
  const paused = i.meta?.pauseClock === true;
  if (paused) {
    // Keep the working state's clock, paused; the pausing state may have its own wait deadline.
    const clock =
      i.previous && i.previous.ledger.runningSince !== null
        ? { ...i.previous, ledger: pauseClock(i.previous.ledger, i.enteredAt) }
        : i.previous;
    return { clock, deadline: ownDeadline(i.meta?.deadline, i) };
  }
  if (i.previous && i.previous.state === i.state && i.previous.ledger.runningSince === null) {
    let ledger = resumeClock(i.previous.ledger, i.enteredAt, i.cal, i.tz);
    const granted = i.extensions.slice(i.previous.extensionsApplied).reduce((n, e) => n + e.workdays, 0);
    const resumed = clockDeadline(ledger);
    if (granted > 0 && resumed) {
      const extended = addDurationAfter(resumed, { workdays: granted }, i.cal, i.tz);
      ledger = { ...ledger, deadline: extended.toISOString() };
    }
    return { clock: { state: i.state, ledger, extensionsApplied: i.extensions.length }, deadline: clockDeadline(ledger) };
  }
  const deadline = ownDeadline(i.meta?.deadline, i);
  if (!deadline || !i.meta?.deadline) return { clock: null, deadline: null };
  const d = i.meta.deadline;
  const ledger =
    'workdays' in d || 'days' in d || 'hours' in d || 'minutes' in d
      ? startClockFor(i.enteredAt, d, i.cal, i.tz)
      : startClock(i.enteredAt, deadline, 'calendar', { overdue: true });
  return { clock: { state: i.state, ledger, extensionsApplied: i.extensions.length }, deadline: clockDeadline(ledger) };
}

function ownDeadline(d: Deadline | undefined, i: ClockInputs): Date | null {
  if (!d) return null;
  if ('date' in d) return endOfLocalDay(d.date, i.tz);
  if ('household' in d) return i.householdDeadline ? endOfLocalDay(i.householdDeadline, i.tz) : null;
  return clockDeadline(startClockFor(i.enteredAt, d, i.cal, i.tz));
}
