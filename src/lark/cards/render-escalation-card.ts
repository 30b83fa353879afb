// The escalation card for an inspection group (督查组): overdue households with masked names, their
// officers @mentioned, days overdue, and a 「督办」 button per household. Always a group audience.
import type { AckCallback } from './callback-value.ts';
import type { Card } from './card-json.ts';
import { button, buildCard, escapeMarkdown, grey, markdown, mention, rowWithButton } from './card-elements.ts';
import type { EscalationItem } from './card-views.ts';
import type { DeadlineView, TimeOptions } from './describe-deadline.ts';
import { colouredLabel, describeDeadline } from './describe-deadline.ts';
import { formatMoment } from './format-card-time.ts';
import { maskForGroup } from './mask-for-group.ts';
import { pageLabel, paginateItems } from './paginate-items.ts';

export interface EscalationOptions extends TimeOptions {
  /** Urgent rungs (加急): marked on the card; the outbox also buzzes them. */
  urgent?: boolean;
  regionName?: string;
  maxPerPage?: number;
}

interface Row {
  item: EscalationItem;
  deadline: DeadlineView;
}

export function renderEscalationCards(items: readonly EscalationItem[], options: EscalationOptions): Card[] {
  const rows: Row[] = items
    .map((item) => ({ item: maskForGroup(item), deadline: describeDeadline(item.deadlineAt, options) }))
    .sort((a, b) => b.deadline.overdueDays - a.deadline.overdueDays);
  const open = rows.filter((r) => !r.item.acknowledged).length;
  const urgent = options.urgent === true;
  const where = options.regionName ? ` · ${options.regionName}` : '';
  const summary = `${urgent ? '【加急】' : ''}逾期督办：${rows.length} 户${open < rows.length ? `，待督办 ${open} 户` : ''}`;

  return paginateItems(
    rows,
    (page, p) =>
      buildCard({
        title: `${urgent ? '【加急】' : ''}逾期督办${where}${pageLabel(p)}`,
        template: open === 0 ? 'green' : urgent ? 'carmine' : 'red',
        summary,
        ...(urgent ? { tags: [{ text: '加急', color: 'red' }] } : {}),
        elements: [
          markdown(`以下 ${rows.length} 户已超过办理期限，请督查组督促责任人尽快办理；点「督办」表示已知悉并跟进。`),
          ...page.map(({ item, deadline }) => rowWithButton(rowText(item, deadline, options), ackButton(item))),
        ],
      }),
    options.maxPerPage ?? 25,
  );
}

function rowText(item: EscalationItem, d: DeadlineView, options: TimeOptions): string {
  const region = item.regionName ? ` · ${escapeMarkdown(item.regionName)}` : '';
  const officer = item.officerName || item.officerOpenId ? mention(item.officerOpenId, item.officerName ?? '') : '未指定责任人';
  const late = d.due ? `${d.due}到期 · ${colouredLabel(d)}` : '无期限';
  const lines = [
    `**${escapeMarkdown(item.headName)}** · ${escapeMarkdown(item.stateTitle)}${region}`,
    `${grey(escapeMarkdown(item.archiveNo))} · 责任人 ${officer} · ${late}`,
  ];
  if (item.acknowledged) {
    lines.push(
      grey(`${escapeMarkdown(item.acknowledged.byName)} 于 ${formatMoment(item.acknowledged.at, options.tz, options.now)} 已督办`),
    );
  }
  return lines.join('\n');
}

function ackButton(item: EscalationItem) {
  if (item.acknowledged) return null;
  const value: AckCallback = { a: 'ack', caseId: item.caseId };
  return button({ text: '督办', type: 'danger', size: 'small', value });
}
