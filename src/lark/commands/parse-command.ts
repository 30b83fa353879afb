// Parses what a user typed to the bot (the bot mention already removed) into a command: 帮助, 我的,
// 进度, 查 <档案编号>, 绑定 督查组|工作群 <地区>, with English aliases and tolerant spacing.
import { isPersonalNumber } from '../../core/privacy/is-personal-number.ts';
import { normalizeCommandText } from './normalize-command-text.ts';

export type BindPurpose = 'inspection_group' | 'officer_group';

export type ChatCommand =
  | { kind: 'help' }
  | { kind: 'mine' }
  | { kind: 'progress' }
  | { kind: 'lookup'; archiveNo: string }
  | { kind: 'bind'; purpose: BindPurpose; region: string }
  /** Not understood; `hint` says how to fix an almost-right command. */
  | { kind: 'unknown'; text: string; hint?: string };

const help = new Set(['帮助', 'help', 'h', '?', '菜单', '命令', '说明', '使用说明', '怎么用', 'menu', 'commands']);
const mine = new Set(['我的', '我的户', '我的待办', '待办', '我负责的', '我的任务', 'my', 'mine', 'todo', 'my cases']);
const progress = new Set(['进度', '进展', '统计', '办理进度', '本群进度', 'progress', 'stats', 'status']);

const lookup = /^(?:(?:查询|查看|查找|查档|查)\s*|(?:lookup|look up|find|query|search|show)\s+)(.+)$/i;
const bind = /^(?:绑定|bind)\s*(?:本群\s*)?(?:为|成|到|as|to)?\s*(.*)$/i;
const purposes: readonly [RegExp, BindPurpose][] = [
  [/^(?:督查组群|督查组|督查群|督查|inspection[ _-]?group|inspection|inspectors?)\s*/i, 'inspection_group'],
  [/^(?:工作群|工作组|办理群|帮扶群|干部群|officer[ _-]?group|officers?|work[ _-]?group|work)\s*/i, 'officer_group'],
];
const lookupWord = /^(?:查询|查看|查找|查档|查|lookup|look up|find|query|search|show)$/i;
const archiveLike = /^[A-Za-z]{0,8}\d[A-Za-z0-9_/.-]{4,}$/;
const personalHint = '请用档案编号查询，例如：查 QJ530302-2017-0000001（为保护个人信息，请勿在聊天中发送身份证号或手机号）';

export function parseCommand(text: string): ChatCommand {
  const raw = text.trim();
  if (/^[?？]+$/.test(raw)) return { kind: 'help' };
  const t = normalizeCommandText(raw);
  if (t === '') return { kind: 'help' };
  const simple = simpleCommand(t);
  if (simple) return simple;

  const b = bind.exec(t);
  if (b) return parseBind(raw, (b[1] ?? '').trim());

  const l = lookupWord.test(t) ? null : lookup.exec(t);
  if (l) {
    const archiveNo = (l[1] ?? '').trim();
    const asked = simpleCommand(archiveNo); // 查看进度, 查我的
    if (asked) return asked;
    // An ID number or a mobile is no archive number: answering "not found: <number>" would repeat it.
    if (isPersonalNumber(archiveNo)) return { kind: 'unknown', text: raw, hint: personalHint };
    // An archive number is one word with a digit in it (查看 is not 查 + "看").
    if (/\d/.test(archiveNo) && !/\s/.test(archiveNo)) return { kind: 'lookup', archiveNo };
    return { kind: 'unknown', text: raw, hint: '请写一个档案编号，例如：查 QJ530302-2017-0000001' };
  }
  if (isPersonalNumber(t)) return { kind: 'unknown', text: raw, hint: personalHint };
  if (archiveLike.test(t)) return { kind: 'lookup', archiveNo: t };
  if (lookupWord.test(t)) return { kind: 'unknown', text: raw, hint: '请写一个档案编号，例如：查 QJ530302-2017-0000001' };
  return { kind: 'unknown', text: raw };
}

function simpleCommand(t: string): ChatCommand | null {
  const lower = t.toLowerCase();
  if (help.has(lower)) return { kind: 'help' };
  if (mine.has(lower)) return { kind: 'mine' };
  if (progress.has(lower)) return { kind: 'progress' };
  return null;
}

function parseBind(raw: string, rest: string): ChatCommand {
  for (const [pattern, purpose] of purposes) {
    const m = pattern.exec(rest);
    if (!m) continue;
    // Region names have no spaces: "曲靖市 麒麟区" is "曲靖市麒麟区".
    const region = rest.slice(m[0].length).replace(/\s+/g, '');
    if (region) return { kind: 'bind', purpose, region };
    return {
      kind: 'unknown',
      text: raw,
      hint: `请写明一个地区，例如：绑定 ${purpose === 'inspection_group' ? '督查组' : '工作群'} 麒麟区`,
    };
  }
  return { kind: 'unknown', text: raw, hint: '请写明本群的用途：绑定 督查组 <地区>，或 绑定 工作群 <地区>' };
}
