// Fires a group of claimed timers in one transaction: they are marked fired only if this tick still
// holds their claim (a tick that lost its lease changes nothing), together with the effects.
import type { EngineDeps, Tx } from '../cases/engine-deps.ts';
import { hasInteractiveTransactions, inTransaction } from '../../db/in-transaction.ts';

export class ClaimLost extends Error {}

export async function fireGrouped(
  deps: EngineDeps,
  ids: number[],
  token: string,
  now: Date,
  effects: (tx: Tx) => Promise<void>,
): Promise<boolean> {
  try {
    await inTransaction(deps.db, async (tx) => {
      // In chunks: SQLite (through Prisma) takes at most 999 bound parameters per statement.
      let marked = 0;
      for (let i = 0; i < ids.length; i += 500) {
        const r = await tx.timer.updateMany({
          where: { id: { in: ids.slice(i, i + 500) }, status: 'claimed', claimedBy: token },
          data: { status: 'fired', firedAt: now },
        });
        marked += r.count;
      }
      if (marked !== ids.length) throw new ClaimLost();
      await effects(tx);
    });
    return true;
  } catch (error) {
    if (!(error instanceof ClaimLost)) throw error;
    // Without rollback (D1) the timers this tick did mark stay marked: hand them back as claims of
    // this tick, so the next tick takes them over after the lease and fires them with their effects.
    if (!hasInteractiveTransactions(deps.db)) {
      for (let i = 0; i < ids.length; i += 500) {
        await deps.db.timer.updateMany({
          where: { id: { in: ids.slice(i, i + 500) }, status: 'fired', claimedBy: token, firedAt: now },
          data: { status: 'claimed', firedAt: null },
        });
      }
    }
    return false;
  }
}
