// A model's trend charts in the report: each headline metric (see headlineMetrics) over the
// model's recent trainings on the default branch, from the ledgers, with this run's value as the
// last point, labelled "PR" in a pull request. What a table of base against head cannot show: is
// this move noise the metric has always had, or a step away from where it has been?
import { MAX_TREND_POINTS, headlineMetrics, trendChart, type TrendPoint } from '../trend-chart.js'
import { count } from './format.js'
import { inlineCode } from '../markdown.js'
import { truncate } from '../untrusted-text.js'
import { shortSha } from './links.js'
import type { ReportModel } from './types.js'

const NAME_SHOWN = 100

export interface ModelTrends {
  /** One line saying what the charts show. */
  caption: string
  charts: string[]
}

/**
 * The model's trend charts, or undefined when it has none: no earlier training on the default
 * branch has a headline metric, or this run has no value for it (a failed training).
 */
export function modelTrends(model: ReportModel, headLabel: string): ModelTrends | undefined {
  // The newest trainings, leaving room for this run's point.
  const trainings = (model.trainings ?? []).slice(-(MAX_TREND_POINTS - 1))
  if (trainings.length === 0) return undefined
  const charted: string[] = []
  const charts: string[] = []
  for (const name of headlineMetrics(model.comparison.metrics)) {
    const head = model.comparison.metrics.find((metric) => metric.name === name)?.head
    if (head === null || head === undefined) continue
    const points: TrendPoint[] = trainings.flatMap((training) => (name in training.metrics ? [{ label: shortSha(training.sha), value: training.metrics[name] }] : []))
    const chart = trendChart(name, [...points, { label: headLabel, value: head }])
    if (chart === undefined) continue
    charted.push(inlineCode(truncate(name, NAME_SHOWN)))
    charts.push(chart)
  }
  if (charts.length === 0) return undefined
  const caption =
    `${charted.join(', ')} over the model's last ${count(trainings.length, 'training')} on the default branch ` +
    `(by commit), then this run's value (${headLabel}).`
  return { caption, charts }
}
