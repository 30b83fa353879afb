// On start: publish each bundled flow file (flows/*.json) whose id has no published version yet,
// so a fresh installation runs the default flow without an admin step. Later versions are never
// published automatically: that is an admin's decision (huhuqing flows publish).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Db } from '../../db/create-prisma.ts';
import { publishFlow } from './publish-flow.ts';

export const bundledFlowsDir = path.resolve(import.meta.dirname, '../../../flows');

export async function publishBundledFlows(db: Db, now: Date, dir = bundledFlowsDir): Promise<string[]> {
  const published: string[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json') && !f.endsWith('.schema.json'))) {
    const text = readFileSync(path.join(dir, file), 'utf8');
    const id = (JSON.parse(text) as { id?: string }).id;
    if (!id || (await db.flowVersion.count({ where: { flowId: id } })) > 0) continue;
    const r = await publishFlow(db, text, `flows/${file}`, { actor: 'system', now });
    published.push(`${r.flowId}@${r.version}`);
  }
  return published;
}
