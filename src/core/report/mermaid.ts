// A Mermaid bar chart of how far each changed metric of a model moved, in percent. GitHub renders
// ```mermaid blocks in comments; `xychart-beta` is the XY chart's name since Mermaid 10.5 and is
// still accepted by Mermaid 11 (which also takes `xychart`), so it works on old and new renderers.
//
// Mermaid draws every bar up from the axis' minimum, not from zero, so a signed percent would draw
// a drop as a shorter bar upwards. The chart shows the size of each move instead, in three series
// coloured by direction: better, worse, and no goal set.
import type { MetricComparison } from '../compare.js'

/** A model with fewer moved metrics than this reads fine from its table alone. */
const MIN_BARS = 3
const MAX_BARS = 15
const LABEL_LENGTH = 24
/** Bars beyond this (a base near 0 gives huge percentages) are drawn at it. */
const MAX_PERCENT = 1_000_000
/** Better, worse, no goal: GitHub's green, red and grey. */
const PALETTE = '#1a7f37, #cf222e, #8c959f'

export const CHART_LEGEND = 'Size of each change in percent: green bars moved the better way, red the worse way, grey have no goal set.'

type Moved = MetricComparison & { percentChange: number }

function movedMetrics(metrics: readonly MetricComparison[]): Moved[] {
  return metrics.filter((metric): metric is Moved => metric.percentChange !== null && metric.verdict !== 'unchanged')
}

/** Whether the metrics make a chart: at least MIN_BARS moved with a percent change. */
export function hasChangeChart(metrics: readonly MetricComparison[]): boolean {
  return movedMetrics(metrics).length >= MIN_BARS
}

/** The chart's Mermaid block, or undefined when the metrics make none (see hasChangeChart). */
export function changeChart(metrics: readonly MetricComparison[]): string | undefined {
  const moved = movedMetrics(metrics)
  if (moved.length < MIN_BARS) return undefined
  // The largest moves; a stable sort keeps the table's order among equals.
  const shown = [...moved].sort((a, b) => Math.abs(b.percentChange) - Math.abs(a.percentChange)).slice(0, MAX_BARS)
  const sizes = shown.map((metric) => Math.min(Math.abs(metric.percentChange), MAX_PERCENT))
  const series = (side: Side) => shown.map((metric, i) => (sideOf(metric) === side ? sizes[i].toFixed(2) : '0')).join(', ')
  const top = Math.max(...sizes) * 1.1 || 1
  return [
    '```mermaid',
    `%%{init: {"themeVariables": {"xyChart": {"plotColorPalette": "${PALETTE}"}}}}%%`,
    'xychart-beta horizontal',
    'title "Change in percent"',
    `x-axis [${chartLabels(shown.map((metric) => metric.name)).map((label) => `"${label}"`).join(', ')}]`,
    `y-axis "percent" 0 --> ${top.toFixed(2)}`,
    `bar [${series('better')}]`,
    `bar [${series('worse')}]`,
    `bar [${series('no-goal')}]`,
    '```'
  ].join('\n')
}

type Side = 'better' | 'worse' | 'no-goal'

function sideOf(metric: MetricComparison): Side {
  if (metric.verdict === 'improved') return 'better'
  if (metric.verdict === 'regressed' || metric.verdict === 'within-tolerance') return 'worse'
  return 'no-goal'
}

/**
 * Metric names are untrusted: a label keeps only letters, digits, space, ".", "_", "-" and "/"
 * (nothing that can end a Mermaid string, start a comment or entity, or close the code fence),
 * is cut to LABEL_LENGTH, and gets a number when two labels come out the same.
 */
export function chartLabels(names: readonly string[]): string[] {
  const seen = new Map<string, number>()
  return names.map((name) => {
    let label = name.replace(/[^A-Za-z0-9 ._/-]/g, '_').trim()
    if (label.length > LABEL_LENGTH) label = `${label.slice(0, LABEL_LENGTH - 2)}..`
    if (label === '') label = 'metric'
    const n = (seen.get(label) ?? 0) + 1
    seen.set(label, n)
    return n === 1 ? label : `${label} ${n}`
  })
}
