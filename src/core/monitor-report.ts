// What `monitor` shows: the job summary (a table per model), the monitoring issue of a degraded
// model and the comments on it, and the terminal's table. Pure. Model, metric and version names
// are untrusted text and are escaped (markdown.ts); environment names are model-ci.yml's, checked
// by its schema to letters, digits, spaces, ".", "_" and "-".
import { escapeMarkdown, inlineCode } from './markdown.js'
import type { MonitorJudgement, MonitorRecord, MonitoredModel } from './monitoring.js'
import { MONITOR_ARTIFACT, MONITOR_FILE } from './monitoring.js'
import { count, formatPair, minuteOf } from './report/format.js'
import { metricRow } from './report/markdown-sections.js'
import { escapeControlCharacters } from './untrusted-text.js'

/** The monitoring run, as the summary and the issue link to it. */
export interface MonitorRunLink {
  id: number
  url: string
}

/** The hidden first line that finds a model's monitoring issue in an environment. */
export function monitorMarker(model: string, environment: string): string {
  return `<!-- model-ci:monitor model=${model} environment=${environment} -->`
}

/** The issue's title: plain text, which GitHub shows as written (no Markdown, no mentions). */
export function monitorIssueTitle(model: string, environment: string): string {
  return `model-ci: ${escapeControlCharacters(model)} is degraded in ${environment}`
}

const TABLE_HEADER = '| Metric | At promotion | Now | Change | % change | Verdict |\n| :-- | --: | --: | --: | --: | :-- |'

const VERDICT_MARK: Record<MonitoredModel['verdict'], string> = { healthy: '🟢', degraded: '🔴', failed: '💥' }

/** `2026-12-05 10:00 UTC`, from a record's UTC time. */
function shownTime(iso: string): string {
  const minute = minuteOf(iso)
  return minute ? `${minute} UTC` : escapeMarkdown(iso)
}

function shortDigest(digest: string): string {
  return digest.length > 19 ? `${digest.slice(0, 19)}…` : digest
}

/**
 * Rows an issue shows: a row is at most a few hundred characters (metric names are at most 200),
 * so the body stays well under GitHub's 65,536. The rows come worst first (compareMetrics's order).
 */
const ISSUE_ROWS = 100
/** Rows a model's table shows in the job summary, */
const SUMMARY_ROWS = 500
/** and the summary's length in UTF-16 code units (GitHub takes 1 MiB of summary per step; each unit is at most 3 bytes). */
const SUMMARY_LIMIT = 340_000
/** Regressed metrics a sentence names. */
const COMMENT_METRICS = 20

/** What happened to a model, in one sentence of Markdown. */
function describeResult(result: MonitoredModel): string {
  if (result.verdict === 'failed' && result.failure) {
    return `Not measured: the ${result.failure.phase} phase failed: ${escapeMarkdown(result.failure.message)}`
  }
  if (result.verdict === 'healthy') return 'Healthy: no metric is worse than at promotion beyond its tolerance.'
  const more = result.regressed.length - COMMENT_METRICS
  const names = `${result.regressed.slice(0, COMMENT_METRICS).map((name) => inlineCode(name)).join(', ')}${more > 0 ? ` and ${count(more, 'more')}` : ''}`
  const gate = result.gate_failed ? ' A gated metric regressed, so the monitoring job fails.' : ' No gated metric regressed, so the monitoring job does not fail on it.'
  return `Degraded: ${count(result.regressed.length, 'metric')} worse than at promotion beyond tolerance (${names}).${gate}`
}

function metricTable(judgement: MonitorJudgement, maxRows = Infinity): string {
  const { comparisons } = judgement
  if (comparisons.length === 0) return ''
  const shown = comparisons.slice(0, maxRows)
  const more = comparisons.length - shown.length
  const note = more > 0 ? `\n…and ${count(more, 'more metric')}, in ${MONITOR_FILE} (artifact ${MONITOR_ARTIFACT} of the monitoring run).\n` : ''
  return `${TABLE_HEADER}\n${shown.map(metricRow).join('\n')}\n${note}`
}

/** The monitoring issue's body: the marker first, then what is wrong now. */
export function renderIssueBody(input: { model: string; environment: string; judgement: MonitorJudgement; run: MonitorRunLink; createdAt: string }): string {
  const { model, environment, judgement, run } = input
  const result = judgement.result
  return [
    monitorMarker(model, environment),
    `## ${VERDICT_MARK.degraded} ${inlineCode(model)} is degraded in ${environment}`,
    '',
    `The live version ${inlineCode(result.version)} (${inlineCode(shortDigest(result.digest))}) was measured on the monitoring data by [run ${run.id}](${run.url}) at ${shownTime(input.createdAt)}.`,
    '',
    describeResult(result),
    '',
    metricTable(judgement, ISSUE_ROWS),
    'model-ci updates this issue on every monitoring run while the model stays degraded, and closes it when the model recovers. To act: retrain the model on recent data and promote the new version, or roll back with `promote` and `version: previous`.',
    ''
  ].join('\n')
}

/** The comment added on each monitoring run that finds the model still degraded. */
export function renderStillDegradedComment(input: { judgement: MonitorJudgement; run: MonitorRunLink; createdAt: string }): string {
  const { result } = input.judgement
  const regressed = input.judgement.comparisons.filter((metric) => metric.verdict === 'regressed')
  const named = regressed.slice(0, COMMENT_METRICS).map((metric) => {
    const [base, head] = formatPair(metric.base, metric.head)
    return `${inlineCode(metric.name)} ${base} → ${head}`
  })
  const more = regressed.length - named.length
  const changes = `${named.join(', ')}${more > 0 ? ` and ${count(more, 'more metric')}` : ''}`
  return `Still degraded: [run ${input.run.id}](${input.run.url}) measured ${inlineCode(result.version)} at ${shownTime(input.createdAt)}: ${changes}. The description above shows this run's numbers.\n`
}

/** The comment that closes the issue. */
export function renderRecoveredComment(input: { judgement: MonitorJudgement; run: MonitorRunLink; createdAt: string }): string {
  const { result } = input.judgement
  return `${VERDICT_MARK.healthy} Recovered: [run ${input.run.id}](${input.run.url}) measured ${inlineCode(result.version)} at ${shownTime(input.createdAt)} and no metric is worse than at promotion beyond its tolerance. Closing.\n`
}

/** What the issue step did for a model, for the summary. */
export interface IssueOutcome {
  action: 'opened' | 'updated' | 'closed' | 'left'
  url: string
  number: number
}

/** The job summary: a headline, then a section with a table per model. */
export function renderMonitorSummary(input: {
  record: MonitorRecord
  judgements: ReadonlyMap<string, MonitorJudgement>
  run: MonitorRunLink
  issues?: ReadonlyMap<string, IssueOutcome>
}): string {
  const { record, judgements, run } = input
  const results = Object.entries(record.models)
  const tally = (verdict: MonitoredModel['verdict']) => results.filter(([, result]) => result.verdict === verdict).length
  const parts = [
    `## model-ci monitor: ${record.environment}`,
    '',
    results.length === 0
      ? `No model is live in ${record.environment}: nothing to monitor.`
      : `**${count(results.length, 'live model')} monitored by [run ${run.id}](${run.url}): ${tally('healthy')} healthy, ${tally('degraded')} degraded, ${tally('failed')} failed.**`,
    ''
  ]
  let length = parts.join('\n').length
  for (const [index, [model, result]] of results.entries()) {
    const judgement = judgements.get(model)
    const issue = input.issues?.get(model)
    const section = [`### ${VERDICT_MARK[result.verdict]} ${inlineCode(model)} ${inlineCode(result.version)}`, '', describeResult(result)]
    if (issue) section.push('', `Monitoring issue [#${issue.number}](${issue.url}): ${issue.action}.`)
    section.push('')
    if (judgement) section.push(metricTable(judgement, SUMMARY_ROWS))
    const text = section.join('\n')
    if (length + text.length > SUMMARY_LIMIT) {
      parts.push(`…and ${count(results.length - index, 'more model')}: every result is in ${MONITOR_FILE} (artifact ${MONITOR_ARTIFACT}).`)
      break
    }
    parts.push(text)
    length += text.length
  }
  return `${parts.join('\n')}\n`
}

/** The terminal's table: one line per metric of each model. */
export function renderMonitorTerminal(record: MonitorRecord, judgements: ReadonlyMap<string, MonitorJudgement>): string {
  const lines = [`model-ci monitor: ${record.environment}`]
  const models = Object.entries(record.models)
  if (models.length === 0) lines.push(`No model is live in ${record.environment}: nothing to monitor.`)
  const header = ['MODEL', 'VERSION', 'VERDICT', 'METRIC', 'AT PROMOTION', 'NOW', 'CHANGE']
  const rows: string[][] = []
  for (const [model, result] of models) {
    const verdict = result.verdict === 'degraded' && result.gate_failed ? 'degraded (gate failed)' : result.verdict
    const comparisons = judgements.get(model)?.comparisons ?? []
    if (comparisons.length === 0) rows.push([model, result.version, verdict, result.failure ? `${result.failure.phase} failed: ${result.failure.message}` : '-', '', '', ''])
    for (const [index, metric] of comparisons.entries()) {
      const [base, head] = formatPair(metric.base, metric.head)
      const mark = metric.gateFailed ? 'gate failed' : metric.verdict
      rows.push(index === 0 ? [model, result.version, verdict, metric.name, base, head, mark] : ['', '', '', metric.name, base, head, mark])
    }
  }
  if (rows.length > 0) {
    const shown = rows.map((row) => row.map(escapeControlCharacters))
    const widths = header.map((title, column) => Math.max(title.length, ...shown.map((row) => row[column].length)))
    const line = (cells: string[]) => cells.map((cell, column) => cell.padEnd(widths[column])).join('  ').trimEnd()
    lines.push(line(header), ...shown.map(line))
  }
  return `${lines.join('\n')}\n`
}
