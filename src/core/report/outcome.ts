// One word for how a model came out of this run, and the order in which the report shows models:
// what a reviewer must act on first, what changed next, what did not change last.
import type { ModelComparison } from '../compare.js'
import type { ReportModel } from './types.js'

export type ModelOutcome =
  | 'gate-failed'
  | 'failed'
  | 'missing'
  | 'regressed'
  | 'improved'
  /** Metrics moved, but none improved or regressed (within tolerance, no goal, new or removed metrics). */
  | 'changed'
  | 'new'
  | 'removed'
  | 'unchanged'

/** A model that both improved and regressed counts as regressed. */
export function modelOutcome(comparison: ModelComparison): ModelOutcome {
  switch (comparison.status) {
    case 'failed':
    case 'missing':
    case 'removed':
    case 'new':
      return comparison.status
    case 'compared':
      if (comparison.gateFailures > 0) return 'gate-failed'
      if (comparison.regressions > 0) return 'regressed'
      if (comparison.improvements > 0) return 'improved'
      return comparison.metrics.some((metric) => metric.verdict !== 'unchanged') ? 'changed' : 'unchanged'
  }
}

const RANK: Record<ModelOutcome, number> = {
  'gate-failed': 0,
  failed: 1,
  missing: 2,
  regressed: 3,
  improved: 4,
  changed: 5,
  new: 6,
  removed: 7,
  unchanged: 8
}

/** The models in report order: by outcome (see RANK), then by name in code-unit order, the same on every runner. */
export function inReportOrder(models: readonly ReportModel[]): ReportModel[] {
  return models
    .map((model) => ({ model, rank: RANK[modelOutcome(model.comparison)], name: model.comparison.model }))
    .sort((a, b) => a.rank - b.rank || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map(({ model }) => model)
}
