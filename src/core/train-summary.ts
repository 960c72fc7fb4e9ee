import type { Manifest } from './manifest.js'
import { escapeMarkdown, inlineCode } from './markdown.js'
import { formatValue } from './report/format.js'

export interface TrainSummaryInput {
  manifest: Manifest
  artifact: { name: string; id: number; digest: string }
  /** The run whose outputs a run-cache hit reused. */
  reusedFrom?: number
  skipped?: ReadonlyArray<{ name: string; reason: string }>
}

/** Metrics listed in the job summary; the manifest has them all. */
const METRICS_SHOWN = 100
/** Significant digits of a metric: more than the report's comparison needs, as the value is shown alone. */
const METRIC_DIGITS = 6

/** The job summary of `train`: the outcome, the metrics, the timings and both caches. */
export function renderTrainSummary(input: TrainSummaryInput): string {
  const { manifest, artifact } = input
  const lines = [`## model-ci: ${inlineCode(manifest.model)} ${manifest.status === 'success' ? 'trained' : 'failed'}`, '']
  if (input.reusedFrom !== undefined) {
    lines.push(`Run-cache hit: nothing was trained; the outputs of run ${input.reusedFrom} (same fingerprint) were reused.`, '')
  }
  if (manifest.failure) {
    lines.push(`**The ${manifest.failure.phase} phase failed:** ${escapeMarkdown(manifest.failure.message)}`, '')
    if (manifest.failure.log_tail) {
      lines.push('<details><summary>Last lines of the log</summary>', '', '```text', manifest.failure.log_tail.replace(/```/g, '`\u200b``'), '```', '', '</details>', '')
    }
  }
  const metrics = Object.entries(manifest.metrics)
  if (metrics.length > 0) {
    lines.push('| Metric | Value |', '| --- | --- |')
    for (const [name, value] of metrics.slice(0, METRICS_SHOWN)) lines.push(`| ${inlineCode(name)} | ${formatValue(value, METRIC_DIGITS)} |`)
    if (metrics.length > METRICS_SHOWN) lines.push('', `…and ${metrics.length - METRICS_SHOWN} more in the manifest.`)
    lines.push('')
  }
  for (const skipped of input.skipped ?? []) lines.push(`- skipped ${inlineCode(skipped.name)}: ${escapeMarkdown(skipped.reason)}`)
  const seconds = (value: number | null) => (value === null ? '—' : `${value.toFixed(1)} s`)
  lines.push(
    '| Version | Install | Train | Evaluate | Dependencies | Run-cache |',
    '| --- | --- | --- | --- | --- | --- |',
    `| ${inlineCode(manifest.version)} | ${seconds(manifest.timings.install_s)} | ${seconds(manifest.timings.train_s)} | ${seconds(manifest.timings.evaluate_s)} | ${manifest.cache.dependencies} | ${manifest.cache.run} |`,
    '',
    `Artifact ${inlineCode(artifact.name)} (id ${artifact.id}, ${inlineCode(artifact.digest)}), fingerprint ${inlineCode(manifest.fingerprint)}.`
  )
  return `${lines.join('\n')}\n`
}
