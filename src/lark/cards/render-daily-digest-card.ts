// The daily digest for a supervisor group or an inspection group: households on file by state and by
// region with the change since yesterday, a stacked bar chart (the card's `chart` component takes a
// VChart spec), and the longest overdue households — names masked, officers @mentioned. One card:
// the app caps the regions and the overdue list, so it stays far inside Lark's 200 components / 30 KB.
import { weekdayOf } from '../../core/time/local-day.ts';
import type { Card, CardElement } from './card-json.ts';
import { buildCard, escapeMarkdown, grey, hr, markdown, mention } from './card-elements.ts';
import type { DailyDigestView, DigestFigures, EscalationItem } from './card-views.ts';
import { colouredLabel, describeDeadline, type TimeOptions } from './describe-deadline.ts';
import { formatMoment } from './format-card-time.ts';
import { maskForGroup } from './mask-for-group.ts';

const weekdays = ['日', '一', '二', '三', '四', '五', '六'];
const numberFormat = new Intl.NumberFormat('en-US');

export function renderDailyDigestCard(view: DailyDigestView, options: TimeOptions): Card {
  const { total } = view;
  const dayText = formatDay(view.day);
  const elements: CardElement[] = [
    markdown(
      [
        `**在册住户**：${n(total.households)} 户 · ${n(total.persons)} 人（较昨日 ${change(total.householdsChange)}）`,
        `**已逾期**：${total.overdue ? `<font color='red'>${n(total.overdue)}</font>` : '0'} 户（较昨日 ${change(total.overdueChange, true)}）`,
      ].join('\n'),
    ),
  ];
  if (view.byState.length > 0) {
    const rows = view.byState.map(
      (s) =>
        `- ${escapeMarkdown(s.title)}：**${n(s.households)}** 户（${change(s.householdsChange)}）${s.overdue ? ` · 逾期 ${n(s.overdue)}` : ''}`,
    );
    elements.push(markdown(`**按办理环节**\n${rows.join('\n')}`));
  }
  if (total.households > 0) elements.push(chartOf(view));
  if (view.byRegion.length > 1) {
    const rows = view.byRegion.map(
      (r) =>
        `- ${escapeMarkdown(r.name)}：**${n(r.households)}** 户（${change(r.householdsChange)}）${r.overdue ? ` · <font color='red'>逾期 ${n(r.overdue)}</font>` : ''}`,
    );
    elements.push(markdown(`**按地区**\n${rows.join('\n')}`));
  }
  if (view.topOverdue.length > 0) {
    elements.push(hr());
    const more = total.overdue > view.topOverdue.length ? `（共 ${n(total.overdue)} 户逾期）` : '';
    elements.push(markdown(`**逾期最久的 ${view.topOverdue.length} 户**${more}`));
    elements.push(markdown(view.topOverdue.map((item) => overdueRow(item, options)).join('\n')));
  }
  const note = total.householdsChange === null ? '「—」表示没有前一天的统计' : '较昨日：与前一天简报的统计相比';
  elements.push(markdown(grey(`统计于 ${formatMoment(view.takenAt, options.tz, options.now)} · ${note}`)));

  return buildCard({
    title: `每日简报 · ${view.regionName}`,
    subtitle: dayText,
    template: total.overdue > 0 ? 'orange' : 'green',
    summary: `${view.regionName} ${dayText}：在册 ${n(total.households)} 户，逾期 ${n(total.overdue)} 户`,
    elements,
  });
}

/** Households by state per region, stacked: a VChart bar spec inside the card's chart component. */
function chartOf(view: DailyDigestView): CardElement {
  const regions = view.byRegion.length > 0 ? view.byRegion : [{ name: view.regionName, byState: [] }];
  const values = regions.flatMap((r) =>
    r.byState.filter((s) => s.households > 0).map((s) => ({ region: r.name, state: s.title, households: s.households })),
  );
  return {
    tag: 'chart',
    aspect_ratio: regions.length > 6 ? '4:3' : '16:9',
    color_theme: 'brand',
    preview: true,
    chart_spec: {
      type: 'bar',
      title: { text: '各地区在册户数（按办理环节）' },
      data: [{ id: 'households', values }],
      xField: 'region',
      yField: 'households',
      seriesField: 'state',
      stack: true,
      legends: { visible: true, orient: 'bottom' },
    },
  };
}

function overdueRow(raw: EscalationItem, options: TimeOptions): string {
  const item = maskForGroup(raw);
  const d = describeDeadline(item.deadlineAt, options);
  const officer = item.officerName || item.officerOpenId ? mention(item.officerOpenId, item.officerName ?? '') : '未指定责任人';
  const region = item.regionName ? ` · ${escapeMarkdown(item.regionName)}` : '';
  return `- **${escapeMarkdown(item.headName)}** · ${grey(escapeMarkdown(item.archiveNo))} · ${escapeMarkdown(item.stateTitle)}${region} · 责任人 ${officer} · ${colouredLabel(d)}`;
}

/** "+3", "-2", "0"; "—" without yesterday's figure. More overdue is shown in red. */
function change(value: DigestFigures['householdsChange'], redWhenUp = false): string {
  if (value === null) return '—';
  const text = value > 0 ? `+${n(value)}` : value < 0 ? `-${n(-value)}` : '0';
  return redWhenUp && value > 0 ? `<font color='red'>${text}</font>` : text;
}

function n(value: number): string {
  return numberFormat.format(value);
}

/** "10月14日（周二）" of a YYYY-MM-DD day. */
function formatDay(day: string): string {
  const [, month, date] = day.split('-').map(Number);
  return `${month}月${date}日（周${weekdays[weekdayOf(day)] ?? ''}）`;
}
