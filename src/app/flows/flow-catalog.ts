// Published flow versions, parsed and built once per process: restoring a case needs the exact
// version it started with, and building an XState machine per request would be wasted work.
import type { Db } from '../../db/create-prisma.ts';
import { AppError } from '../../core/app-error.ts';
import { buildFlowMachine, type FlowMachine } from '../../core/flows/build-flow-machine.ts';
import type { FlowDefinition } from '../../core/flows/flow-types.ts';

export interface LoadedFlow {
  flow: FlowDefinition;
  machine: FlowMachine;
  version: number;
}

export class FlowCatalog {
  /**
   * `cache`: versions already built, shared by catalogs of the same database (a Worker isolate
   * builds a catalog per request): a published version never changes.
   */
  constructor(
    private readonly db: Db,
    private readonly cache = new Map<string, LoadedFlow>(),
  ) {}

  async get(flowId: string, version: number): Promise<LoadedFlow> {
    const key = `${flowId}@${version}`;
    const hit = this.cache.get(key);
    if (hit) return hit;
    const row = await this.db.flowVersion.findUnique({ where: { flowId_version: { flowId, version } } });
    if (!row) throw new AppError('not_found', `流程 ${flowId} 的第 ${version} 版不存在：请先用 huhuqing flows publish 发布`);
    const flow = row.definition as unknown as FlowDefinition;
    const loaded = { flow, machine: buildFlowMachine(flow), version };
    this.cache.set(key, loaded);
    return loaded;
  }

  async latest(flowId: string): Promise<LoadedFlow> {
    const row = await this.db.flowVersion.findFirst({ where: { flowId }, orderBy: { version: 'desc' }, select: { version: true } });
    if (!row) throw new AppError('not_found', `流程 ${flowId} 尚未发布：请先运行 huhuqing flows publish flows/${flowId}.json`);
    return this.get(flowId, row.version);
  }
}
