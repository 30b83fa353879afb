// What the people do during a crash test, fixed up front from the seed. Each household's case is
// walked from 入户核实 to 销档 by clicks on its case card, with the detours of real work: officers
// ask for extensions (延期审核, the clock paused) that the county supervisor grants or refuses,
// supervisors send cases back for re-verification (退回重核), officers note 落实帮扶 progress. And
// chat commands are typed in direct chats and 工作群. Every form but 公示's carries a tag unique to
// its click, so the audit log shows which click took effect.
import type { Random } from '../../src/core/create-random.ts';
import { causes } from '../../src/core/households/causes.ts';
import type { CrashWorld } from './crash-world.ts';

export interface Step {
  event: string;
  /** The state the card shows (the click's expectedState). */
  from: string;
  /** The state after it; equal to `from` for an event that records without moving on. */
  to: string;
  who: 'officer' | 'supervisor';
  /** Whether the form carries the click's tag (公示期满's has no free text). */
  tagged: boolean;
  form(tag: string, day: string): Record<string, string | string[]>;
}

const cause = causes[0]!.name;
const fields = (event: string, values: Record<string, string | string[]>) =>
  Object.fromEntries(Object.entries(values).map(([k, v]) => [`f_${event}__${k}`, v]));

type Form = (tag: string, day: string) => Record<string, string | string[]>;
const forms: Record<string, Form> = {
  VERIFIED: (tag, day) => fields('VERIFIED', { persons: '3', causes: [cause], visit_date: `${day} +0800`, notes: tag }),
  CLASSIFIED: (tag) => fields('CLASSIFIED', { causes: [cause], tier: '相对困难', notes: tag }),
  PLANNED: (tag) => fields('PLANNED', { measures: ['就业帮扶'], responsible: '县总工会帮扶中心', notes: tag }),
  PROGRESS: (tag) => fields('PROGRESS', { progress: tag }),
  IMPLEMENTED: (tag) => fields('IMPLEMENTED', { summary: tag }),
  CONFIRM_RELIEF: (tag, day) => fields('CONFIRM_RELIEF', { accepted_on: `${day} +0800`, opinion: tag }),
  NOTICE_PASSED: (_tag, day) => fields('NOTICE_PASSED', { notice_end: `${day} +0800` }),
  REQUEST_EXTENSION: (tag) => fields('REQUEST_EXTENSION', { workdays: '3', reason: tag }),
  GRANT_EXTENSION: (tag) => fields('GRANT_EXTENSION', { workdays: '2', note: tag }),
  REFUSE_EXTENSION: (tag) => fields('REFUSE_EXTENSION', { reason: tag }),
  SEND_BACK: (tag) => fields('SEND_BACK', { reason: tag }),
};
const supervisorEvents = new Set(['CONFIRM_RELIEF', 'NOTICE_PASSED', 'GRANT_EXTENSION', 'REFUSE_EXTENSION', 'SEND_BACK']);

function step(event: string, from: string, to: string): Step {
  return {
    event,
    from,
    to,
    who: supervisorEvents.has(event) ? 'supervisor' : 'officer',
    tagged: event !== 'NOTICE_PASSED',
    form: forms[event]!,
  };
}

/** The main line and the clicks left from each state to 销档 along it. */
const forward: Record<string, [string, string]> = {
  verifying: ['VERIFIED', 'classifying'],
  classifying: ['CLASSIFIED', 'planning'],
  planning: ['PLANNED', 'implementing'],
  implementing: ['IMPLEMENTED', 'acceptance'],
  acceptance: ['CONFIRM_RELIEF', 'public_notice'],
  public_notice: ['NOTICE_PASSED', 'relieved'],
};
const left: Record<string, number> = { verifying: 6, classifying: 5, planning: 4, implementing: 3, acceptance: 2, public_notice: 1 };

/**
 * A path of exactly `length` clicks (≥ 6) from 入户核实 to 销档. Detours are taken while they fit;
 * 落实帮扶 progress notes pad the rest. 落实帮扶 is left with no click to spare or with seven or more,
 * so that the 退回重核 that 验收 and 公示 must then take (5 and 6 clicks more) always fits.
 */
export function planPath(length: number, random: Random): Step[] {
  const path: Step[] = [];
  let state = 'verifying';
  while (state !== 'relieved') {
    const spare = length - path.length - left[state]!;
    const detours: Step[] = [];
    if (state !== 'acceptance' && state !== 'public_notice' && spare >= 2 && random.chance(0.2))
      detours.push(step('REQUEST_EXTENSION', state, 'extension_review'));
    if ((state === 'classifying' || state === 'planning' || state === 'implementing') && spare >= 7 - left[state]! && random.chance(0.15))
      detours.push(step('SEND_BACK', state, 'verifying'));
    if (state === 'implementing' && spare >= 1 && spare < 7) detours.push(step('PROGRESS', state, state));
    if ((state === 'acceptance' || state === 'public_notice') && spare > 0) detours.push(step('SEND_BACK', state, 'verifying'));
    const next = detours.length > 0 && !(state === 'implementing' && spare >= 7 && random.chance(0.5)) ? random.pick(detours) : undefined;
    if (next) {
      path.push(next);
      if (next.to === 'extension_review')
        path.push(step(random.chance(0.7) ? 'GRANT_EXTENSION' : 'REFUSE_EXTENSION', 'extension_review', state));
      state = next.to === 'extension_review' ? state : next.to;
      continue;
    }
    const [event, to] = forward[state]!;
    path.push(step(event, state, to));
    state = to;
  }
  if (path.length !== length) throw new Error(`crash plan: a path of ${path.length} clicks, not ${length}`);
  return path;
}

export interface CasePlan {
  caseId: number;
  steps: Step[];
}

/** `clicks` planned clicks over all cases, the paths' lengths spread around the mean. */
export function planCases(world: CrashWorld, clicks: number, random: Random): CasePlan[] {
  const n = world.cases.length;
  const mean = clicks / n;
  if (mean < 10) throw new Error(`crash plan: ${clicks} clicks are too few for ${n} cases`);
  const lengths = world.cases.map(() => Math.max(6, Math.round(mean * (0.6 + 0.8 * random.next()))));
  // Make the total exact: adjust random cases by one click at a time, within [6, 2 × mean].
  let total = lengths.reduce((a, b) => a + b, 0);
  while (total !== clicks) {
    const i = random.int(0, n - 1);
    const d = total < clicks ? 1 : -1;
    if (lengths[i]! + d < 6 || lengths[i]! + d > 2 * mean) continue;
    lengths[i]! += d;
    total += d;
  }
  return world.cases.map((c, i) => ({ caseId: c.caseId, steps: planPath(lengths[i]!, random) }));
}

export interface MessagePlan {
  chatId: string;
  senderOpenId: string;
  text: string;
}

/** `count` chat commands: mostly officers in their direct chat, the rest @bot in a 工作群. */
export function planMessages(world: CrashWorld, count: number, random: Random): MessagePlan[] {
  const plans: MessagePlan[] = [];
  for (let i = 0; i < count; i++) {
    const c = random.pick(world.cases);
    const officer = world.officers.find((o) => o.openId === c.officerOpenId)!;
    const command = random.pick(['我的', '帮助', '进度', `查 ${c.archiveNo}`, `查 ${c.archiveNo}`]);
    if (random.chance(0.75)) plans.push({ chatId: officer.p2pChatId, senderOpenId: officer.openId, text: command });
    else {
      const sender = random.chance(0.1) ? world.strangerOpenId : random.chance(0.4) ? c.supervisorOpenId : c.officerOpenId;
      plans.push({ chatId: c.workChatId, senderOpenId: sender, text: command });
    }
  }
  return plans;
}
