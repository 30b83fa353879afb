// Fires a group of claimed timers in one transaction: they are marked fired only if this tick still
// holds their claim (a tick that lost its lease changes nothing), together with the effects.
import type { EngineDeps, Tx } from '../cases/engine-deps.ts';

export class ClaimLost extends Error {}

export async function fireGrouped(
  deps: EngineDeps,
  ids: number[],
  token: string,
  now: Date,
  effects: (tx: Tx) => Promise<void>,
): Promise<boolean> {
  try {
    await deps.db.$transaction(async (tx) => {
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
    if (error instanceof ClaimLost) return false;
    throw error;
  }
}
