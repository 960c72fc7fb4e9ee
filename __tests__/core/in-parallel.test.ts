/** The CLI's training pool: at most N at once, started in order, results in order. */
import { expect, test } from '@jest/globals'
import { inParallel } from '../../src/core/in-parallel.js'

test('runs at most `limit` items at once and returns the results in the items\' order', async () => {
  let running = 0
  let most = 0
  const started: number[] = []
  const results = await inParallel([30, 5, 20, 1, 10], 2, async (delay) => {
    started.push(delay)
    most = Math.max(most, ++running)
    await new Promise((resolve) => setTimeout(resolve, delay))
    running--
    return delay * 2
  })
  expect(results).toEqual([60, 10, 40, 2, 20])
  expect(started).toEqual([30, 5, 20, 1, 10])
  expect(most).toBe(2)
})

test('a limit above the number of items, or below 1, still runs every item', async () => {
  expect(await inParallel(['a', 'b'], 16, async (item) => item.toUpperCase())).toEqual(['A', 'B'])
  expect(await inParallel(['a', 'b'], 0, async (item) => item.toUpperCase())).toEqual(['A', 'B'])
  expect(await inParallel([], 4, async (item) => item)).toEqual([])
})
