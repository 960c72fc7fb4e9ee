// The job summary of `promote`: what was promoted where, from which run and commit, with which
// metrics, and the model's recent history in the environment.
import type { Manifest } from '../../core/manifest.js'
import { escapeMarkdown, inlineCode } from '../../core/markdown.js'
import { commitUrl, link, shortSha } from '../../core/report/links.js'
import type { WorkflowRun } from '../../ports/workflow-runs.js'
import type { HistoryEntry } from './history.js'
import { renderHistory } from './history.js'
import type { RegistryOutcome } from './registry.js'

export interface PromotionSummaryInput {
  environment: string
  manifest: Manifest
  digest: string
  source: WorkflowRun
  foundAs: string
  previousVersion: string | null
  deploymentId: number
  promotedAt: Date
  rollback: boolean
  /** Promoted by a push to the default branch, to an environment marked auto: true. */
  automatic?: boolean
  /** undefined when the history could not be read after the promotion. */
  history: HistoryEntry[] | undefined
  /** Where the MLflow alias points now; undefined when MLflow is off or was skipped. */
  mlflow?: RegistryOutcome
}

/** Metrics listed in the summary; the manifest and the deployment's payload hold them all. */
const METRICS_SHOWN = 50

function registryLine(registry: RegistryOutcome): string {
  const before = registry.previous === null ? 'not set before' : `was version ${escapeMarkdown(registry.previous)}`
  return `${inlineCode(`models:/${registry.registeredModel}@${registry.alias}`)} is version ${escapeMarkdown(registry.version)} (${before})`
}

export function renderPromotionSummary(input: PromotionSummaryInput): string {
  const { manifest, source } = input
  const commit = link(shortSha(manifest.sha), commitUrl(source.url, manifest.sha))
  const lines = [
    `## model-ci: ${inlineCode(manifest.model)} promoted to ${escapeMarkdown(input.environment)}`,
    '',
    '| | |',
    '| --- | --- |',
    `| Version | ${inlineCode(manifest.version)} (${escapeMarkdown(input.foundAs)}) |`,
    `| Digest | ${inlineCode(input.digest)} |`,
    `| Trained in | ${link(`run ${source.id}`, source.url)} (${escapeMarkdown(source.event)}), commit ${commit} |`,
    ...(input.automatic ? [`| How | automatically, by the push to ${escapeMarkdown(source.headBranch ?? 'the default branch')} (an environment marked ${inlineCode('auto: true')}) |`] : []),
    `| Before | ${input.previousVersion === null ? 'nothing was live' : inlineCode(input.previousVersion)} |`,
    `| Deployment | ${input.deploymentId}, ${input.promotedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC |`,
    ...(input.mlflow ? [`| MLflow | ${registryLine(input.mlflow)} |`] : []),
    ''
  ]
  if (input.rollback) {
    lines.push(
      `This is a rollback to the version live in ${escapeMarkdown(input.environment)} before the current one; it was promoted here before, so the environment-order rule was not applied again.`,
      ''
    )
  }
  const metrics = Object.entries(manifest.metrics)
  if (metrics.length > 0) {
    lines.push('| Metric | Value |', '| --- | --- |')
    for (const [name, value] of metrics.slice(0, METRICS_SHOWN)) lines.push(`| ${inlineCode(name)} | ${value} |`)
    if (metrics.length > METRICS_SHOWN) lines.push('', `…and ${metrics.length - METRICS_SHOWN} more in the manifest.`)
    lines.push('')
  }
  lines.push(`### History of ${inlineCode(manifest.model)} in ${escapeMarkdown(input.environment)}`, '')
  lines.push(input.history === undefined ? '_The history could not be read; the promotion above is recorded._\n' : renderHistory(input.history, 'markdown'))
  return `${lines.join('\n')}\n`
}
