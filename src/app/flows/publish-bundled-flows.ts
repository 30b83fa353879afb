// On start: publish each bundled flow file (flows/*.json) whose id has no published version yet,
// so a fresh installation runs the default flow without an admin step. Later versions are never
// published automatically: that is an admin's decision (huhuqing flows publish).
// Node reads the folder (publishBundledFlows); Workers bundle the files and pass their texts
// (publishFlowTexts, from src/runtime/worker.ts).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Db } from '../../db/create-prisma.ts';
import { publishFlowTexts } from './publish-flow-texts.ts';

export const bundledFlowsDir = path.resolve(import.meta.dirname, '../../../flows');

export async function publishBundledFlows(db: Db, now: Date, dir = bundledFlowsDir): Promise<string[]> {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.json') && !f.endsWith('.schema.json'))
    .map((file) => ({ source: `flows/${file}`, text: readFileSync(path.join(dir, file), 'utf8') }));
  return publishFlowTexts(db, files, now);
}
