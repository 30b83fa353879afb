// The chat commands users can type to the bot (issue 4), as the help card lists them.

export interface CommandHelp {
  usage: string;
  description: string;
}

export const commandCatalog: readonly CommandHelp[] = [
  { usage: '帮助', description: '显示这份说明' },
  { usage: '我的', description: '我负责（或代理）的住户和即将到期的事项' },
  { usage: '进度', description: '本群所属地区的办理进度' },
  { usage: '查 <档案编号>', description: '查看一户的办理卡片，例如：查 QJ530302-2017-0000001' },
  { usage: '绑定 督查组 <地区>', description: '管理员把本群设为该地区的督查组群，例如：绑定 督查组 麒麟区' },
  { usage: '绑定 工作群 <地区>', description: '管理员把本群设为该地区的工作群，例如：绑定 工作群 麒麟区' },
];
