// Runs background work one run at a time (Node: one process serves every request). A request while
// a run is under way only notes that more work arrived; the run is then followed by exactly one more,
// however many requests came meanwhile. Only for work that does everything due whenever it runs
// (the inbound processing claims every stored row), so coalescing requests loses nothing.

export interface SingleFlight {
  /**
   * Starts `work` now, or once more after the run under way. Work handed over meanwhile must be
   * interchangeable: only the last one given runs in that one extra pass.
   */
  run(work: () => Promise<unknown>): void;
  /** Settles once no run is under way or due (tests, shutdown). */
  idle(): Promise<void>;
}

/** `onError` (must not throw): a run that rejected or threw; the runner carries on all the same. */
export function createSingleFlight(onError: (error: unknown) => void): SingleFlight {
  let current: Promise<void> | undefined;
  let next: (() => Promise<unknown>) | undefined;

  const drain = async (work: () => Promise<unknown>): Promise<void> => {
    for (;;) {
      try {
        await work();
      } catch (error) {
        onError(error);
      }
      if (!next) return;
      work = next;
      next = undefined;
    }
  };

  return {
    run(work) {
      if (current) {
        next = work;
        return;
      }
      // Started a microtask later, once `current` is set: a request the work makes itself queues too.
      current = Promise.resolve()
        .then(() => drain(work))
        .finally(() => (current = undefined));
    },
    async idle() {
      while (current) await current;
    },
  };
}
