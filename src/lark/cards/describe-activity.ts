// "Who did what when" in one sentence, for result cards, acknowledgement cards and the toast a
// stale click gets: "王芳 于 11月20日 10:05 提交了「已核实」".
import type { ActivityView } from './card-views.ts';
import { formatMoment } from './format-card-time.ts';

export function describeActivity(view: Pick<ActivityView, 'actorName' | 'at' | 'actionLabel'>, tz: string, now: Date): string {
  return `${view.actorName} 于 ${formatMoment(view.at, tz, now)} 提交了「${view.actionLabel}」`;
}

export function describeAck(view: Pick<ActivityView, 'actorName' | 'at'>, tz: string, now: Date): string {
  return `${view.actorName} 于 ${formatMoment(view.at, tz, now)} 已督办`;
}
