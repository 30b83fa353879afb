// The 督查 ledger of a region: every overdue case (deadline passed, not finished) with its officer,
// days overdue and the reason the officer last gave, and every reminder and escalation sent for
// it — when, to whom, acknowledged by whom. Head-of-household names are masked; no ID numbers
// or phones: the ledger is passed around by supervisors.
import type { InspectionLedger } from '../../core/ledger/ledger-types.ts';
import { maskName } from '../../core/privacy/mask.ts';
import { localDate } from '../../core/time/local-date.ts';
import type { EngineDeps } from '../cases/engine-deps.ts';
import { stateTitle } from '../lark/load-case-view.ts';

const DAY = 86_400_000;
/** Form fields in which an officer explains a delay, most telling first. */
const reasonFields = ['reason', 'progress', 'summary', 'notes', 'note'];

export async function buildInspectionLedger(deps: EngineDeps, region: { name: string; path: string }, at: Date): Promise<InspectionLedger> {
  const cases = await deps.db.case.findMany({
    where: {
      deadlineAt: { lt: at },
      state: { notIn: ['relieved', 'closed'] },
      household: { region: { path: { startsWith: region.path } } },
    },
    include: { household: { include: { region: true, officer: true } }, escalations: { orderBy: { sentAt: 'asc' } } },
    orderBy: [{ deadlineAt: 'asc' }, { id: 'asc' }],
  });
  const ids = cases.map((c) => c.id);
  const audits = ids.length
    ? await deps.db.auditEvent.findMany({
        where: { caseId: { in: ids }, action: { in: ['reminder.sent', 'case.transition', 'case.event'] } },
        orderBy: [{ at: 'asc' }, { id: 'asc' }],
      })
    : [];
  const personIds = new Set<number>();
  for (const c of cases) for (const e of c.escalations) [e.personId, e.acknowledgedBy].forEach((p) => p !== null && personIds.add(p));
  for (const a of audits) {
    const to = (a.after as { to?: string } | null)?.to;
    if (a.action === 'reminder.sent' && to?.startsWith('person:')) personIds.add(Number(to.slice(7)));
  }
  const people = new Map((await deps.db.person.findMany({ where: { id: { in: [...personIds] } } })).map((p) => [p.id, p.name]));
  const chats = new Map((await deps.db.chat.findMany()).map((c) => [c.chatId, c.name ?? c.chatId]));
  const nameOf = (id: number | null) => (id === null ? '' : (people.get(id) ?? `#${id}`));

  const ledger: InspectionLedger = { region: region.name, at, cases: [], contacts: [] };
  for (const c of cases) {
    const mine = audits.filter((a) => a.caseId === c.id);
    const reminders = mine.filter((a) => a.action === 'reminder.sent');
    const acknowledged = c.escalations.filter((e) => e.acknowledgedBy !== null);
    ledger.cases.push({
      archiveNo: c.household.archiveNo,
      headName: maskName(c.household.headName),
      county: c.household.region.name,
      state: await stateTitle(deps, c.flowId, c.flowVersion, c.state),
      officer: c.household.officer?.name ?? '（未指定）',
      deadline: localDate(c.deadlineAt!, deps.tz),
      daysOverdue: Math.max(0, Math.floor((at.getTime() - c.deadlineAt!.getTime()) / DAY)),
      reason: lastReason(mine, c.household.officerId),
      reminders: reminders.length,
      escalations: c.escalations.length,
      acknowledgedBy: [...new Set(acknowledged.map((e) => nameOf(e.acknowledgedBy)))].join('、'),
    });
    for (const r of reminders) {
      const to = (r.after as { to?: string } | null)?.to ?? '';
      ledger.contacts.push({
        archiveNo: c.household.archiveNo,
        kind: '提醒',
        at: r.at,
        to: to.startsWith('person:') ? nameOf(Number(to.slice(7))) : to,
        rung: null,
        urgent: false,
        acknowledgedBy: '',
        acknowledgedAt: null,
      });
    }
    for (const e of c.escalations)
      ledger.contacts.push({
        archiveNo: c.household.archiveNo,
        kind: '督办',
        at: e.sentAt,
        to: e.chatId ? (chats.get(e.chatId) ?? e.chatId) : nameOf(e.personId),
        rung: e.rung,
        urgent: e.urgent,
        acknowledgedBy: nameOf(e.acknowledgedBy),
        acknowledgedAt: e.acknowledgedAt,
      });
  }
  ledger.contacts.sort((a, b) => a.archiveNo.localeCompare(b.archiveNo) || a.at.getTime() - b.at.getTime());
  return ledger;
}

/**
 * The latest explanation the household's officer typed into a form for this case (an extension
 * request, progress, notes); a supervisor's refusal reason is not the officer's.
 */
function lastReason(audits: { actor: string; after: unknown }[], officerId: number | null): string {
  for (let i = audits.length - 1; i >= 0; i--) {
    const a = audits[i]!;
    if (officerId === null || a.actor !== `person:${officerId}`) continue;
    const form = (a.after as { form?: Record<string, unknown> | null } | null)?.form;
    for (const field of reasonFields) {
      const v = form?.[field];
      if (typeof v === 'string' && v.trim() !== '') return v.trim();
    }
  }
  return '';
}
