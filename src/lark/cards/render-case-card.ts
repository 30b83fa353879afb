// A household's case card: what the case is, who handles it, how long is left, and the state's
// buttons from the flow: plain buttons for actions without a form, a form container per action with one.
import type { CardAction } from '../../core/flows/flow-types.ts';
import type { CardRole } from '../../core/flows/registry.ts';
import { tailOf } from '../../core/privacy/mask.ts';
import type { EventCallback } from './callback-value.ts';
import type { Card, CardElement } from './card-json.ts';
import { button, buildCard, escapeMarkdown, grey, hr, markdown, mention } from './card-elements.ts';
import type { Audience, CaseView } from './card-views.ts';
import type { TimeOptions } from './describe-deadline.ts';
import { colouredLabel, describeDeadline, templateOf } from './describe-deadline.ts';
import { formatMoment } from './format-card-time.ts';
import { maskForAudience } from './mask-for-group.ts';
import { buttonTypeOf, renderActionForm } from './render-action-form.ts';

export interface CaseCardOptions extends TimeOptions {
  audience: Audience;
  /** Only the buttons these roles may press (`who`); all buttons when absent. */
  roles?: readonly CardRole[];
  /** The full name, in a direct chat only (ignored for groups). */
  revealName?: boolean;
  /** A line above the buttons, e.g. who did what when ("王芳 于 11月20日 10:05 提交了「已核实」"). */
  note?: string;
  /** open_ids person fields offer (else the chat's members). */
  personOptions?: readonly string[];
}

export function renderCaseCard(view: CaseView, options: CaseCardOptions): Card {
  const v = maskForAudience(view, options.audience, options.revealName === true);
  const deadline = describeDeadline(v.deadlineAt, options);
  const actions = visibleActions(v.actions, options.roles);
  const value = (event: string): EventCallback => ({ a: 'event', caseId: v.caseId, event, state: v.state, v: v.version });

  const elements: CardElement[] = [markdown(factsOf(v, deadline.due, colouredLabel(deadline)))];
  if (options.note) elements.push(markdown(escapeMarkdown(options.note)));
  for (const a of actions.filter((x) => !x.form?.length)) {
    elements.push(button({ text: a.label, type: buttonTypeOf(a), value: value(a.event), ...(a.confirm ? { confirm: a.confirm } : {}) }));
  }
  for (const a of actions.filter((x) => x.form?.length)) {
    elements.push(hr(), renderActionForm(a, value(a.event), options.personOptions ? { personOptions: options.personOptions } : {}));
  }
  if (actions.length === 0) elements.push(markdown(grey('当前环节无需在卡片上操作')));
  elements.push(
    markdown(grey(`更新于 ${formatMoment(options.now, options.tz, options.now)} · ${escapeMarkdown(v.flowId)} v${v.flowVersion}`)),
  );

  return buildCard({
    title: `${v.stateTitle} · ${v.archiveNo}`,
    subtitle: `${v.regionName} · 户主 ${v.headName}`,
    template: templateOf(deadline.urgency),
    summary: [v.stateTitle, v.headName, deadline.label].filter(Boolean).join(' · '),
    elements,
    ...(deadline.urgency === 'overdue' || deadline.urgency === 'due_soon'
      ? { tags: [{ text: deadline.label, color: deadline.urgency === 'overdue' ? 'red' : 'orange' }] }
      : {}),
  });
}

/** The state's buttons a viewer may press, each event once. */
export function visibleActions(actions: readonly CardAction[], roles: readonly CardRole[] | undefined): CardAction[] {
  const seen = new Set<string>();
  return actions.filter((a) => {
    if (seen.has(a.event)) return false;
    seen.add(a.event);
    return !roles || !a.who || a.who.some((w) => roles.includes(w));
  });
}

function factsOf(v: CaseView, due: string, label: string): string {
  const idTail = v.idNumber ? `（身份证尾号 ${escapeMarkdown(tailOf(v.idNumber))}）` : '';
  const persons = v.persons !== undefined ? ` · 家庭人口 ${v.persons} 人` : '';
  const lines = [
    `**户主**：${escapeMarkdown(v.headName)}${idTail}${persons}`,
    `**档案编号**：${escapeMarkdown(v.archiveNo)}`,
    `**地区**：${escapeMarkdown(v.regionName)}`,
    `**环节**：${escapeMarkdown(v.stateTitle)}`,
    `**责任人**：${v.officerName || v.officerOpenId ? mention(v.officerOpenId, v.officerName ?? '') : '未指定'}`,
    due ? `**期限**：${due} · ${label}` : `**期限**：无`,
  ];
  if (v.causes?.length) lines.push(`**致困原因**：${v.causes.map(escapeMarkdown).join('、')}`);
  return lines.join('\n');
}
