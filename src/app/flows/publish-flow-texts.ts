// Publishes the given flow files (source name and text) whose id has no published version yet.
// Runtime-neutral: Node reads them from flows/, Workers bundle them.
import type { Db } from '../../db/create-prisma.ts';
import { publishFlow } from './publish-flow.ts';

export async function publishFlowTexts(db: Db, files: { source: string; text: string }[], now: Date): Promise<string[]> {
  const published: string[] = [];
  for (const { source, text } of files) {
    const id = (JSON.parse(text) as { id?: string }).id;
    if (!id || (await db.flowVersion.count({ where: { flowId: id } })) > 0) continue;
    const r = await publishFlow(db, text, source, { actor: 'system', now });
    published.push(`${r.flowId}@${r.version}`);
  }
  return published;
}
