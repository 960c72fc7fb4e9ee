// Compare: a model's metrics at head against its baseline, one verdict per metric (DESIGN.md
// section 5). Pure: `report` finds the baseline and the manifests, this module only judges them.
//
// The rule for "is this a regression" is isRegression; everything else here feeds it or sorts its
// answers for the comment.
import type { MetricRule, Goal as PolicyGoal, Tolerance } from './config/types.js'
import { metricPolicyFor } from './config/metric-policy.js'
import type { Manifest } from './manifest.js'

/** Which way is better for a metric; `unknown` metrics are shown without a verdict. */
export type Goal = PolicyGoal | 'unknown'

export type Verdict =
  /** Moved the right way by more than float noise. */
  | 'improved'
  /** Moved the wrong way by more than the tolerance. */
  | 'regressed'
  /** Moved the wrong way, by at most the tolerance. */
  | 'within-tolerance'
  /** Equal to the baseline up to float noise, whatever the goal. */
  | 'unchanged'
  /** No baseline value. */
  | 'new'
  /** No head value. */
  | 'removed'
  /** Changed, but the goal is unknown, so neither direction is better. */
  | 'no-verdict'

export interface MetricComparison {
  name: string
  base: number | null
  head: number | null
  /** head - base; null unless both exist. */
  change: number | null
  /** change as a percentage of |base|, so its sign is the sign of the change; null when base is 0 or either value is missing. */
  percentChange: number | null
  goal: Goal
  /** The metric's policy tolerance, or absolute 0. */
  tolerance: Tolerance
  gate: boolean
  verdict: Verdict
  /** A gated metric regressed: `report` fails. */
  gateFailed: boolean
}

export type ModelStatus =
  /** Trained at head and compared with a baseline. */
  | 'compared'
  /** Trained at head; the baseline has no such model. */
  | 'new'
  /** In the baseline, no longer in the repository. */
  | 'removed'
  /** Its training failed at head. */
  | 'failed'
  /** This run was to train it, but no manifest came back (cancelled, or crashed before upload). */
  | 'missing'

export interface ModelComparison {
  model: string
  status: ModelStatus
  /** In display order (see compareMetrics). */
  metrics: MetricComparison[]
  /** Metrics that regressed, gated or not. */
  regressions: number
  /** Gated metrics that regressed. */
  gateFailures: number
  improvements: number
}

/**
 * What this run has for a model: its manifest, or why there is none. Absence alone cannot tell a
 * deleted model from one whose job died before uploading, and only the second is a problem.
 */
export type ModelHead = Pick<Manifest, 'status' | 'metrics'> | 'missing' | 'removed'

// Name words (see nameTokens) that say which way a metric is better: DESIGN.md's words, their
// spelled-out or short forms (accuracy/acc, error/err), plurals, and AUROC and AUPRC, the AUC
// names that are written as one word.
const MAXIMIZE_WORDS = new Set(['acc', 'accuracy', 'f1', 'auc', 'auroc', 'auprc', 'precision', 'recall', 'r2'])
const MINIMIZE_WORDS = new Set(['loss', 'losses', 'error', 'errors', 'err', 'mae', 'mse', 'rmse', 'latency'])

// One word of a metric name (see nameTokens): an acronym, which ends where a capitalized word
// starts ("ROC" of "ROCAuc"), or a word of lower-case letters with at most one capital before
// them; either with the digits that follow it ("F1", "r2", "p95"); or digits alone.
const NAME_TOKEN = /\p{Lu}+(?!\p{Ll})\p{N}*|\p{Lu}?\p{Ll}+\p{N}*|\p{N}+/gu

/**
 * The words of a metric name, lower-cased. Anything but a cased letter or a digit separates words
 * ("test.f1", "val_accuracy", "train/loss", "recall@10"), and so do a capital after a lower-case
 * letter or digit ("valAccuracy", "F1Score"), the end of an acronym ("ROCAuc") and a letter after
 * a digit ("f1score", "p95latency"). Digits stay with the letters before them, so "r2" and "f1"
 * are words and "r25" is not "r2".
 */
function nameTokens(name: string): string[] {
  return Array.from(name.matchAll(NAME_TOKEN), (match) => match[0].toLowerCase())
}

/**
 * The goal a metric has when no policy gives one, from the words of its name (see nameTokens):
 * a word of MINIMIZE_WORDS (loss, error, mae, mse, rmse, latency, ...) means minimize; else a word
 * of MAXIMIZE_WORDS (acc, f1, auc, precision, recall, r2, ...) means maximize; else unknown. A minimize word wins, because it
 * names what is measured and the other words qualify it: "error_rate", "accuracy_error" and
 * "precision_loss" are all things to make small. Whole words only: "maelstrom", "accumulated"
 * and "lossless" say nothing.
 */
export function defaultGoal(name: string): Goal {
  let goal = goalByName.get(name)
  if (goal === undefined) {
    goal = goalFromTokens(nameTokens(name))
    // Names are untrusted and a manifest may hold thousands, so the cache is bounded.
    if (goalByName.size >= MAX_CACHED_GOALS) goalByName.clear()
    goalByName.set(name, goal)
  }
  return goal
}

function goalFromTokens(tokens: string[]): Goal {
  if (tokens.some((token) => MINIMIZE_WORDS.has(token))) return 'minimize'
  if (tokens.some((token) => MAXIMIZE_WORDS.has(token))) return 'maximize'
  return 'unknown'
}

// A report sees the same metric names in every model and on both sides; splitting each name once
// keeps 256 models x 50 metrics well inside the report's time budget.
const MAX_CACHED_GOALS = 10_000
const goalByName = new Map<string, Goal>()

// Two values closer than this fraction of the larger one are equal: sums of floats carry error in
// their last bits (0.1 + 0.2 is 0.30000000000000004), far below any change a metric means.
const RELATIVE_NOISE = 1e-9

function noiseFloor(base: number, head: number): number {
  return RELATIVE_NOISE * Math.max(Math.abs(base), Math.abs(head))
}

/** How far head moved in the direction that is worse for `goal`; negative when it moved the right way. */
function wrongWayMove(base: number, head: number, goal: PolicyGoal): number {
  return goal === 'maximize' ? base - head : head - base
}

/**
 * How far a metric may move the wrong way: an absolute tolerance as given; a percent tolerance as
 * that share of |base|, so with a base of 0 it allows no move at all (use an absolute tolerance
 * for a metric that can sit at 0, such as an error count).
 */
function allowedMove(tolerance: Tolerance, base: number): number {
  return tolerance.kind === 'absolute' ? tolerance.value : (Math.abs(base) * tolerance.value) / 100
}

/**
 * THE regression rule. A metric regressed when its goal is known and it moved the wrong way by
 * more than its tolerance (absolute: by more than the value; percent: by more than value% of
 * |base|, which is nothing when base is 0). "More than" means by more than float noise (a
 * billionth of the larger of base and head), so 0.3 against 0.1 + 0.2 is no move, and
 * 0.9 → 0.895 with a tolerance of 0.005 is exactly at the tolerance, not beyond it.
 */
export function isRegression(comparison: { base: number; head: number; goal: Goal; tolerance: Tolerance }): boolean {
  const { base, head, goal, tolerance } = comparison
  if (goal === 'unknown') return false
  // The tolerance is never negative (config/tolerance.ts), so a move beyond it is a wrong-way move.
  return wrongWayMove(base, head, goal) - allowedMove(tolerance, base) > noiseFloor(base, head)
}

const NO_TOLERANCE: Tolerance = { kind: 'absolute', value: 0 }

function verdictOf(base: number, head: number, goal: Goal, tolerance: Tolerance): Verdict {
  if (Math.abs(head - base) <= noiseFloor(base, head)) return 'unchanged'
  if (goal === 'unknown') return 'no-verdict'
  if (wrongWayMove(base, head, goal) < 0) return 'improved'
  return isRegression({ base, head, goal, tolerance }) ? 'regressed' : 'within-tolerance'
}

function compareMetric(name: string, base: number | null, head: number | null, rules: readonly MetricRule[]): MetricComparison {
  const policy = metricPolicyFor(name, rules)
  const goal = policy.goal ?? defaultGoal(name)
  const tolerance = policy.tolerance ?? NO_TOLERANCE
  const gate = policy.gate ?? false
  if (base === null || head === null) {
    const verdict = head === null ? 'removed' : 'new'
    return { name, base, head, change: null, percentChange: null, goal, tolerance, gate, verdict, gateFailed: false }
  }
  const change = head - base
  const percentChange = base === 0 ? null : (change / Math.abs(base)) * 100
  const verdict = verdictOf(base, head, goal, tolerance)
  return { name, base, head, change, percentChange, goal, tolerance, gate, verdict, gateFailed: gate && verdict === 'regressed' }
}

/** Display rank: what a reviewer must act on first. */
function rank(comparison: MetricComparison): number {
  if (comparison.gateFailed) return 0
  if (comparison.verdict === 'regressed') return 1
  if (comparison.verdict === 'improved') return 2
  return 3
}

function byRankThenName(a: MetricComparison, b: MetricComparison): number {
  // Names compare by UTF-16 code units, not locale, so the order is the same on every runner.
  return rank(a) - rank(b) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)
}

// Metric names are untrusted text: "constructor" or "__proto__" must not find Object.prototype.
function valueOf(metrics: Record<string, number> | undefined, name: string): number | null {
  return metrics !== undefined && Object.hasOwn(metrics, name) ? metrics[name] : null
}

/**
 * Every metric of head and base, judged under the first matching rule (metricPolicyFor) or the
 * defaults: goal by name, tolerance absolute 0, no gate. With no baseline every head metric is
 * `new`; a metric only in base is `removed`. Order: gated regressions, other regressions,
 * improvements, then everything else, each group by name.
 */
export function compareMetrics(base: Record<string, number> | undefined, head: Record<string, number>, rules: readonly MetricRule[]): MetricComparison[] {
  const names = new Set([...Object.keys(head), ...Object.keys(base ?? {})])
  return [...names].map((name) => compareMetric(name, valueOf(base, name), valueOf(head, name), rules)).sort(byRankThenName)
}

/**
 * One model's comparison. A failed training's metrics are not compared (its numbers, if any, are
 * not a result); a removed model shows its baseline metrics as removed; a missing one shows none.
 */
export function compareModel(model: string, base: Record<string, number> | undefined, head: ModelHead, rules: readonly MetricRule[]): ModelComparison {
  if (head === 'missing') return summarize(model, 'missing', [])
  if (head === 'removed') return summarize(model, 'removed', compareMetrics(base, {}, rules))
  if (head.status === 'failed') return summarize(model, 'failed', [])
  return summarize(model, base === undefined ? 'new' : 'compared', compareMetrics(base, head.metrics, rules))
}

function summarize(model: string, status: ModelStatus, metrics: MetricComparison[]): ModelComparison {
  return {
    model,
    status,
    metrics,
    regressions: metrics.filter((metric) => metric.verdict === 'regressed').length,
    gateFailures: metrics.filter((metric) => metric.gateFailed).length,
    improvements: metrics.filter((metric) => metric.verdict === 'improved').length
  }
}
