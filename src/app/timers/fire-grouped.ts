// Fires a group of claimed timers in one atomic step: they are marked fired only if this tick still
// holds their claim (a tick that lost its lease changes nothing), together with the effects. On D1
// the step is one batch, so a lost claim or a dying invocation leaves every timer and effect as it was.
import type { EngineDeps, Tx } from '../cases/engine-deps.ts';
import { inAtomicStep } from '../../db/in-transaction.ts';

export class ClaimLost extends Error {}

export async function fireGrouped(
  deps: EngineDeps,
  ids: number[],
  token: string,
  now: Date,
  effects: (tx: Tx) => Promise<void>,
): Promise<boolean> {
  try {
    await inAtomicStep(deps.db, async (tx, step) => {
      // In chunks: SQLite (through Prisma) takes at most 999 bound parameters per statement.
      for (let i = 0; i < ids.length; i += 500) {
        const chunk = ids.slice(i, i + 500);
        const r = await tx.timer.updateMany({
          where: { id: { in: chunk }, status: 'claimed', claimedBy: token },
          data: { status: 'fired', firedAt: now },
        });
        await step.expectChanged(r.count, chunk.length, () => new ClaimLost());
      }
      await effects(tx);
    });
    return true;
  } catch (error) {
    if (!(error instanceof ClaimLost)) throw error;
    return false;
  }
}
