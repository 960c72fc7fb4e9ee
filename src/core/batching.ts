// Batching (DESIGN.md section 9): past `max-jobs`, detect packs the models to train into at most
// that many matrix jobs. Only models that need the same runner and Python share a job (the group
// key), and the jobs of a group are balanced by each model's last training time: the job takes as
// long as its models together, and the matrix as long as its longest job. Pure: detect gives the
// times it read from the ledger.
import type { ModelConfig } from './config.js'
import { UserError } from '../errors.js'

export interface PackingOptions<T> {
  /** At most this many batches, 1 or more. */
  maxBatches: number
  /** Items of different groups never share a batch. */
  groupOf: (item: T) => string
  /** The item's last measured training time in seconds; undefined when unknown. */
  secondsOf: (item: T) => number | undefined
}

/**
 * No model trains in no time: a job also installs, uploads and reports each of its models. This
 * keeps models measured at 0 s from piling up in one batch.
 */
const LEAST_SECONDS = 1

/**
 * What each item is taken to cost: its measured time (at least LEAST_SECONDS); an item without
 * one, the median of those with one; with none measured at all, the same for every item, which
 * balances the batches by their count of items.
 */
export function trainingWeights(seconds: ReadonlyArray<number | undefined>): number[] {
  const known = seconds.filter((value): value is number => value !== undefined && Number.isFinite(value) && value >= 0).map((value) => Math.max(LEAST_SECONDS, value))
  const typical = known.length === 0 ? LEAST_SECONDS : median(known)
  return seconds.map((value) => (value !== undefined && Number.isFinite(value) && value >= 0 ? Math.max(LEAST_SECONDS, value) : typical))
}

/**
 * Packs `items` into at most `options.maxBatches` batches, each of one group, none empty:
 *
 * 1. Each group gets one batch; then, one at a time, the group whose batches would take the
 *    longest on average (its total time over its batch count) gets another, until the batches run
 *    out, or every group's average is down to the longest single item (no split can end the
 *    matrix sooner than that item does, so more batches would only cost runners).
 * 2. Within a group, longest item first, each item goes into the batch with the least time so far
 *    (the longest-processing-time-first rule; ties to the earlier batch).
 *
 * Deterministic: the same items in the same order give the same batches. Items keep their given
 * order inside a batch, and batches are in the order of their first item.
 */
export function packBatches<T>(items: readonly T[], options: PackingOptions<T>): T[][] {
  if (!Number.isInteger(options.maxBatches) || options.maxBatches < 1) throw new Error(`packBatches: maxBatches is ${options.maxBatches}`)
  const weights = trainingWeights(items.map(options.secondsOf))
  const groups = new Map<string, number[]>()
  items.forEach((item, index) => {
    const key = options.groupOf(item)
    const members = groups.get(key)
    if (members) members.push(index)
    else groups.set(key, [index])
  })
  if (groups.size > options.maxBatches) {
    throw new UserError(
      `max-jobs is ${options.maxBatches}, but the ${items.length} models to train need ${groups.size} different pairs of runs-on and python, and models of different pairs never share a job; raise max-jobs to ${groups.size} or more`,
      { input: 'max-jobs' }
    )
  }
  const members = [...groups.values()]
  const counts = allotBatches(
    members.map((indexes) => indexes.reduce((sum, index) => sum + weights[index], 0)),
    members.map((indexes) => indexes.length),
    Math.max(...weights),
    options.maxBatches
  )
  const batches = members.flatMap((indexes, group) => longestFirst(indexes, weights, counts[group]))
  return batches.sort((a, b) => a[0] - b[0]).map((batch) => batch.map((index) => items[index]))
}

/** How many batches each group gets (see packBatches, step 1). */
function allotBatches(totals: readonly number[], sizes: readonly number[], longestItem: number, maxBatches: number): number[] {
  const counts = totals.map(() => 1)
  for (let left = maxBatches - counts.length; left > 0; left--) {
    let busiest = -1
    for (let group = 0; group < totals.length; group++) {
      if (counts[group] >= sizes[group] || totals[group] / counts[group] <= longestItem) continue
      if (busiest === -1 || totals[group] / counts[group] > totals[busiest] / counts[busiest]) busiest = group
    }
    if (busiest === -1) break
    counts[busiest]++
  }
  return counts
}

/** The items `indexes` (of one group) in `count` batches, longest first into the least loaded (see packBatches, step 2). */
function longestFirst(indexes: readonly number[], weights: readonly number[], count: number): number[][] {
  const batches = Array.from({ length: count }, () => ({ load: 0, indexes: [] as number[] }))
  const byLength = [...indexes].sort((a, b) => weights[b] - weights[a] || a - b)
  for (const index of byLength) {
    let least = batches[0]
    for (const batch of batches) if (batch.load < least.load) least = batch
    least.load += weights[index]
    least.indexes.push(index)
  }
  return batches.map((batch) => batch.indexes.sort((a, b) => a - b))
}

/**
 * Whether a model changes the runner's own Python while it sets up: `venv: false` installs its
 * requirements into the interpreter itself, where a model training beside it (whose venv inherits
 * that interpreter's packages) would see them half installed, and a second such install would race
 * it. Such a model trains alone.
 */
export function installsIntoInterpreter(config: Pick<ModelConfig, 'venv' | 'requirements'>): boolean {
  return !config.venv && config.requirements !== undefined
}

/** Why models train one at a time beside `model` (see installsIntoInterpreter). */
export function trainsAloneBecause(model: string): string {
  return `${model} has venv: false, so its requirements install into the runner's own Python`
}

/**
 * How many of a batch's `models` train at once: `requested` (detect's `jobs` input), at most one per
 * model, and 1 when any of them must train alone (see installsIntoInterpreter).
 */
export function trainingsAtOnce(requested: number, models: number, anyAlone: boolean): number {
  return anyAlone ? 1 : Math.max(1, Math.min(requested, models))
}

/** The id of batch `index` (0-based) of `count`: "b001", "b002", ... as wide as the largest. */
export function batchId(index: number, count: number): string {
  return `b${String(index + 1).padStart(Math.max(3, String(count).length), '0')}`
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}
