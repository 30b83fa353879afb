// The fixed registry a flow file may name: actions, guards, escalation targets, roles and option
// lists. A flow never carries code; the implementations live in registry-actions.ts and
// registry-guards.ts, keyed by these names so the two cannot drift apart.

export const actionNames = [
  'assignOfficer',
  'recordForm',
  'extendDeadline',
  'recordReason',
  'closeCase',
  'openNextCycle',
  'notifySupervisors',
] as const;
export type ActionName = (typeof actionNames)[number];

export const guardNames = ['isAssignedOfficer', 'isSupervisorOfRegion', 'isAdmin', 'hasRequiredForm'] as const;
export type GuardName = (typeof guardNames)[number];

/** Rungs of the escalation ladder, resolved from the household's region upward by the engine. */
export const escalationTargets = ['officer', 'inspection_group', 'county_supervisor', 'city_supervisor', 'province_supervisor'] as const;
export type EscalationTarget = (typeof escalationTargets)[number];

/** Who may press a card button (the engine also checks scope: own/delegated case, own region). */
export const cardRoles = ['officer', 'supervisor', 'admin'] as const;
export type CardRole = (typeof cardRoles)[number];

export const fieldTypes = ['text', 'textarea', 'number', 'date', 'select', 'multi_select', 'person'] as const;
export type FieldType = (typeof fieldTypes)[number];

/** Named option lists a select field may use instead of an inline array (see option-lists.ts). */
export const optionListNames = ['causes', 'tiers', 'measures', 'close_reasons'] as const;
export type OptionListName = (typeof optionListNames)[number];

export const actionDescriptions: Record<ActionName, string> = {
  assignOfficer: '改派责任人：把表单字段 officer（人员）记为本户责任人',
  recordForm: '记录表单：把按钮表单的值按状态记入案件（同名字段以新值为准）',
  extendDeadline: '批准延期：按表单字段 workdays 记一次延期，返回的步骤期限顺延这么多工作日',
  recordReason: '记录理由：把表单字段 reason（及整张表单）连同状态、事件、操作人记入案件',
  closeCase: '结案：记下结案理由（表单字段 reason、note），用于销档与撤档',
  openNextCycle: '开启下一轮：标记案件需要在下一轮（年度再核实）重新开始，由引擎按终态的 nextCycle 新建案件',
  notifySupervisors: '通知督查员：记一条待发通知，由引擎发给本地区督查员',
};

export const guardDescriptions: Record<GuardName, string> = {
  isAssignedOfficer: '操作人是本户责任人或其代理人',
  isSupervisorOfRegion: '操作人是本户所在地区（或其上级地区）的督查员；管理员也可以',
  isAdmin: '操作人是管理员',
  hasRequiredForm: '表单齐全：按钮表单的必填字段都已填写且取值有效',
};

export const escalationTargetTitles: Record<EscalationTarget, string> = {
  officer: '责任人',
  inspection_group: '县区督查组群',
  county_supervisor: '县区督查员',
  city_supervisor: '市督查员',
  province_supervisor: '省督查员',
};
