// How audit actions read in Chinese: the CLI timeline (`huhuqing case`) and the console's household page.
export const auditActionLabels: Readonly<Record<string, string>> = {
  'case.opened': '立案',
  'case.transition': '状态变更',
  'case.event': '记录',
  'case.deadline_passed': '已过期限',
  'case.deadline_extended': '延长期限',
  'case.migrated': '迁移到新版流程',
  'reminder.sent': '发送提醒',
  'reminder.unroutable': '提醒无法送达',
  'escalation.sent': '督办',
  'escalation.unroutable': '督办无法送达',
  'escalation.acknowledged': '已督办确认',
  'household.updated': '档案更新',
  'household.reassigned': '改派责任人',
  'household.personal_data_viewed': '查看完整个人信息',
};

/** Where an audit event came from. */
export const auditSourceLabels: Readonly<Record<string, string>> = {
  card: '卡片',
  chat: '聊天',
  scheduler: '定时任务',
  admin: '管理操作',
  import: '导入',
  cli: '命令行',
  console: '控制台',
};

export function auditActionLabel(action: string): string {
  return auditActionLabels[action] ?? action;
}
