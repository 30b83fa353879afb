// The load of a crash test: the platform side of Lark (signed, encrypted pushes built by the
// simulator) delivering the planned clicks and chat commands to whichever server is up, and
// behaving as Lark and its users do when a server dies mid-request. An unacknowledged event is
// re-pushed with the same event_id until it is acknowledged. An unanswered click is re-sent once
// with the same event_id (a network retry); if the server answers that it has seen it already (已处理)
// or that it failed, the person clicks again (a new callback) on the card as they last saw it.
// Acknowledged deliveries are sometimes repeated, as Lark does. Every delivery is recorded.
import type { Random } from '../../src/core/create-random.ts';
import { localDate } from '../../src/core/time/local-date.ts';
import { buildEvent, postEventToBot, type BuiltEvent } from '../../src/sandbox/simulator/post-to-bot.ts';
import type { CasePlan, MessagePlan, Step } from './crash-plan.ts';
import { crashTimezone, type CrashWorld } from './crash-world.ts';

export type ClickOutcome = 'success' | 'stale' | 'duplicate' | 'error' | 'unavailable' | 'refused' | 'invalid' | 'unexpected';

export interface ClickRecord {
  tag: string;
  eventId: string;
  caseId: number;
  stepIndex: number;
  step: Step;
  posts: number;
  /** The last answer; undefined when no delivery was ever answered. */
  outcome?: ClickOutcome;
  /** Answers to repeats of an answered click (expected: 已处理). */
  repeats: ClickOutcome[];
}

export interface EventRecord {
  built: BuiltEvent;
  posts: number;
  acked: boolean;
  /** Repeats after the ack: same event_id, or (messages) a new event_id for the same message. */
  repeats: { sameId: number; newId: number; answers: number[] };
}

/** Where the server is now; requests wait while there is none. */
export class ServerSlot {
  private current: { url: string; generation: number } | null = null;
  private waiters: (() => void)[] = [];
  up(url: string, generation: number): void {
    this.current = { url, generation };
    for (const w of this.waiters.splice(0)) w();
  }
  down(): void {
    this.current = null;
  }
  async get(minGeneration = 0): Promise<{ url: string; generation: number }> {
    while (!this.current || this.current.generation < minGeneration) await new Promise<void>((r) => this.waiters.push(r));
    return this.current;
  }
}

export class CrashLoad {
  readonly clicks: ClickRecord[] = [];
  readonly events: EventRecord[] = [];
  readonly problems: string[] = [];
  /** Planned actions done: a case step taken, an event acknowledged. */
  completed = 0;
  private active = 0;
  private queue: (() => void)[] = [];
  private progressWaiters: { n: number; resolve: () => void }[] = [];

  constructor(
    private readonly world: CrashWorld,
    private readonly slot: ServerSlot,
    private readonly random: Random,
    private readonly concurrency: number,
  ) {}

  inFlight(): number {
    return this.active;
  }

  waitForCompleted(n: number): Promise<void> {
    if (this.completed >= n) return Promise.resolve();
    return new Promise((resolve) => this.progressWaiters.push({ n, resolve }));
  }

  /** Runs every case path and every event to the end; resolves when all are done. */
  async run(cases: CasePlan[], messages: MessagePlan[]): Promise<void> {
    const events: (() => BuiltEvent)[] = [
      ...this.world.officers.map((o) => () => o.p2pCreated),
      ...messages.map((m) => () => buildEvent(this.world.sim, { type: 'im.message.receive_v1', ...m })),
    ];
    let next = 0;
    const eventWorker = async () => {
      while (next < events.length) await this.deliverEvent(events[next++]!());
    };
    // As many event senders as keep events in step with the clicks, so both last the whole run.
    const clicks = cases.reduce((n, c) => n + c.steps.length, 0);
    const senders = Math.max(2, Math.round((cases.length * events.length) / clicks));
    await Promise.all([...cases.map((c) => this.walk(c)), ...Array.from({ length: senders }, eventWorker)]);
  }

  private done(): void {
    this.completed++;
    this.progressWaiters = this.progressWaiters.filter((w) => (this.completed >= w.n ? (w.resolve(), false) : true));
  }

  private async walk(plan: CasePlan): Promise<void> {
    const c = this.world.cases.find((x) => x.caseId === plan.caseId)!;
    for (const [stepIndex, step] of plan.steps.entries()) {
      for (let attempt = 1; ; attempt++) {
        if (attempt > 40) {
          this.problems.push(`case ${c.caseId}: step ${step.event} still not taken after 40 clicks`);
          return;
        }
        const outcome = await this.click(c, stepIndex, step, attempt);
        if (outcome === 'success' || outcome === 'stale') break;
        if (outcome === 'refused' || outcome === 'invalid' || outcome === 'unexpected') {
          this.problems.push(`case ${c.caseId}: ${step.event} answered ${outcome}`);
          return;
        }
        // duplicate / error / unavailable: the person clicks again.
      }
      this.done();
    }
  }

  private async click(c: CrashWorld['cases'][number], stepIndex: number, step: Step, attempt: number): Promise<ClickOutcome> {
    const tag = `k${c.caseId}-${stepIndex}-${attempt}`;
    const built = buildEvent(this.world.sim, {
      type: 'card.action.trigger',
      messageId: c.cardMessageId,
      operatorOpenId: step.who === 'officer' ? c.officerOpenId : c.supervisorOpenId,
      value: { a: 'event', caseId: c.caseId, event: step.event, state: step.from, v: 0 },
      formValue: step.form(tag, localDate(new Date(), crashTimezone)),
      name: `s_${step.event}`,
      tag: 'button',
    });
    const record: ClickRecord = { tag, eventId: built.eventId, caseId: c.caseId, stepIndex, step, posts: 0, repeats: [] };
    this.clicks.push(record);
    let retried = false;
    for (;;) {
      const answer = await this.post(built);
      record.posts++;
      if ('lost' in answer) {
        // No answer: one network retry with the same event_id once a server is up again.
        if (retried) return 'unavailable';
        retried = true;
        await this.slot.get(answer.generation + 1);
        continue;
      }
      record.outcome = classifyCardAnswer(answer.status, answer.body);
      if (record.outcome !== 'unavailable' && this.random.chance(0.04)) {
        const again = await this.post(built);
        record.posts++;
        if (!('lost' in again)) record.repeats.push(classifyCardAnswer(again.status, again.body));
      }
      return record.outcome;
    }
  }

  private async deliverEvent(built: BuiltEvent): Promise<void> {
    const record: EventRecord = { built, posts: 0, acked: false, repeats: { sameId: 0, newId: 0, answers: [] } };
    this.events.push(record);
    for (;;) {
      const answer = await this.post(built);
      record.posts++;
      if (!('lost' in answer) && answer.status === 200) break;
      if (!('lost' in answer) && answer.status < 500) {
        this.problems.push(`event ${built.eventId} (${built.eventType}) refused with HTTP ${answer.status}`);
        return;
      }
      // Not acknowledged: Lark pushes it again (sooner than its 15 s, the test has no time to lose).
      if ('lost' in answer) await this.slot.get(answer.generation + 1);
      else await new Promise((r) => setTimeout(r, 200));
    }
    record.acked = true;
    this.done();
    if (this.random.chance(0.05)) {
      record.repeats.sameId++;
      const again = await this.post(built);
      if (!('lost' in again)) record.repeats.answers.push(again.status);
    }
    if (built.eventType === 'im.message.receive_v1' && this.random.chance(0.03)) {
      // Lark documents duplicates of one message under different event_ids: dedupe by message_id.
      const body = structuredClone(built.body);
      (body.header as { event_id: string }).event_id = `${built.eventId}-again`;
      record.repeats.newId++;
      const again = await this.post({ ...built, eventId: `${built.eventId}-again`, body });
      if (!('lost' in again)) record.repeats.answers.push(again.status);
    }
  }

  private async post(built: BuiltEvent): Promise<{ status: number; body: unknown } | { lost: true; generation: number }> {
    await this.acquire();
    const { url, generation } = await this.slot.get();
    try {
      const r = await postEventToBot(this.world.sim, `${url}/lark/events`, built);
      return { status: r.status, body: r.body };
    } catch {
      return { lost: true, generation };
    } finally {
      this.release();
    }
  }

  private async acquire(): Promise<void> {
    if (this.active < this.concurrency) {
      this.active++;
      return;
    }
    await new Promise<void>((r) => this.queue.push(r));
  }

  private release(): void {
    const next = this.queue.shift();
    if (next) next();
    else this.active--;
  }
}

export function classifyCardAnswer(status: number, body: unknown): ClickOutcome {
  if (status !== 200) return 'unavailable';
  const toast = (body as { toast?: { type?: string; content?: string } } | null)?.toast;
  if (!toast) return 'unexpected';
  if (toast.content === '已处理') return 'duplicate';
  if (toast.type === 'success') return 'success';
  if (toast.type === 'info') return 'stale';
  if (toast.type === 'error') return toast.content?.startsWith('操作未完成') ? 'error' : 'refused';
  return 'invalid';
}
