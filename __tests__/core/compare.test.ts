import { describe, expect, it } from '@jest/globals'
import type { Goal, MetricComparison, Verdict } from '../../src/core/compare.js'
import { compareMetrics, compareModel, defaultGoal, isRegression } from '../../src/core/compare.js'
import type { MetricRule, Tolerance } from '../../src/core/config.js'

const NONE: Tolerance = { kind: 'absolute', value: 0 }
const absolute = (value: number): Tolerance => ({ kind: 'absolute', value })
const percent = (value: number): Tolerance => ({ kind: 'percent', value })

/** The one comparison of metric `name` between a base and a head value. */
function compareOne(name: string, base: number, head: number, rules: MetricRule[] = []): MetricComparison {
  const [comparison] = compareMetrics({ [name]: base }, { [name]: head }, rules)
  return comparison
}

const verdictOf = (name: string, base: number, head: number, rules: MetricRule[] = []): Verdict => compareOne(name, base, head, rules).verdict
const names = (comparisons: MetricComparison[]) => comparisons.map((comparison) => comparison.name)

describe('defaultGoal', () => {
  const table: Array<[string, Goal]> = [
    // maximize
    ['accuracy', 'maximize'],
    ['acc', 'maximize'],
    ['val_accuracy', 'maximize'],
    ['test.f1', 'maximize'],
    ['F1Score', 'maximize'],
    ['f1score', 'maximize'],
    ['macro_f1', 'maximize'],
    ['roc_auc', 'maximize'],
    ['ROCAuc', 'maximize'],
    ['AUROC', 'maximize'],
    ['precision', 'maximize'],
    ['precision@5', 'maximize'],
    ['eval/recall', 'maximize'],
    ['recall_at_10', 'maximize'],
    ['r2', 'maximize'],
    ['test.r2_score', 'maximize'],
    ['R2Score', 'maximize'],
    ['top5Acc', 'maximize'],
    ['valAccuracy', 'maximize'],
    // minimize
    ['loss', 'minimize'],
    ['train/loss', 'minimize'],
    ['val_loss', 'minimize'],
    ['MSELoss', 'minimize'],
    ['mean_squared_error', 'minimize'],
    ['mae', 'minimize'],
    ['test.rmse', 'minimize'],
    ['valRMSE', 'minimize'],
    ['mse', 'minimize'],
    ['p95_latency_ms', 'minimize'],
    ['latencyP99', 'minimize'],
    ['val_err', 'minimize'],
    // a minimize word qualifies the rest of the name
    ['error_rate', 'minimize'],
    ['accuracy_error', 'minimize'],
    ['precision_loss', 'minimize'],
    // whole words only, and nothing said is unknown
    ['maelstrom', 'unknown'],
    ['r25', 'unknown'],
    ['r25_count', 'unknown'],
    ['accumulated_steps', 'unknown'],
    ['lossless_ratio', 'unknown'],
    ['f10', 'unknown'],
    ['learning_rate', 'unknown'],
    ['epochs', 'unknown'],
    ['n_samples', 'unknown'],
    ['throughput', 'unknown'],
    ['', 'unknown']
  ]

  it.each(table)('%j → %s', (name, goal) => {
    expect(defaultGoal(name)).toBe(goal)
  })
})

describe('isRegression', () => {
  it('is a wrong-way move beyond an absolute tolerance', () => {
    expect(isRegression({ base: 0.9, head: 0.89, goal: 'maximize', tolerance: absolute(0.005) })).toBe(true)
    expect(isRegression({ base: 0.9, head: 0.897, goal: 'maximize', tolerance: absolute(0.005) })).toBe(false)
    expect(isRegression({ base: 0.2, head: 0.3, goal: 'minimize', tolerance: absolute(0.05) })).toBe(true)
    expect(isRegression({ base: 0.2, head: 0.22, goal: 'minimize', tolerance: absolute(0.05) })).toBe(false)
  })

  it('takes a move of exactly the tolerance as within it, despite float error in the subtraction', () => {
    // 0.9 - 0.895 is 0.0050000000000000044 in floats.
    expect(isRegression({ base: 0.9, head: 0.895, goal: 'maximize', tolerance: absolute(0.005) })).toBe(false)
    // 0.8 - 0.784 is 0.016000000000000014; 2% of 0.8 is 0.016.
    expect(isRegression({ base: 0.8, head: 0.784, goal: 'maximize', tolerance: percent(2) })).toBe(false)
  })

  it('measures a percent tolerance against |base|', () => {
    expect(isRegression({ base: 100, head: 97, goal: 'maximize', tolerance: percent(2) })).toBe(true)
    expect(isRegression({ base: 100, head: 98.5, goal: 'maximize', tolerance: percent(2) })).toBe(false)
    // A negative base: 2% of |-50| is 1.
    expect(isRegression({ base: -50, head: -51.5, goal: 'maximize', tolerance: percent(2) })).toBe(true)
    expect(isRegression({ base: -50, head: -50.5, goal: 'maximize', tolerance: percent(2) })).toBe(false)
  })

  it('allows no wrong-way move under a percent tolerance when base is 0', () => {
    expect(isRegression({ base: 0, head: 1, goal: 'minimize', tolerance: percent(50) })).toBe(true)
    expect(isRegression({ base: 0, head: 1e-12, goal: 'minimize', tolerance: percent(50) })).toBe(true)
    expect(isRegression({ base: 0, head: -1, goal: 'minimize', tolerance: percent(50) })).toBe(false)
  })

  it('uses an absolute tolerance as given when base is 0', () => {
    expect(isRegression({ base: 0, head: 0.5, goal: 'minimize', tolerance: absolute(1) })).toBe(false)
    expect(isRegression({ base: 0, head: 2, goal: 'minimize', tolerance: absolute(1) })).toBe(true)
  })

  it('reads negative values by goal, not by magnitude', () => {
    expect(isRegression({ base: -0.5, head: -0.6, goal: 'maximize', tolerance: NONE })).toBe(true)
    expect(isRegression({ base: -0.6, head: -0.5, goal: 'maximize', tolerance: NONE })).toBe(false)
    expect(isRegression({ base: -0.6, head: -0.5, goal: 'minimize', tolerance: NONE })).toBe(true)
  })

  it('ignores float noise with no tolerance', () => {
    expect(isRegression({ base: 0.3, head: 0.1 + 0.2, goal: 'minimize', tolerance: NONE })).toBe(false)
    expect(isRegression({ base: 0.1 + 0.2, head: 0.3, goal: 'maximize', tolerance: NONE })).toBe(false)
  })

  it('still sees small real moves of small values', () => {
    expect(isRegression({ base: 1e-6, head: 1.001e-6, goal: 'minimize', tolerance: NONE })).toBe(true)
  })

  it('never calls a right-way move a regression', () => {
    expect(isRegression({ base: 0.5, head: 0.9, goal: 'maximize', tolerance: NONE })).toBe(false)
    expect(isRegression({ base: 0.9, head: 0.5, goal: 'minimize', tolerance: percent(0) })).toBe(false)
  })

  it('has no opinion on a metric of unknown goal', () => {
    expect(isRegression({ base: 1, head: 1000, goal: 'unknown', tolerance: NONE })).toBe(false)
    expect(isRegression({ base: 1000, head: 1, goal: 'unknown', tolerance: NONE })).toBe(false)
  })
})

describe('compareMetrics verdicts', () => {
  const tolerant: MetricRule[] = [{ pattern: 'accuracy', policy: { tolerance: absolute(0.01) } }]

  it('improved: moved the right way', () => {
    expect(verdictOf('accuracy', 0.9, 0.92)).toBe('improved')
    expect(verdictOf('val_loss', 0.4, 0.3)).toBe('improved')
  })

  it('regressed: moved the wrong way beyond the tolerance', () => {
    expect(verdictOf('accuracy', 0.9, 0.88, tolerant)).toBe('regressed')
    expect(verdictOf('val_loss', 0.3, 0.4)).toBe('regressed')
  })

  it('within-tolerance: moved the wrong way by at most the tolerance', () => {
    expect(verdictOf('accuracy', 0.9, 0.895, tolerant)).toBe('within-tolerance')
    expect(verdictOf('accuracy', 0.9, 0.89, tolerant)).toBe('within-tolerance')
  })

  it('unchanged: equal, or equal up to float noise', () => {
    expect(verdictOf('accuracy', 0.9, 0.9)).toBe('unchanged')
    expect(verdictOf('loss', 0.3, 0.1 + 0.2)).toBe('unchanged')
    expect(verdictOf('epochs', 10, 10)).toBe('unchanged')
  })

  it('no-verdict: changed, but the goal is unknown', () => {
    expect(verdictOf('epochs', 10, 12)).toBe('no-verdict')
    expect(verdictOf('throughput', 120, 80)).toBe('no-verdict')
  })

  it('new and removed: a value on one side only', () => {
    const comparisons = compareMetrics({ accuracy: 0.9, old_metric: 1 }, { accuracy: 0.9, new_metric: 2 }, [])
    const byName = Object.fromEntries(comparisons.map((comparison) => [comparison.name, comparison]))
    expect(byName.new_metric).toMatchObject({ base: null, head: 2, change: null, percentChange: null, verdict: 'new', gateFailed: false })
    expect(byName.old_metric).toMatchObject({ base: 1, head: null, change: null, percentChange: null, verdict: 'removed', gateFailed: false })
  })

  it('makes every head metric new when there is no baseline', () => {
    const comparisons = compareMetrics(undefined, { accuracy: 0.9, loss: 0.2 }, [{ pattern: '*', policy: { gate: true } }])
    expect(comparisons.map((comparison) => comparison.verdict)).toEqual(['new', 'new'])
    expect(comparisons.every((comparison) => !comparison.gateFailed)).toBe(true)
  })

  it('reads a maximize metric going from -0.5 to -0.6 as a regression', () => {
    expect(verdictOf('reward_accuracy', -0.5, -0.6)).toBe('regressed')
    expect(verdictOf('reward_accuracy', -0.6, -0.5)).toBe('improved')
  })

  it('applies a percent tolerance from the policy', () => {
    const rules: MetricRule[] = [{ pattern: '*loss*', policy: { tolerance: percent(2) } }]
    expect(verdictOf('val_loss', 0.5, 0.509, rules)).toBe('within-tolerance')
    expect(verdictOf('val_loss', 0.5, 0.511, rules)).toBe('regressed')
    // 2% of a base of 0 is no room at all.
    expect(verdictOf('val_loss', 0, 0.001, rules)).toBe('regressed')
  })
})

describe('compareMetrics numbers', () => {
  it('reports change and percent change relative to |base|', () => {
    const up = compareOne('accuracy', 0.8, 0.9)
    expect(up.change).toBeCloseTo(0.1, 12)
    expect(up.percentChange).toBeCloseTo(12.5, 9)
    // From -0.5 to -0.6 is a fall of 20%, so the sign says "went down".
    const down = compareOne('score_acc', -0.5, -0.6)
    expect(down.change).toBeCloseTo(-0.1, 12)
    expect(down.percentChange).toBeCloseTo(-20, 9)
  })

  it('has no percent change when base is 0', () => {
    const comparison = compareOne('val_loss', 0, 0.25)
    expect(comparison.change).toBe(0.25)
    expect(comparison.percentChange).toBeNull()
  })

  it('resolves the defaults: goal by name, absolute 0 tolerance, no gate', () => {
    expect(compareOne('val_loss', 1, 1)).toMatchObject({ goal: 'minimize', tolerance: { kind: 'absolute', value: 0 }, gate: false })
    expect(compareOne('epochs', 1, 1)).toMatchObject({ goal: 'unknown' })
  })

  it('treats metric names that are Object.prototype keys as ordinary names', () => {
    const comparisons = compareMetrics({ accuracy: 0.9 }, { accuracy: 0.9, constructor: 1, toString: 2 }, [])
    const verdicts = Object.fromEntries(comparisons.map((comparison) => [comparison.name, comparison.verdict]))
    expect(verdicts).toEqual({ accuracy: 'unchanged', constructor: 'new', toString: 'new' })
  })
})

describe('compareMetrics policy', () => {
  it('lets an exact name beat an earlier glob', () => {
    const rules: MetricRule[] = [
      { pattern: '*acc*', policy: { goal: 'minimize', tolerance: absolute(1) } },
      { pattern: 'val_acc', policy: { goal: 'maximize', gate: true } }
    ]
    expect(compareOne('val_acc', 0.9, 0.8, rules)).toMatchObject({ goal: 'maximize', tolerance: NONE, gate: true, verdict: 'regressed', gateFailed: true })
    // Another name that only the glob matches gets the glob's policy.
    expect(compareOne('train_acc', 0.9, 0.8, rules)).toMatchObject({ goal: 'minimize', tolerance: absolute(1), gate: false, verdict: 'improved' })
  })

  it('takes the first matching glob and does not merge it with later ones', () => {
    const rules: MetricRule[] = [
      { pattern: 'test.*', policy: { tolerance: absolute(0.1) } },
      { pattern: '*', policy: { gate: true } }
    ]
    expect(compareOne('test.f1', 0.9, 0.85, rules)).toMatchObject({ gate: false, verdict: 'within-tolerance', gateFailed: false })
    expect(compareOne('val.f1', 0.9, 0.85, rules)).toMatchObject({ gate: true, verdict: 'regressed', gateFailed: true })
  })

  it('lets a policy goal override the goal the name suggests, and give one to an unknown name', () => {
    expect(verdictOf('error_budget_left', 10, 5, [{ pattern: 'error_budget_left', policy: { goal: 'maximize' } }])).toBe('regressed')
    expect(verdictOf('throughput', 120, 80, [{ pattern: 'throughput', policy: { goal: 'maximize' } }])).toBe('regressed')
  })

  it('fails a gate only on a regression beyond the tolerance', () => {
    const gated: MetricRule[] = [{ pattern: 'accuracy', policy: { gate: true, tolerance: absolute(0.005) } }]
    expect(compareOne('accuracy', 0.9, 0.897, gated)).toMatchObject({ verdict: 'within-tolerance', gateFailed: false })
    expect(compareOne('accuracy', 0.9, 0.89, gated)).toMatchObject({ verdict: 'regressed', gateFailed: true })
    expect(compareOne('accuracy', 0.9, 0.95, gated)).toMatchObject({ verdict: 'improved', gateFailed: false })
  })
})

describe('compareMetrics order', () => {
  it('puts gated regressions first, then other regressions, then improvements, then the rest, each by name', () => {
    const rules: MetricRule[] = [{ pattern: 'gated_*', policy: { gate: true } }]
    const base = {
      z_unchanged_acc: 0.5,
      b_improved_loss: 0.5,
      gated_b_acc: 0.9,
      a_regressed_loss: 0.1,
      y_epochs: 10,
      gated_a_loss: 0.1,
      a_improved_acc: 0.5,
      c_regressed_acc: 0.9,
      m_removed: 1,
      gated_c_acc_improved: 0.5
    }
    const head = {
      z_unchanged_acc: 0.5,
      b_improved_loss: 0.4,
      gated_b_acc: 0.8,
      a_regressed_loss: 0.2,
      y_epochs: 12,
      gated_a_loss: 0.2,
      a_improved_acc: 0.6,
      c_regressed_acc: 0.8,
      k_new: 3,
      gated_c_acc_improved: 0.6
    }
    expect(names(compareMetrics(base, head, rules))).toEqual([
      'gated_a_loss',
      'gated_b_acc',
      'a_regressed_loss',
      'c_regressed_acc',
      'a_improved_acc',
      'b_improved_loss',
      'gated_c_acc_improved',
      'k_new',
      'm_removed',
      'y_epochs',
      'z_unchanged_acc'
    ])
  })

  it('orders names by code unit, not by locale', () => {
    expect(names(compareMetrics(undefined, { b: 1, B: 1, a: 1, A: 1, 'ä': 1 }, []))).toEqual(['A', 'B', 'a', 'b', 'ä'])
  })
})

describe('compareModel', () => {
  const rules: MetricRule[] = [{ pattern: 'accuracy', policy: { gate: true } }]

  it('compares a trained model against its baseline and counts the verdicts', () => {
    const result = compareModel(
      'fraud',
      { accuracy: 0.9, 'test.f1': 0.8, val_loss: 0.3, 'test.rmse': 1 },
      { status: 'success', metrics: { accuracy: 0.85, 'test.f1': 0.7, val_loss: 0.2, 'test.rmse': 1 } },
      rules
    )
    expect(result).toMatchObject({ model: 'fraud', status: 'compared', regressions: 2, gateFailures: 1, improvements: 1 })
    expect(names(result.metrics)).toEqual(['accuracy', 'test.f1', 'val_loss', 'test.rmse'])
  })

  it('counts a non-gated regression as a regression but not a gate failure', () => {
    const result = compareModel('fraud', { 'test.f1': 0.8 }, { status: 'success', metrics: { 'test.f1': 0.7 } }, rules)
    expect(result).toMatchObject({ status: 'compared', regressions: 1, gateFailures: 0, improvements: 0 })
  })

  it('is new when the baseline has no such model, with every metric new and nothing counted', () => {
    const result = compareModel('churn', undefined, { status: 'success', metrics: { accuracy: 0.1, val_loss: 9 } }, rules)
    expect(result).toMatchObject({ status: 'new', regressions: 0, gateFailures: 0, improvements: 0 })
    expect(result.metrics.map((metric) => metric.verdict)).toEqual(['new', 'new'])
  })

  it('is removed when the model is gone at head, showing its last metrics as removed', () => {
    const result = compareModel('legacy', { accuracy: 0.9 }, 'removed', rules)
    expect(result).toMatchObject({ status: 'removed', regressions: 0, gateFailures: 0, improvements: 0 })
    expect(result.metrics).toEqual([expect.objectContaining({ name: 'accuracy', base: 0.9, head: null, verdict: 'removed' })])
  })

  it('is failed when the training failed, comparing nothing even against a baseline', () => {
    const result = compareModel('fraud', { accuracy: 0.9 }, { status: 'failed', metrics: {} }, rules)
    expect(result).toEqual({ model: 'fraud', status: 'failed', metrics: [], regressions: 0, gateFailures: 0, improvements: 0 })
  })

  it('is missing when this run was to train the model but no manifest came back', () => {
    const result = compareModel('fraud', { accuracy: 0.9 }, 'missing', rules)
    expect(result).toEqual({ model: 'fraud', status: 'missing', metrics: [], regressions: 0, gateFailures: 0, improvements: 0 })
  })
})
