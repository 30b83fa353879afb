// The title of a case's state in the flow version it runs (入户核实), or the state key when the
// version has none (or is gone).
import type { EngineDeps } from '../cases/engine-deps.ts';
import { metaOfState } from '../cases/meta-of-state.ts';

export async function stateTitleOf(deps: EngineDeps, c: { flowId: string; flowVersion: number; state: string }): Promise<string> {
  try {
    return (await metaOfState(deps, c.flowId, c.flowVersion, c.state))?.title ?? c.state;
  } catch {
    return c.state;
  }
}
