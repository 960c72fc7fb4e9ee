// Trend charts: one metric over a model's recent trainings (or monitoring runs), as a Mermaid line
// chart that GitHub renders from a ```mermaid block. The pull-request report draws one per
// headline metric with the pull request's value as the last point; the status page draws the same
// over the default branch's trainings and over the monitoring runs. Pure: callers find the points.
//
// `xychart-beta` is the XY chart's name since Mermaid 10.5 and is still accepted by Mermaid 11
// (which also takes `xychart`), so it works on old and new renderers. A line, unlike Mermaid's
// bars, draws nothing where there is no value, so no stub hides a small move.

/** Which metrics a model's charts show, in this order: its gated metrics, else its first metric. */
export const MAX_HEADLINE_METRICS = 4
/** How many points a chart shows at most (the newest). */
export const MAX_TREND_POINTS = 11

const LABEL_LENGTH = 24
const TITLE_LENGTH = 60
/** Small enough that a model's charts take little room; Mermaid's default is 500 px. */
const CHART_HEIGHT = 220
const CHART_WIDTH = 600
/** Values beyond this are drawn at it: Mermaid reads no exponent form, and a plain 1e300 is 300 digits. */
const MAX_MAGNITUDE = 1e15

export interface TrendPoint {
  /** The x-axis label: a short commit SHA, a date, "PR". Untrusted: made safe by chartLabels. */
  label: string
  value: number
}

/**
 * The metrics a model's trend charts show: its gated metrics (what decides a merge or a
 * promotion), else its first metric; by name (UTF-16 order, the same on every machine), at most
 * MAX_HEADLINE_METRICS. The report and the status page choose alike, whatever order they list in.
 */
export function headlineMetrics(metrics: readonly { name: string; gate: boolean }[]): string[] {
  const byName = [...metrics].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  const gated = byName.filter((metric) => metric.gate)
  return (gated.length > 0 ? gated : byName.slice(0, 1)).slice(0, MAX_HEADLINE_METRICS).map((metric) => metric.name)
}

/**
 * A Mermaid line chart of `points` (oldest first; the newest MAX_TREND_POINTS are kept) titled
 * with the metric's name, or undefined with fewer than two points: a single point is no trend.
 * Every untrusted text is made safe (see chartText) and every value is written in plain decimals.
 */
export function trendChart(metric: string, points: readonly TrendPoint[]): string | undefined {
  const shown = points.filter((point) => Number.isFinite(point.value)).slice(-MAX_TREND_POINTS)
  if (shown.length < 2) return undefined
  const values = shown.map((point) => Math.max(-MAX_MAGNITUDE, Math.min(MAX_MAGNITUDE, point.value)))
  const [low, high] = axisRange(values)
  return [
    '```mermaid',
    `%%{init: {"xyChart": {"height": ${CHART_HEIGHT}, "width": ${CHART_WIDTH}}}}%%`,
    'xychart-beta',
    `title "${chartText(metric, TITLE_LENGTH)}"`,
    `x-axis [${chartLabels(shown.map((point) => point.label)).map((label) => `"${label}"`).join(', ')}]`,
    `y-axis ${plainNumber(low)} --> ${plainNumber(high)}`,
    `line [${values.map(plainNumber).join(', ')}]`,
    '```'
  ].join('\n')
}

/** The y-axis from a little below the lowest value to a little above the highest, so a flat line is not drawn on the frame. */
function axisRange(values: readonly number[]): [number, number] {
  const low = Math.min(...values)
  const high = Math.max(...values)
  const margin = (high - low) * 0.1 || Math.abs(high) * 0.1 || 1
  return [low - margin, high + margin]
}

/** A number as Mermaid's grammar reads it: digits, a point and a sign, never an exponent; six significant digits. */
export function plainNumber(value: number): string {
  if (value === 0) return '0'
  const digits = Math.max(0, 5 - Math.floor(Math.log10(Math.abs(value))))
  const text = value.toFixed(Math.min(digits, 100))
  return text.includes('.') ? text.replace(/\.?0+$/, '') || '0' : text
}

/**
 * Untrusted text for a Mermaid string: keeps only letters, digits, space, ".", "_", "-" and "/"
 * (nothing that can end a Mermaid string, start a comment, directive or entity, or close the
 * code fence), cut to `maxLength`.
 */
export function chartText(text: string, maxLength: number): string {
  let safe = text.replace(/[^A-Za-z0-9 ._/-]/g, '_').trim()
  if (safe.length > maxLength) safe = `${safe.slice(0, maxLength - 2)}..`
  return safe === '' ? '_' : safe
}

/** chartText for x-axis labels, with a number added to a label that comes out the same as an earlier one. */
export function chartLabels(names: readonly string[]): string[] {
  const seen = new Map<string, number>()
  return names.map((name) => {
    const label = chartText(name, LABEL_LENGTH)
    const n = (seen.get(label) ?? 0) + 1
    seen.set(label, n)
    return n === 1 ? label : `${label} ${n}`
  })
}
