// An officer's digest of households due soon (or overdue), most urgent first: one row per
// household with its step, deadline and days left, and a compact 「办理」 that opens its case card.
// Long lists become several cards (第 1/3 页), each within Lark's limits.
import type { OpenCallback } from './callback-value.ts';
import type { Card } from './card-json.ts';
import { button, buildCard, escapeMarkdown, grey, markdown, rowWithButton } from './card-elements.ts';
import type { Audience, DigestItem } from './card-views.ts';
import type { DeadlineView, TimeOptions } from './describe-deadline.ts';
import { colouredLabel, describeDeadline, templateOf, worstUrgency } from './describe-deadline.ts';
import { maskForAudience } from './mask-for-group.ts';
import { pageLabel, paginateItems } from './paginate-items.ts';

export interface DigestOptions extends TimeOptions {
  /** Digests go to the officer directly by default; names are masked either way. */
  audience?: Audience;
  /** The officer the digest is for, e.g. when it goes to their delegate. */
  forName?: string;
  maxPerPage?: number;
}

interface Row {
  item: DigestItem;
  deadline: DeadlineView;
}

export function renderDigestCards(items: readonly DigestItem[], options: DigestOptions): Card[] {
  const audience = options.audience ?? 'private';
  const rows: Row[] = items
    .map((item) => ({ item: maskForAudience(item, audience), deadline: describeDeadline(item.deadlineAt, options) }))
    .sort((a, b) => (a.item.deadlineAt?.getTime() ?? Infinity) - (b.item.deadlineAt?.getTime() ?? Infinity));
  const overdue = rows.filter((r) => r.deadline.urgency === 'overdue').length;
  const template = templateOf(worstUrgency(rows.map((r) => r.deadline.urgency)));
  const counts = `共 ${rows.length} 户${overdue ? `，其中已逾期 ${overdue} 户` : ''}`;
  const forWhom = options.forName ? `（代 ${options.forName}）` : '';

  return paginateItems(
    rows,
    (page, p) =>
      buildCard({
        title: `待办提醒${forWhom}${pageLabel(p)}`,
        template,
        summary: `待办提醒：${counts}`,
        elements: [
          markdown(rows.length ? `以下住户的办理期限将到或已过，${counts}：` : '目前没有即将到期的住户。'),
          ...page.map(({ item, deadline }) => rowWithButton(rowText(item, deadline), openButton(item.caseId))),
          markdown(grey('点「办理」打开该户的办理卡片')),
        ],
      }),
    options.maxPerPage ?? 30,
  );
}

function rowText(item: DigestItem, d: DeadlineView): string {
  const due = d.due ? `${d.due} · ${colouredLabel(d)}` : '无期限';
  return `**${escapeMarkdown(item.headName)}** · ${escapeMarkdown(item.stateTitle)}\n${grey(escapeMarkdown(item.archiveNo))} · ${due}`;
}

function openButton(caseId: number) {
  const value: OpenCallback = { a: 'open', caseId };
  return button({ text: '办理', type: 'primary', size: 'small', value });
}
