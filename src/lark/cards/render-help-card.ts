// The help card (the 帮助 command, and the answer to text the bot does not understand), and the card
// posted when the bot is added to a group, explaining how an admin binds the group to a region.
import { commandCatalog } from '../commands/command-catalog.ts';
import type { Card } from './card-json.ts';
import { buildCard, escapeMarkdown, grey, markdown } from './card-elements.ts';

export interface HelpOptions {
  /** The bot's name as users @mention it. */
  botName?: string;
  /**
   * The text that was not understood. It is not repeated on the card: it may carry a name, an ID
   * number, a phone or an illness, and the card may go to a group chat (domain.md, PIPL).
   */
  unknownText?: string;
  /** A hint for an almost-right command, e.g. "请写明地区，例如：绑定 督查组 麒麟区". */
  hint?: string;
}

export function renderHelpCard(options: HelpOptions = {}): Card {
  const bot = options.botName ?? '户户清';
  const intro: string[] = [];
  if (options.unknownText !== undefined) intro.push('没有看懂这条消息。');
  if (options.hint) intro.push(escapeMarkdown(options.hint));
  const lines = commandCatalog.map((c) => `- **${escapeMarkdown(c.usage)}**：${escapeMarkdown(c.description)}`);
  return buildCard({
    title: `${bot} · 使用说明`,
    template: 'blue',
    summary: `${bot}的命令：帮助、我的、进度、查、绑定`,
    elements: [
      ...(intro.length ? [markdown(intro.join('\n'))] : []),
      markdown(`在群里 @${escapeMarkdown(bot)} 或在单聊中直接发送：\n${lines.join('\n')}`),
      markdown(grey('卡片上的按钮和表单可直接办理；住户姓名在群聊中会脱敏显示。')),
    ],
  });
}

export function renderBindHelpCard(options: { botName?: string } = {}): Card {
  const bot = escapeMarkdown(options.botName ?? '户户清');
  return buildCard({
    title: '请绑定本群',
    template: 'wathet',
    summary: '户户清已加入本群：请管理员绑定本群的用途和地区',
    elements: [
      markdown(
        [
          '感谢添加户户清！请**管理员**在本群发送以下命令之一，告诉我本群的用途和所属地区：',
          `- \`@${bot} 绑定 督查组 麒麟区\`：本群为麒麟区的**督查组群**，接收逾期督办`,
          `- \`@${bot} 绑定 工作群 麒麟区\`：本群为麒麟区的**工作群**，责任人在此接收和办理卡片`,
          '地区可写全称，如「曲靖市麒麟区」。',
        ].join('\n'),
      ),
      markdown(grey(`只有管理员可以绑定；绑定后发送 @${bot} 帮助 查看全部命令。`)),
    ],
  });
}
