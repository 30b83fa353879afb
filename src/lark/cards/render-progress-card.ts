// The 进度 command's answer: a region's cases by step, with how many are overdue.
import type { Card } from './card-json.ts';
import { buildCard, escapeMarkdown, grey, markdown } from './card-elements.ts';
import type { ProgressView } from './card-views.ts';
import { formatMoment } from './format-card-time.ts';

export function renderProgressCard(view: ProgressView, options: { now: Date; tz: string }): Card {
  const rows = view.byState.map((s) => {
    const late = s.overdue ? ` · <font color='red'>逾期 ${s.overdue}</font>` : '';
    return `- ${escapeMarkdown(s.title)}：**${s.count}** 户${late}`;
  });
  const overdue = view.overdue ? `<font color='red'>${view.overdue}</font>` : '0';
  return buildCard({
    title: `办理进度 · ${view.regionName}`,
    template: view.overdue > 0 ? 'orange' : 'green',
    summary: `${view.regionName}：共 ${view.total} 户，逾期 ${view.overdue} 户`,
    elements: [
      markdown(`**在办住户**：${view.total} 户 · **已逾期**：${overdue} 户`),
      markdown(rows.length ? rows.join('\n') : '暂无住户'),
      markdown(grey(`统计时间 ${formatMoment(view.at, options.tz, options.now)}`)),
    ],
  });
}
