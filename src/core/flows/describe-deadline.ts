// Durations, deadlines and ladders in Chinese, for the diff and the docs: "10 个工作日", "按该户脱困时限".
import type { Deadline, Duration, EscalationRung, Reminder } from './flow-types.ts';
import { escalationTargetTitles } from './registry.ts';

const units: Record<string, string> = { workdays: '个工作日', days: '天', hours: '小时', minutes: '分钟' };

export function describeDuration(d: Duration): string {
  const [unit, amount] = Object.entries(d)[0] ?? ['', 0];
  return `${amount} ${units[unit] ?? unit}`;
}

export function describeDeadline(d: Deadline | undefined): string {
  if (d === undefined) return '无期限';
  if ('date' in d) return `${d.date} 前`;
  if ('household' in d) return '按该户脱困时限';
  return describeDuration(d);
}

export function describeReminders(list: readonly Reminder[] | undefined): string {
  return list && list.length > 0 ? list.map((r) => `期限前 ${describeDuration(r.before)}`).join('、') : '无提醒';
}

export function describeLadder(list: readonly EscalationRung[] | undefined): string {
  if (!list || list.length === 0) return '无督办';
  return list
    .map((r) => {
      const repeat = r.repeat ? `，每 ${describeDuration(r.repeat.every)} 重复，至多 ${r.repeat.times} 次` : '';
      return `逾期 ${describeDuration(r.after)} → ${escalationTargetTitles[r.to]}${r.urgent ? '（加急）' : ''}${repeat}`;
    })
    .join('；');
}
