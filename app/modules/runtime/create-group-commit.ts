/**
 * Batches small writes of concurrent callers into one: items handed in while a write is
 * running are written together by the next one (a group commit). Each caller's promise
 * settles when a write that includes its items has finished, and rejects when that write failed.
 */
export function createGroupCommit<T>(write: (items: T[]) => Promise<unknown>): (items: T[]) => Promise<void> {
  let open: { ids: T[]; written: Promise<void> } | undefined;
  let lastWrite: Promise<unknown> = Promise.resolve();
  return (ids) => {
    if (ids.length === 0) return Promise.resolve();
    if (open) {
      open.ids.push(...ids);
      return open.written;
    }
    const batch = { ids: [...ids], written: Promise.resolve() };
    batch.written = lastWrite
      .catch(() => undefined)
      .then(async () => {
        // From here on, new items start the next batch.
        if (open === batch) open = undefined;
        await write(batch.ids);
      });
    open = batch;
    lastWrite = batch.written;
    return batch.written;
  };
}
