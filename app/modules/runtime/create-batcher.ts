export interface BatcherOptions {
  /** Items per batch at most. */
  maxBatch: number;
}

interface Waiting<I, O> {
  item: I;
  resolve: (result: O) => void;
  reject: (error: unknown) => void;
}

/**
 * Coalesces concurrent calls into batches, one batch at a time: items handed in while a batch
 * runs are run together by the next one, so a burst costs a few batches rather than one round
 * of queries per item, and a lone call waits for nothing but the current turn of the event loop.
 * `runBatch` returns one result per item, in order. When a batch fails, each of its items is
 * run again as a batch of its own, so one bad item fails only its own caller.
 */
export function createBatcher<I, O>(runBatch: (items: I[]) => Promise<O[]>, options: BatcherOptions): (item: I) => Promise<O> {
  const waiting: Array<Waiting<I, O>> = [];
  let running = false;
  let drainScheduled = false;

  async function runSettling(batch: Array<Waiting<I, O>>): Promise<void> {
    try {
      const results = await runBatch(batch.map((entry) => entry.item));
      if (results.length !== batch.length) throw new Error(`a batch of ${batch.length} returned ${results.length} results`);
      batch.forEach((entry, index) => entry.resolve(results[index] as O));
    } catch (error) {
      if (batch.length === 1) {
        batch[0]!.reject(error);
        return;
      }
      for (const entry of batch) await runSettling([entry]);
    }
  }

  function scheduleDrain(): void {
    if (running || drainScheduled || waiting.length === 0) return;
    drainScheduled = true;
    // Calls made in the same turn of the event loop join the same batch.
    setImmediate(() => {
      drainScheduled = false;
      running = true;
      void runSettling(waiting.splice(0, options.maxBatch)).finally(() => {
        running = false;
        scheduleDrain();
      });
    });
  }

  return (item) =>
    new Promise<O>((resolve, reject) => {
      waiting.push({ item, resolve, reject });
      scheduleDrain();
    });
}
