// The zod schema of a flow file (flows/*.json): a valid XState v5 machine config whose states carry
// the domain rules in `meta` (state-meta-schema.ts). flows/flow.schema.json is generated from it.
import { z } from 'zod';
import { actionNames, guardNames } from './registry.ts';
import { stateMetaSchema } from './state-meta-schema.ts';

export const stateKeyPattern = /^[a-z][a-z0-9_]*$/;
const stateKey = z.string().regex(stateKeyPattern, '状态名只能用小写英文字母、数字和下划线，以字母开头（如 verifying）');

export const transitionObjectSchema = z
  .strictObject({
    target: z.string().min(1).optional().meta({ description: '目标状态：同级状态名、"父.子"、".子" 或 "#流程id.路径"；不写则留在原状态' }),
    guard: z.enum(guardNames).optional().meta({ description: '条件（固定清单）' }),
    actions: z
      .union([z.enum(actionNames), z.array(z.enum(actionNames))], {
        error: `actions 须为动作名或动作名数组，可用：${actionNames.join('、')}`,
      })
      .optional()
      .meta({ description: '动作（固定清单）' }),
    reenter: z.boolean().optional(),
    description: z.string().optional(),
  })
  .meta({ id: 'TransitionObject' });

export const transitionSchema = z
  .union([z.string().min(1), transitionObjectSchema, z.array(transitionObjectSchema).min(1)], {
    error: '转换须为目标状态名、{ "target": …, "guard": …, "actions": … }，或这样的对象数组（按顺序取第一个条件成立的）',
  })
  .meta({ id: 'Transition' });

export const stateNodeSchema = z
  .strictObject({
    type: z.enum(['atomic', 'compound', 'final', 'history']).optional(),
    initial: z.string().min(1).optional().meta({ description: '复合状态的初始子状态' }),
    history: z.enum(['shallow', 'deep']).optional().meta({ description: '历史状态：记住上次离开时的子状态' }),
    description: z.string().optional(),
    meta: stateMetaSchema.optional(),
    on: z.record(z.string().min(1), transitionSchema).optional(),
    get states(): z.ZodOptional<z.ZodRecord<z.ZodString, typeof stateNodeSchema>> {
      return z.record(stateKey, stateNodeSchema).optional();
    },
  })
  .meta({ id: 'StateNode' });

export const flowSchema = z
  .strictObject({
    $schema: z.string().optional().meta({ description: '"./flow.schema.json"：让编辑器校验和补全' }),
    id: z.string().regex(/^[a-z][a-z0-9_-]*$/, '流程 id 只能用小写英文字母、数字、- 和 _，以字母开头（如 huhuqing）'),
    version: z.int().min(1).max(1_000_000).meta({ description: '版本号，正整数；发布新版本时加一' }),
    description: z.string().optional(),
    initial: z.string().min(1).meta({ description: '初始状态' }),
    states: z.record(stateKey, stateNodeSchema),
  })
  .meta({ title: '户户清流程定义', description: 'XState v5 状态机配置（JSON），领域规则写在各状态的 meta 里' });
