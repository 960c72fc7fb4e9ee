/**
 * Runs `work` on every item, at most `limit` at a time, starting them in order; the results come
 * back in the items' order. `work` must not throw (it catches what it can handle): a throw rejects
 * the pool at once, while the items already started still run.
 */
export async function inParallel<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length)
  let next = 0
  const worker = async () => {
    while (next < items.length) {
      const index = next++
      results[index] = await work(items[index])
    }
  }
  await Promise.all(Array.from({ length: Math.min(Math.max(1, limit), items.length) }, worker))
  return results
}
