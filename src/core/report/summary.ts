// The counts behind the report's headline, and the headline itself: one line a person reads in
// two seconds.
import { count } from './format.js'
import { modelOutcome } from './outcome.js'
import type { ReportModel } from './types.js'

export interface ReportTotals {
  /** Models this run trained: compared, new and failed ones. */
  trained: number
  /** Of those, models whose earlier outputs the run-cache gave back instead of a training. */
  reused: number
  /** Models with an improved metric and no regressed one. */
  improved: number
  /** Models with a regressed metric, gated or not. */
  regressed: number
  failed: number
  /** Expected models that reported nothing. */
  missing: number
  new: number
  removed: number
  /** Gated metrics that regressed, in all models: each fails `report`. */
  gateFailures: number
  /** Metrics that regressed, gated or not, in all models. */
  regressions: number
}

export function totals(models: readonly ReportModel[]): ReportTotals {
  const result: ReportTotals = { trained: 0, reused: 0, improved: 0, regressed: 0, failed: 0, missing: 0, new: 0, removed: 0, gateFailures: 0, regressions: 0 }
  for (const { comparison, head } of models) {
    const outcome = modelOutcome(comparison)
    if (comparison.status === 'compared' || comparison.status === 'new' || comparison.status === 'failed') result.trained++
    if (head?.runCache === 'hit' && comparison.status !== 'failed') result.reused++
    if (outcome === 'improved') result.improved++
    if (outcome === 'regressed' || outcome === 'gate-failed') result.regressed++
    if (outcome === 'failed') result.failed++
    if (outcome === 'missing') result.missing++
    if (outcome === 'new') result.new++
    if (outcome === 'removed') result.removed++
    result.gateFailures += comparison.gateFailures
    result.regressions += comparison.regressions
  }
  return result
}

/** Whether the report's status is `fail`: a gate failed, or a model failed to train or reported nothing. */
export function isFailing(totals: ReportTotals): boolean {
  return totals.gateFailures > 0 || totals.failed > 0 || totals.missing > 0
}

/**
 * Plain text, gate failures first: "1 gate failed. 4 models trained (1 reused from the run-cache):
 * 1 improved, 1 regressed, 1 steady, 1 failed. 1 missing (no result), 1 removed." The trained
 * models' parts add up to the number trained; "steady" are compared models with no metric improved
 * or regressed beyond its tolerance (unchanged, within tolerance, or moved without a goal), as the
 * legend says.
 */
export function headline(totals: ReportTotals): string {
  const sentences: string[] = []
  if (totals.gateFailures > 0) sentences.push(`${count(totals.gateFailures, 'gate')} failed`)
  const steady = totals.trained - totals.improved - totals.regressed - totals.new - totals.failed
  const parts = [
    [totals.improved, 'improved'],
    [totals.regressed, 'regressed'],
    [steady, 'steady'],
    [totals.new, 'new'],
    [totals.failed, 'failed']
  ] as const
  const breakdown = parts.filter(([n]) => n > 0).map(([n, word]) => `${n} ${word}`)
  const reused = totals.reused > 0 ? ` (${totals.reused} reused from the run-cache)` : ''
  if (totals.trained > 0) sentences.push(`${count(totals.trained, 'model')} trained${reused}: ${breakdown.join(', ')}`)
  const others = [
    totals.missing > 0 ? `${totals.missing} missing (no result)` : '',
    totals.removed > 0 ? `${totals.removed} removed` : ''
  ].filter((part) => part !== '')
  if (others.length > 0) sentences.push(others.join(', '))
  if (sentences.length === 0) return 'No models to report.'
  return `${sentences.join('. ')}.`
}
