// Cards that say what happened to a household: the result of a button (who did what when, and the
// step the case moved to), and the acknowledgement of an escalation (督办). Names are masked.
import type { OpenCallback } from './callback-value.ts';
import type { Card } from './card-json.ts';
import { button, buildCard, escapeMarkdown, markdown } from './card-elements.ts';
import type { ActivityView, Audience } from './card-views.ts';
import { describeAck, describeActivity } from './describe-activity.ts';
import { maskForAudience } from './mask-for-group.ts';

export interface ActivityCardOptions {
  now: Date;
  tz: string;
  audience: Audience;
}

export function renderResultCard(view: ActivityView, options: ActivityCardOptions): Card {
  const v = maskForAudience(view, options.audience);
  const sentence = describeActivity(v, options.tz, options.now);
  const step = v.toStateTitle && v.toStateTitle !== v.fromStateTitle ? `${v.fromStateTitle} → ${v.toStateTitle}` : v.fromStateTitle;
  return buildCard({
    title: `已处理 · ${v.archiveNo}`,
    subtitle: `户主 ${v.headName}`,
    template: 'green',
    summary: sentence,
    elements: [
      markdown(`${escapeMarkdown(sentence)}\n**户主**：${escapeMarkdown(v.headName)}\n**环节**：${escapeMarkdown(step)}`),
      openButton(v.caseId),
    ],
  });
}

export function renderAckCard(view: Omit<ActivityView, 'actionLabel' | 'toStateTitle'>, options: ActivityCardOptions): Card {
  const v = maskForAudience(view, options.audience);
  const sentence = describeAck(v, options.tz, options.now);
  return buildCard({
    title: `已督办 · ${v.archiveNo}`,
    subtitle: `户主 ${v.headName}`,
    template: 'turquoise',
    summary: sentence,
    elements: [
      markdown(`${escapeMarkdown(sentence)}\n**户主**：${escapeMarkdown(v.headName)}\n**环节**：${escapeMarkdown(v.fromStateTitle)}`),
      openButton(v.caseId),
    ],
  });
}

function openButton(caseId: number) {
  const value: OpenCallback = { a: 'open', caseId };
  return button({ text: '查看本户', value });
}
