// The zod schema of a state's `meta`: the domain rules XState itself ignores (title, deadline,
// reminders, escalation ladder, paused clock, the card and its form). Rules that need the whole
// flow (events with transitions, forms without options…) are in check-*.ts.
import { z } from 'zod';
import { cardRoles, escalationTargets, fieldTypes, optionListNames } from './registry.ts';

const amount = z.int().min(1).max(100_000);

export const durationSchema = z
  .union(
    [
      z.strictObject({ workdays: amount }),
      z.strictObject({ days: amount }),
      z.strictObject({ hours: amount }),
      z.strictObject({ minutes: amount }),
    ],
    {
      error: '时长须写成只有一个单位的对象：{ "workdays": n }、{ "days": n }、{ "hours": n } 或 { "minutes": n }，n 为正整数',
    },
  )
  .meta({ id: 'Duration', description: '时长：一个单位，正整数。workdays 按中国法定工作日（含调休）计' });

export const deadlineSchema = z
  .union(
    [
      durationSchema,
      z.strictObject({ date: z.iso.date().meta({ description: '绝对日期 YYYY-MM-DD（当日结束前）' }) }),
      z.strictObject({ household: z.literal(true).meta({ description: '按该户导入的脱困时限' }) }),
    ],
    { error: '期限须为只有一个单位的时长（如 { "workdays": 10 }）、{ "date": "YYYY-MM-DD" } 或 { "household": true }' },
  )
  .meta({ id: 'Deadline', description: '本状态的期限，从进入状态起算（暂停计时的时间不算）' });

export const reminderSchema = z
  .strictObject({ before: durationSchema.meta({ description: '期限前多久提醒责任人' }) })
  .meta({ id: 'Reminder' });

export const escalationRungSchema = z
  .strictObject({
    after: durationSchema.meta({ description: '逾期多久（从期限起算）升到这一级' }),
    to: z.enum(escalationTargets).meta({ description: '督办对象，从本户所在地区向上找' }),
    urgent: z.boolean().optional().meta({ description: '加急（飞书加急提醒）' }),
    repeat: z
      .strictObject({ every: durationSchema, times: z.int().min(1).max(20) })
      .optional()
      .meta({ description: '无人回复「督办」时，隔多久再提醒一次、最多几次' }),
  })
  .meta({ id: 'EscalationRung', description: '督办梯度的一级：每一级等待「督办」确认，无人确认才升到下一级' });

export const formFieldSchema = z
  .strictObject({
    name: z.string().regex(/^[a-z][a-zA-Z0-9_]*$/, '字段名只能用英文字母、数字和下划线，以小写字母开头'),
    label: z.string().min(1).meta({ description: '显示给用户的中文名称' }),
    type: z.enum(fieldTypes),
    required: z.boolean().optional(),
    options: z
      .union([z.array(z.string().min(1)).min(1), z.enum(optionListNames)], {
        error: `options 须为选项数组（如 ["是", "否"]）或选项清单名：${optionListNames.join('、')}`,
      })
      .optional()
      .meta({
        description:
          'select / multi_select 的选项：数组，或清单名 causes（致困原因）、tiers（困难类型）、measures（帮扶措施）、close_reasons（撤档原因）',
      }),
    min: z.number().optional().meta({ description: 'number 字段的最小值' }),
    max: z.number().optional().meta({ description: 'number 字段的最大值' }),
    maxLength: z.int().min(1).optional().meta({ description: 'text / textarea 的最大字数' }),
  })
  .meta({ id: 'FormField' });

export const cardActionSchema = z
  .strictObject({
    event: z.string().min(1).meta({ description: '按下时发送的事件；本状态（或上级状态）的 on 里须有它的转换' }),
    label: z.string().min(1).meta({ description: '按钮文字（中文）' }),
    style: z.enum(['primary', 'danger', 'default']).optional(),
    confirm: z.string().min(1).optional().meta({ description: '按下前的确认提示' }),
    who: z.array(z.enum(cardRoles)).min(1).optional().meta({ description: '谁可以按（默认所有有权处理本户的人）' }),
    form: z.array(formFieldSchema).min(1).optional(),
  })
  .meta({ id: 'CardAction' });

export const stateMetaSchema = z
  .strictObject({
    title: z.string().min(1).meta({ description: '状态的中文名称，如 入户核实' }),
    description: z.string().optional(),
    deadline: deadlineSchema.optional(),
    openEnded: z.literal(true).optional().meta({ description: '明确表示这个非终态不设期限' }),
    remind: z.array(reminderSchema).min(1).optional().meta({ description: '期限前的提醒（汇总后发给责任人）' }),
    escalate: z.array(escalationRungSchema).min(1).optional().meta({ description: '逾期后的督办梯度，逐级上升' }),
    pauseClock: z
      .literal(true)
      .optional()
      .meta({ description: '停表：在此状态期间案件的计时暂停，回来后按剩余时间继续（如公示、延期审核）' }),
    card: z
      .strictObject({ actions: z.array(cardActionSchema).min(1) })
      .optional()
      .meta({ description: '发到群里的卡片：按钮与表单' }),
    nextCycle: z
      .strictObject({ after: durationSchema, initial: z.string().min(1) })
      .optional()
      .meta({ description: '仅终态：多久后开启下一轮（年度再核实），从哪个状态开始，沿用本户历史' }),
  })
  .meta({ id: 'StateMeta' });
