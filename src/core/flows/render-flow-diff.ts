// The Chinese text of a flow diff, one line per change, for `huhuqing flows diff` and publishing.
import { describeDeadline, describeLadder, describeReminders } from './describe-deadline.ts';
import type { FlowChange } from './diff-flows.ts';
import type { normalizeTransition } from './diff-flows.ts';
import type { CardAction, Deadline, EscalationRung, FlowDefinition, Reminder } from './flow-types.ts';

type Normalized = ReturnType<typeof normalizeTransition>;

const transition = (list: unknown) =>
  (list as Normalized)
    .map((t) =>
      [`→ ${t.target ?? '（留在原状态）'}`, t.guard && `条件 ${t.guard}`, t.actions.length > 0 && `动作 ${t.actions.join('、')}`]
        .filter(Boolean)
        .join('，'),
    )
    .join(' 或 ');

const yesNo = (v: unknown) => (v === true ? '是' : '否');

function describeCardChange(before: CardAction, after: CardAction): string {
  const parts: string[] = [];
  if (before.label !== after.label) parts.push(`文字「${before.label}」→「${after.label}」`);
  const fields = (c: CardAction) => new Map((c.form ?? []).map((f) => [f.name, f]));
  const a = fields(before);
  const b = fields(after);
  const added = [...b.keys()].filter((n) => !a.has(n));
  const removed = [...a.keys()].filter((n) => !b.has(n));
  const changed = [...b.keys()].filter((n) => a.has(n) && JSON.stringify(a.get(n)) !== JSON.stringify(b.get(n)));
  if (added.length > 0) parts.push(`表单新增字段 ${added.join('、')}`);
  if (removed.length > 0) parts.push(`表单删除字段 ${removed.join('、')}`);
  if (changed.length > 0) parts.push(`表单修改字段 ${changed.join('、')}`);
  if (JSON.stringify(before.who) !== JSON.stringify(after.who))
    parts.push(`可操作角色 ${before.who?.join('、') ?? '默认'} → ${after.who?.join('、') ?? '默认'}`);
  if (before.style !== after.style || before.confirm !== after.confirm) parts.push('样式或确认提示');
  return parts.join('；') || '细节有变';
}

export function describeFlowChange(c: FlowChange): string {
  const where = c.state === undefined ? '' : `${c.title ?? c.state}（${c.state}）：`;
  const button = (card: unknown) => `按钮「${(card as CardAction).label}」（${c.event}）`;
  switch (c.kind) {
    case 'version':
      return `版本 ${String(c.before)} → ${String(c.after)}`;
    case 'initial':
      return `初始状态 ${String(c.before)} → ${String(c.after)}`;
    case 'state_added':
      return `新增状态 ${c.state}（${c.title}）`;
    case 'state_removed':
      return `删除状态 ${c.state}（${c.title}）：仍在此状态的案件须先迁移`;
    case 'state_moved':
      return `${where}位置 ${String(c.before)} → ${String(c.after)}`;
    case 'title':
      return `${where}标题「${String(c.before)}」→「${String(c.after)}」`;
    case 'deadline':
      return `${where}期限 ${describeDeadline(c.before as Deadline)} → ${describeDeadline(c.after as Deadline)}`;
    case 'open_ended':
      return `${where}不设期限 ${yesNo(c.before)} → ${yesNo(c.after)}`;
    case 'remind':
      return `${where}提醒 ${describeReminders(c.before as Reminder[])} → ${describeReminders(c.after as Reminder[])}`;
    case 'escalate':
      return `${where}督办梯度 ${describeLadder(c.before as EscalationRung[])} → ${describeLadder(c.after as EscalationRung[])}`;
    case 'pause_clock':
      return `${where}停表 ${yesNo(c.before)} → ${yesNo(c.after)}`;
    case 'next_cycle':
      return `${where}下一轮 ${JSON.stringify(c.before) ?? '无'} → ${JSON.stringify(c.after) ?? '无'}`;
    case 'transition_added':
      return `${where}新增转换 ${c.event} ${transition(c.after)}`;
    case 'transition_removed':
      return `${where}删除转换 ${c.event}（原为 ${transition(c.before)}）`;
    case 'transition_changed':
      return `${where}转换 ${c.event}：${transition(c.before)} 改为 ${transition(c.after)}`;
    case 'card_action_added':
      return `${where}新增${button(c.after)}`;
    case 'card_action_removed':
      return `${where}删除${button(c.before)}`;
    case 'card_action_changed':
      return `${where}${button(c.after)}：${describeCardChange(c.before as CardAction, c.after as CardAction)}`;
  }
}

export function renderFlowDiff(before: FlowDefinition, after: FlowDefinition, changes: readonly FlowChange[]): string {
  const head = `${after.id}：版本 ${before.version} → ${after.version}`;
  const lines = changes.filter((c) => c.kind !== 'version').map((c) => `  · ${describeFlowChange(c)}`);
  const out = [lines.length === 0 ? `${head}，没有变化` : `${head}，共 ${lines.length} 处变更：`, ...lines];
  if (after.version <= before.version) out.push(`注意：新版本号应大于 ${before.version}，发布前请把 version 改为 ${before.version + 1}`);
  return out.join('\n') + '\n';
}
