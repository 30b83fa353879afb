// handle-card-action: a card button or form submit, answered synchronously within Lark's 3 s:
// who clicked (roster), what it means (our callback value), the engine does the rest. The answer is
// a toast and the case card as it now is; a stale card or a lost race says who did what when; a
// refusal is audited and changes nothing.
import type { Operator } from '../../core/engine/authorize-operator.ts';
import type { CardAction } from '../../core/flows/flow-types.ts';
import { findCardAction } from '../../core/flows/index-flow-states.ts';
import { parseCallbackValue } from '../../lark/cards/callback-value.ts';
import { describeActivity } from '../../lark/cards/describe-activity.ts';
import type { CaseView } from '../../lark/cards/card-views.ts';
import { readFormValues } from '../../lark/cards/form-names.ts';
import { renderCaseCard } from '../../lark/cards/render-case-card.ts';
import type { CardActionResponse, LarkCardActionEvent } from '../../lark/inbound/lark-inbound-event.ts';
import { describeDbError } from '../../db/describe-db-error.ts';
import { readPersonByOpenId } from '../../db/read-person-by-open-id.ts';
import type { CardActionAnswer } from './lark-inbound-deps.ts';
import { acknowledgeEscalation } from '../cases/acknowledge-escalation.ts';
import type { EngineDeps } from '../cases/engine-deps.ts';
import { loadCase } from '../cases/load-case.ts';
import { sendCaseEvent } from '../cases/send-case-event.ts';
import { findOperator } from './find-operator.ts';
import { caseViewOf, loadCaseView } from './load-case-view.ts';
import { recordCaseCardShown } from './card-messages.ts';

const toast = (type: 'info' | 'success' | 'error' | 'warning', content: string): CardActionResponse['toast'] => ({ type, content });

export async function handleCardAction(deps: EngineDeps, event: LarkCardActionEvent, now: Date): Promise<CardActionAnswer> {
  const value = parseCallbackValue(event.value);
  if (!value) return { outcome: 'stale', toast: toast('warning', '这张卡片已失效：请在群里 @机器人 发送「查 档案编号」获取最新卡片') };
  const operator = await findOperator(deps.db, event.operatorOpenId);
  if (!operator) {
    await audit(deps, now, null, value.caseId, 'card.refused', { reason: 'not_on_roster', openId: event.operatorOpenId });
    return { outcome: 'refused', toast: toast('error', '您不在户户清名册中，不能操作：请联系管理员把您加入名册') };
  }
  // A callback does not say whether its chat is a group: cards are always rendered for a group
  // (names masked, no ID numbers, no illnesses), the safe choice.
  const render = (view: CaseView, note?: string) => ({
    type: 'raw' as const,
    data: renderCaseCard(view, { now, tz: deps.tz, calendar: deps.calendar, audience: 'group', ...(note ? { note } : {}) }),
  });
  const card = async (note?: string) => {
    const view = await loadCaseView(deps, value.caseId);
    // Bookkeeping for later in-place updates, written after the action committed: a database that
    // cannot be written now must not turn a done action into an error toast (the next reminder
    // sends a fresh card instead).
    if (view) await recordCaseCardShown(deps.db, event.messageId, value.caseId, now).catch(ignoreDbFault);
    return view ? render(view, note) : undefined;
  };

  if (value.a === 'open') {
    const opened = await card();
    return opened ? { card: opened } : { outcome: 'stale' };
  }
  if (value.a === 'ack') {
    const r = await acknowledgeEscalation(deps, value.caseId, operator, now);
    if (!r.ok) {
      if (r.code === 'forbidden') await audit(deps, now, operator, value.caseId, 'card.refused', { reason: r.message, action: 'ack' });
      return { outcome: r.code === 'forbidden' ? 'refused' : 'stale', toast: toast(r.code === 'forbidden' ? 'error' : 'info', r.message) };
    }
    return { toast: toast('success', `已督办：${operator.name} 正在处理`) };
  }

  // One read of the case: the card's buttons (the action's form), the transition, the answer card.
  const loaded = await loadCase(deps.db, value.caseId);
  if (!loaded) return { outcome: 'stale', toast: toast('error', '这户的案件已不存在：请联系管理员') };
  const before = await caseViewOf(deps, loaded);
  const action = before.actions.find((a: CardAction) => a.event === value.event);
  let form = action?.form ? readFormValues(action, event.formValue) : undefined;
  if (form && action?.form) {
    const people = await personFieldsToIds(deps, action, form);
    if (!people.ok) return { outcome: 'invalid', toast: toast('warning', people.message) };
    form = people.form;
  }
  const result = await sendCaseEvent(deps, {
    caseId: value.caseId,
    type: value.event,
    form,
    operator: operator as Operator,
    source: 'card',
    now,
    expectedState: value.state,
    case: loaded,
    // The answer shows the case's card on this message: recorded together with the transition.
    cardShownOn: event.messageId,
  });
  if (result.ok) {
    const label = action?.label ?? value.event;
    const note = describeActivity({ actorName: operator.name, at: now, actionLabel: label }, deps.tz, now);
    // The case as the transition wrote it (read again only when its officer changed).
    const after = result.case ? await caseViewOf(deps, result.case) : await loadCaseView(deps, value.caseId);
    return { toast: toast('success', `已提交「${label}」`), ...(after ? { card: render(after, note) } : {}) };
  }
  if (result.code === 'forbidden') {
    await audit(deps, now, operator, value.caseId, 'card.refused', { reason: result.message, event: value.event });
    return { outcome: 'refused', toast: toast('error', result.message) };
  }
  if (result.code === 'form_invalid') return { outcome: 'invalid', toast: toast('warning', result.message) };
  // Stale card or lost race: say who did what when, and show the case as it is now.
  const last = await lastTransition(deps, value.caseId);
  const note = last ? describeActivity({ actorName: last.actorName, at: last.at, actionLabel: last.label }, deps.tz, now) : undefined;
  return { outcome: 'stale', toast: toast('info', note ? `${note}，这张卡片已更新` : result.message), card: await card(note) };
}

function ignoreDbFault(error: unknown): void {
  if (!describeDbError(error)) throw error;
}

/**
 * A person picker answers with open_ids: each becomes the person's id. Anything else (a typed id, an
 * open_id not on the roster) is refused: it must never reach the engine as an officer.
 */
async function personFieldsToIds(
  deps: EngineDeps,
  action: CardAction,
  form: Record<string, unknown>,
): Promise<{ ok: true; form: Record<string, unknown> } | { ok: false; message: string }> {
  const out = { ...form };
  for (const f of action.form ?? []) {
    const v = out[f.name];
    if (f.type !== 'person' || v === undefined || v === null || v === '') continue;
    const p = typeof v === 'string' && v.startsWith('ou_') ? await readPersonByOpenId(deps.db, v) : null;
    if (!p || !p.active) return { ok: false, message: `「${f.label}」请用人员选择器选一位名册中的人员` };
    out[f.name] = String(p.id);
  }
  return { ok: true, form: out };
}

async function lastTransition(deps: EngineDeps, caseId: number) {
  const e = await deps.db.auditEvent.findFirst({
    where: { caseId, action: { in: ['case.transition', 'case.event'] } },
    orderBy: { id: 'desc' },
  });
  if (!e) return null;
  const personId = /^person:(\d+)$/.exec(e.actor)?.[1];
  const person = personId ? await deps.db.person.findUnique({ where: { id: Number(personId) } }) : null;
  const event = (e.after as { event?: string } | null)?.event ?? '';
  const c = await deps.db.case.findUniqueOrThrow({ where: { id: caseId } });
  const { flow } = await deps.flows.get(c.flowId, c.flowVersion);
  const label = (e.fromState ? findCardAction(flow, e.fromState, event)?.label : undefined) ?? event;
  return { actorName: person?.name ?? '系统', at: e.at, label };
}

async function audit(deps: EngineDeps, now: Date, op: Operator | null, caseId: number, action: string, after: Record<string, string>) {
  await deps.db.auditEvent.create({
    data: { at: now, actor: op ? `person:${op.personId}` : 'unknown', source: 'card', action, caseId, after },
  });
}
