// Publishing a flow stores a new version; running cases keep the version they started with.
// The file must validate, and its version must be higher than the latest published one.
import { createHash } from 'node:crypto';
import { AppError } from '../../core/app-error.ts';
import { validateFlow } from '../../core/flows/validate-flow.ts';
import type { Db } from '../../db/create-prisma.ts';

export async function publishFlow(
  db: Db,
  text: string,
  source: string,
  meta: { actor: string; now: Date },
): Promise<{ flowId: string; version: number; unchanged: boolean }> {
  const checked = validateFlow(text, source);
  if (!checked.ok) {
    throw new AppError(
      'flow_invalid',
      `流程文件 ${source} 有 ${checked.problems.length} 处问题，未发布：运行 huhuqing flows validate ${source} 查看`,
      checked.problems.map((p) => `${p.path}: ${p.message}`),
    );
  }
  const flow = checked.flow;
  const checksum = createHash('sha256').update(JSON.stringify(flow)).digest('hex');
  const latest = await db.flowVersion.findFirst({ where: { flowId: flow.id }, orderBy: { version: 'desc' } });
  if (latest && latest.checksum === checksum) return { flowId: flow.id, version: latest.version, unchanged: true };
  if (latest && flow.version <= latest.version) {
    throw new AppError(
      'flow_invalid',
      `流程 ${flow.id} 已发布到第 ${latest.version} 版：新文件的 "version" 须大于 ${latest.version}（当前为 ${flow.version}）`,
    );
  }
  await db.$transaction([
    db.flowVersion.create({
      data: {
        flowId: flow.id,
        version: flow.version,
        definition: flow as object,
        checksum,
        publishedAt: meta.now,
        publishedBy: meta.actor,
      },
    }),
    db.auditEvent.create({
      data: {
        at: meta.now,
        actor: meta.actor,
        source: 'admin',
        action: 'flow.published',
        after: { flowId: flow.id, version: flow.version, checksum },
      },
    }),
  ]);
  return { flowId: flow.id, version: flow.version, unchanged: false };
}
