// The report's sentences, worded once for both renderers: Markdown and the terminal differ only
// in how they show code, links, emphasis and untrusted text (an `Inline`).
import type { MetricComparison, ModelComparison } from '../compare.js'
import type { Tolerance } from '../config/types.js'
import type { Failure } from '../manifest.js'
import { truncate } from '../untrusted-text.js'
import { count, formatPair, formatPercent, formatValue } from './format.js'
import { artifactUrl, commitUrl, isSafeUrl, shortSha } from './links.js'
import type { ModelOutcome } from './outcome.js'
import type { BaselineSource, ReportHead, ReportModel } from './types.js'

/** How a renderer shows the pieces of a sentence. Every method escapes what it is given. */
export interface Inline {
  /** Untrusted or plain text. */
  text(text: string): string
  code(text: string): string
  link(text: string, url: string | undefined): string
  strong(text: string): string
}

/** Code points of a model or metric name shown; names are untrusted and may be 10,000 characters long. */
export const NAME_SHOWN = 100
/** Code points of a failure message, or of why an artifact could not be read, shown. */
const MESSAGE_SHOWN = 500

/** Where a model's baseline came from, as a phrase: "the ledger of the merge-base 3f2a9c1, from run 800". */
export function describeBaseline(baseline: BaselineSource, runUrl: string, inline: Inline): string {
  if (baseline.kind === 'none') return 'none'
  const commit = inline.link(inline.code(shortSha(baseline.sha)), commitUrl(runUrl, baseline.sha))
  if (baseline.kind === 'committed-file') return `the metrics file ${inline.code(baseline.path)} committed at ${commit}`
  const run = inline.link(`run ${baseline.runId}`, baseline.runUrl)
  switch (baseline.match) {
    case 'merge-base':
      return `the ledger of the merge-base ${commit}, from ${run}`
    case 'ancestor': {
      const before = baseline.commitsBefore === undefined ? 'an earlier commit' : `${count(baseline.commitsBefore, 'commit')} before the merge-base`
      return `the ledger of ${commit}, ${before} (the nearest one with a ledger), from ${run}`
    }
    case 'newest':
      return `the newest ledger of the default branch, at ${commit} from ${run}, ${inline.strong("not the merge-base's")}: no ledger was found in the merge-base's history`
  }
}

/** A key that is equal for equal baselines, to tell the common baseline from a model's own. */
function baselineKey(baseline: BaselineSource): string {
  switch (baseline.kind) {
    case 'none':
      return 'none'
    case 'committed-file':
      return JSON.stringify(['file', baseline.sha, baseline.path])
    case 'ledger':
      return JSON.stringify(['ledger', baseline.runId, baseline.sha, baseline.match, baseline.commitsBefore ?? null])
  }
}

/** The baseline most models share and how many share it (ties: the first in the given order), or undefined when no model has one. */
export function commonBaseline(models: readonly ReportModel[]): { baseline: BaselineSource; models: number } | undefined {
  const counts = new Map<string, { baseline: BaselineSource; models: number }>()
  for (const { baseline } of models) {
    if (baseline.kind === 'none') continue
    const key = baselineKey(baseline)
    const seen = counts.get(key)
    if (seen === undefined) counts.set(key, { baseline, models: 1 })
    else seen.models++
  }
  let best: { baseline: BaselineSource; models: number } | undefined
  for (const candidate of counts.values()) if (best === undefined || candidate.models > best.models) best = candidate
  return best
}

/** "The train phase failed with exit code 1: <message>" */
export function describeFailure(failure: Failure, inline: Inline): string {
  const how =
    failure.signal !== null ? ` when the process got ${inline.code(failure.signal)}` : failure.exit_code !== null ? ` with exit code ${failure.exit_code}` : ''
  const message = failure.message.trim()
  return `The ${inline.strong(failure.phase)} phase failed${how}${message === '' ? '.' : `: ${inline.text(truncate(message, MESSAGE_SHOWN))}`}`
}

/** "Its artifact could not be read: <why>", for a model whose artifact gave no result. */
function describeProblem(problem: string, inline: Inline): string {
  return `Its artifact could not be read: ${inline.text(truncate(problem.trim(), MESSAGE_SHOWN))}`
}

const MISSING_EXPLANATION =
  'This run was to train it, but no result came back: the job was cancelled, timed out or stopped before it uploaded its manifest.'

/** What moved in a model: "1 gate failed, 2 regressed, 3 improved, 44 unchanged". */
function describeChanges(comparison: ModelComparison): string {
  const n = (verdict: MetricComparison['verdict']) => comparison.metrics.filter((metric) => metric.verdict === verdict).length
  const parts: string[] = []
  if (comparison.regressions > 0) {
    parts.push(`${comparison.regressions} regressed${comparison.gateFailures > 0 ? ` (${comparison.gateFailures} gated)` : ''}`)
  }
  for (const [verdict, words] of [
    ['improved', 'improved'],
    ['within-tolerance', 'within tolerance'],
    ['no-verdict', 'changed without a goal'],
    ['new', 'new'],
    ['removed', 'removed'],
    ['unchanged', 'unchanged']
  ] as const) {
    const k = n(verdict)
    if (k > 0) parts.push(`${k} ${words}`)
  }
  return parts.length > 0 ? parts.join(', ') : 'no metrics'
}

/** Every gated metric that regressed, with its model, in report order: the lines under the headline. */
export function gateFailuresOf(models: readonly ReportModel[]): Array<{ model: string; metric: MetricComparison }> {
  return models.flatMap(({ comparison }) => comparison.metrics.filter((metric) => metric.gateFailed).map((metric) => ({ model: comparison.model, metric })))
}

/** "`fraud` › `accuracy`: 0.93 → 0.9 (-3.2%), tolerance 0.005", a line under the headline after its mark. */
export function describeGateFailure(model: string, metric: MetricComparison, inline: Inline): string {
  const [base, head] = formatPair(metric.base, metric.head)
  return `${inline.code(model)} › ${inline.code(metric.name)}: ${base} → ${head} (${formatPercent(metric.percentChange)}), tolerance ${describeTolerance(metric.tolerance)}`
}

function describeTolerance(tolerance: Tolerance): string {
  return tolerance.kind === 'percent' ? `${formatValue(tolerance.value)}%` : formatValue(tolerance.value)
}

/** What happened to a model, after its name in a heading: "training failed", "2 regressed, 48 unchanged". */
export function describeOutcome(comparison: ModelComparison, outcome: ModelOutcome): string {
  switch (outcome) {
    case 'failed':
      return 'training failed'
    case 'missing':
      return 'no result'
    case 'removed':
      return 'removed'
    case 'new':
      return `new model, ${count(comparison.metrics.length, 'metric')}`
    case 'unchanged':
      return `${count(comparison.metrics.length, 'metric')}, all unchanged`
    default:
      return describeChanges(comparison)
  }
}

/** ", MLflow run" linked to the training's run page, or why MLflow was skipped. */
function describeMlflowRun(mlflow: ReportHead['mlflow'], inline: Inline): string {
  if (mlflow === undefined) return ''
  if ('skipped' in mlflow) return `; MLflow skipped: ${inline.text(truncate(mlflow.skipped, MESSAGE_SHOWN))}`
  return isSafeUrl(mlflow.url) ? `, ${inline.link('MLflow run', mlflow.url)}` : ''
}

/**
 * The facts under a model's heading: the failure, absence or unreadable artifact and the job
 * log, the version and artifact trained, and the baseline when it is not the one most models
 * share (`common`).
 */
export function modelFacts(model: ReportModel, runUrl: string, common: BaselineSource | undefined, inline: Inline): string[] {
  const { comparison, head } = model
  const facts: string[] = []
  if (comparison.status === 'failed' && head?.failure) facts.push(describeFailure(head.failure, inline))
  if (model.problem !== undefined) facts.push(describeProblem(model.problem, inline))
  if (comparison.status === 'missing') facts.push(MISSING_EXPLANATION)
  if (comparison.status === 'removed') facts.push('No longer in the repository.')
  const logUrl = model.logUrl ?? runUrl
  if ((comparison.status === 'failed' || comparison.status === 'missing') && isSafeUrl(logUrl)) facts.push(inline.link('Job log', logUrl))
  if (head !== undefined && comparison.status !== 'failed') {
    const cache = head.runCache === 'hit' ? ' (run-cache hit: the earlier outputs were reused)' : ''
    const artifact = inline.link(inline.code(head.artifactName), artifactUrl(runUrl, head.runId, head.artifactId))
    facts.push(`Version ${inline.code(head.version)}${cache}, artifact ${artifact}${describeMlflowRun(head.mlflow, inline)}`)
  } else if (head?.mlflow !== undefined && 'url' in head.mlflow && isSafeUrl(head.mlflow.url)) {
    facts.push(inline.link('MLflow run', head.mlflow.url))
  }
  if (model.baseline.kind !== 'none' && (common === undefined || baselineKey(model.baseline) !== baselineKey(common))) {
    facts.push(`Baseline: ${describeBaseline(model.baseline, runUrl, inline)}`)
  }
  if (model.baseVersion !== undefined && comparison.status !== 'new') facts.push(`Baseline version ${inline.code(model.baseVersion)}`)
  return facts
}
