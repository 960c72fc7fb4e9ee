// The status page (DESIGN.md section 9): what is live where, and is it healthy. For every model x
// environment: the live version, since when, by whom, automatic or manual, the metrics at
// promotion, and the latest monitoring result with its verdict; for every model, trend charts of
// its headline metrics over its recent default-branch trainings and over its monitoring runs.
// Pure: `status` gathers the records, this module puts them together and renders them, Markdown
// for the job summary and the published file, aligned text for the terminal. Every name, version
// and login comes from a record anyone with the right token could write: all of it is escaped.
import { escapeMarkdown, inlineCode } from '../markdown.js'
import { count, formatValue, minuteOf } from '../report/format.js'
import { isSafeUrl, shortSha } from '../report/links.js'
import { MAX_TREND_POINTS, headlineMetrics, trendChart } from '../trend-chart.js'
import { escapeControlCharacters, truncate } from '../untrusted-text.js'

export type MonitorVerdict = 'healthy' | 'degraded' | 'failed'

/** What is live in one environment: the newest completed promotion record's payload and facts. */
export interface LiveVersion {
  version: string
  digest: string
  /** When the promotion was recorded, ISO 8601. */
  since: string
  by: string
  automatic: boolean
  /** The metrics the promotion recorded (its training's). */
  metrics: Record<string, number>
  /** The promotion run's page, when the record links one. Untrusted. */
  logUrl: string | null
}

/** One monitoring run's result for one model in one environment. */
export interface MonitoringPoint {
  runId: number
  createdAt: string
  version: string
  verdict: MonitorVerdict
  metrics: Record<string, number>
  regressed: string[]
  gateFailed: boolean
  failure: { phase: string; message: string } | null
}

export interface EnvironmentStatus {
  environment: string
  live?: LiveVersion
  /** Oldest first; the last is the latest. */
  monitoring: MonitoringPoint[]
}

export interface ModelStatus {
  model: string
  /** The metrics its charts show (see headlineMetrics). */
  headline: string[]
  /** One per environment of model-ci.yml, in its order. */
  environments: EnvironmentStatus[]
  /** Its recent trainings on the default branch, from the ledgers, oldest first. */
  trainings: { sha: string; metrics: Record<string, number> }[]
}

export interface StatusPage {
  /** When the page was made, ISO 8601. */
  generatedAt: string
  defaultBranch: string
  environments: string[]
  models: ModelStatus[]
}

/** What `status` found, per model, before the page is put together. */
export interface StatusFacts {
  model: string
  /** Whether a metric is gated under the model's rules. */
  isGated: (metric: string) => boolean
  live: ReadonlyMap<string, LiveVersion>
  monitoring: ReadonlyMap<string, MonitoringPoint[]>
  trainings: { sha: string; metrics: Record<string, number> }[]
}

/** The page for `facts` (one per model, in the order given), in the environments' order. */
export function statusPage(options: { generatedAt: string; defaultBranch: string; environments: string[]; facts: StatusFacts[] }): StatusPage {
  const models = options.facts.map((facts): ModelStatus => {
    const environments = options.environments.map((environment) => ({
      environment,
      live: facts.live.get(environment),
      monitoring: facts.monitoring.get(environment) ?? []
    }))
    // The metrics the model is known by: its trainings', its promotions' and what monitoring measured.
    const names = new Set<string>()
    for (const training of facts.trainings) for (const name of Object.keys(training.metrics)) names.add(name)
    for (const cell of environments) {
      for (const name of Object.keys(cell.live?.metrics ?? {})) names.add(name)
      for (const point of cell.monitoring) for (const name of Object.keys(point.metrics)) names.add(name)
    }
    const headline = headlineMetrics([...names].map((name) => ({ name, gate: facts.isGated(name) })))
    return { model: facts.model, headline, environments, trainings: facts.trainings }
  })
  return { generatedAt: options.generatedAt, defaultBranch: options.defaultBranch, environments: options.environments, models }
}

const VERDICT_SHOWN: Record<MonitorVerdict, string> = { healthy: '🟢 healthy', degraded: '🟡 degraded', failed: '❌ failed' }
export const NOT_MONITORED = 'not monitored yet'
const NOTHING_LIVE = 'nothing live'
/** Rows of a model x environment's metrics table; the rest are counted. */
const MAX_METRIC_ROWS = 30
const MESSAGE_SHOWN = 300
const NAME_SHOWN = 100

/** The page as Markdown; `charts: false` leaves the charts out (a job summary that would be too long). */
export function renderStatusMarkdown(page: StatusPage, options: { charts?: boolean } = {}): string {
  const charts = options.charts ?? true
  const code = (text: string) => inlineCode(truncate(text, NAME_SHOWN))
  const cells = page.models.length * page.environments.length
  const lines = [
    '## model-ci status',
    '',
    `What is live where, and is it healthy: ${count(page.models.length, 'model')} in ${count(page.environments.length, 'environment')} ` +
      `(${page.environments.map(escapeMarkdown).join(', ')}), as of ${shownTime(page.generatedAt)} UTC. Trainings are those of ${code(page.defaultBranch)}.`,
    ''
  ]
  if (cells === 0) return `${lines.join('\n')}\n_No models found._\n`
  lines.push('| Model | Environment | Live version | Since (UTC) | By | How | Latest monitoring |', '| --- | --- | --- | --- | --- | --- | --- |')
  for (const model of page.models) {
    for (const cell of model.environments) {
      const live = cell.live
      const facts = live
        ? [code(live.version), shownTime(live.since), escapeMarkdown(live.by), live.automatic ? 'automatic' : 'manual']
        : [`_${NOTHING_LIVE}_`, '—', '—', '—']
      lines.push(`| ${code(model.model)} | ${escapeMarkdown(cell.environment)} | ${facts.join(' | ')} | ${monitoringCell(cell)} |`)
    }
  }
  lines.push('')
  for (const model of page.models) lines.push(...modelSection(model, page, charts))
  return `${lines.join('\n')}\n`
}

function monitoringCell(cell: EnvironmentStatus): string {
  const latest = cell.monitoring.at(-1)
  if (!latest) return cell.live ? NOT_MONITORED : '—'
  const of = cell.live && latest.version !== cell.live.version ? ` of ${inlineCode(truncate(latest.version, NAME_SHOWN))}` : ''
  return `${VERDICT_SHOWN[latest.verdict]}${of}, ${shownTime(latest.createdAt)} (run ${latest.runId})`
}

function modelSection(model: ModelStatus, page: StatusPage, charts: boolean): string[] {
  const code = (text: string) => inlineCode(truncate(text, NAME_SHOWN))
  const lines = [`### ${code(model.model)}`, '']
  for (const cell of model.environments) {
    const latest = cell.monitoring.at(-1)
    if (!cell.live && !latest) continue
    const environment = escapeMarkdown(cell.environment)
    const said: string[] = []
    if (cell.live) {
      const how = cell.live.automatic ? 'automatically' : 'by hand'
      const run = isSafeUrl(cell.live.logUrl ?? undefined) ? ` ([promotion run](${(cell.live.logUrl as string).replace(/\(/g, '%28').replace(/\)/g, '%29')}))` : ''
      said.push(`**${environment}**: ${code(cell.live.version)} since ${shownTime(cell.live.since)} UTC, promoted ${how} by ${escapeMarkdown(cell.live.by)}${run}.`)
    } else {
      said.push(`**${environment}**: nothing live.`)
    }
    said.push(latest ? monitoringSentence(latest) : `Monitoring: ${NOT_MONITORED}.`)
    lines.push(said.join(' '), '')
    const table = metricsTable(cell, model.headline)
    if (table.length > 0) lines.push(...table, '')
  }
  const chartBlocks = charts ? modelCharts(model, page.defaultBranch) : []
  if (chartBlocks.length > 0) {
    const body = chartBlocks.join('\n\n')
    lines.push(page.models.length > 1 ? `<details><summary>Trends of ${code(model.model)}</summary>\n\n${body}\n\n</details>` : body, '')
  }
  return lines
}

function monitoringSentence(latest: MonitoringPoint): string {
  const parts = [`Latest monitoring: ${VERDICT_SHOWN[latest.verdict]} on ${shownTime(latest.createdAt)} UTC (run ${latest.runId}, version ${inlineCode(truncate(latest.version, NAME_SHOWN))})`]
  if (latest.regressed.length > 0) {
    const names = latest.regressed.slice(0, 10).map((name) => inlineCode(truncate(name, NAME_SHOWN)))
    const more = latest.regressed.length > 10 ? ` and ${count(latest.regressed.length - 10, 'more')}` : ''
    parts.push(`regressed: ${names.join(', ')}${more}${latest.gateFailed ? ' (a gated metric)' : ''}`)
  }
  if (latest.failure) parts.push(`the **${escapeMarkdown(latest.failure.phase)}** phase failed: ${escapeMarkdown(truncate(latest.failure.message, MESSAGE_SHOWN))}`)
  return `${parts.join('; ')}.`
}

/** The metrics at promotion beside the latest monitored ones: headline metrics first, then by name. */
function metricsTable(cell: EnvironmentStatus, headline: readonly string[]): string[] {
  const latest = cell.monitoring.at(-1)
  const names = metricOrder([...Object.keys(cell.live?.metrics ?? {}), ...Object.keys(latest?.metrics ?? {})], headline)
  if (names.length === 0) return []
  const regressed = new Set(latest?.regressed ?? [])
  const value = (metrics: Record<string, number> | undefined, name: string) => (metrics && name in metrics ? formatValue(metrics[name]) : '—')
  const rows = names.slice(0, MAX_METRIC_ROWS).map((name) => {
    const mark = regressed.has(name) ? ' ⚠️ regressed' : ''
    return `| ${inlineCode(truncate(name, NAME_SHOWN))}${headline.includes(name) ? ' ★' : ''} | ${value(cell.live?.metrics, name)} | ${value(latest?.metrics, name)}${mark} |`
  })
  const more = names.length - rows.length
  return [
    '| Metric | At promotion | Latest monitoring |',
    '| --- | --: | --: |',
    ...rows,
    ...(more > 0 ? [`| …and ${count(more, 'more metric')} | | |`] : [])
  ]
}

function metricOrder(names: readonly string[], headline: readonly string[]): string[] {
  const unique = [...new Set(names)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
  return [...headline.filter((name) => unique.includes(name)), ...unique.filter((name) => !headline.includes(name))]
}

/** Each headline metric over the default branch's trainings, then over each environment's monitoring runs. */
function modelCharts(model: ModelStatus, branch: string): string[] {
  const blocks: string[] = []
  const trainings = model.trainings.slice(-MAX_TREND_POINTS)
  const trained = model.headline.flatMap((name) => {
    const chart = trendChart(name, trainings.flatMap((training) => (name in training.metrics ? [{ label: shortSha(training.sha), value: training.metrics[name] }] : [])))
    return chart ? [chart] : []
  })
  if (trained.length > 0) {
    blocks.push(`Over the last ${count(trainings.length, 'training')} on ${inlineCode(truncate(branch, NAME_SHOWN))} (by commit):`, ...trained)
  }
  for (const cell of model.environments) {
    const runs = cell.monitoring.slice(-MAX_TREND_POINTS)
    const monitored = model.headline.flatMap((name) => {
      const chart = trendChart(name, runs.flatMap((point) => (name in point.metrics ? [{ label: shortDate(point.createdAt), value: point.metrics[name] }] : [])))
      return chart ? [chart] : []
    })
    if (monitored.length > 0) blocks.push(`Over the last ${count(runs.length, 'monitoring run')} in ${escapeMarkdown(cell.environment)} (by date, UTC):`, ...monitored)
  }
  return blocks
}

/** The page as aligned text for the terminal: one row per model x environment, then each cell's metrics. */
export function renderStatusText(page: StatusPage): string {
  if (page.models.length === 0 || page.environments.length === 0) return 'No models found.\n'
  const header = ['MODEL', 'ENVIRONMENT', 'VERSION', 'SINCE (UTC)', 'BY', 'HOW', 'MONITORING']
  const rows: string[][] = []
  const details: string[] = []
  for (const model of page.models) {
    for (const cell of model.environments) {
      const live = cell.live
      const latest = cell.monitoring.at(-1)
      const monitoring = latest ? `${latest.verdict} ${shownTime(latest.createdAt)}` : live ? NOT_MONITORED : '-'
      rows.push(
        [model.model, cell.environment, live?.version ?? NOTHING_LIVE, live ? shownTime(live.since) : '-', live?.by ?? '-', live ? (live.automatic ? 'automatic' : 'manual') : '-', monitoring].map(
          escapeControlCharacters
        )
      )
      const names = metricOrder([...Object.keys(live?.metrics ?? {}), ...Object.keys(latest?.metrics ?? {})], model.headline).slice(0, MAX_METRIC_ROWS)
      if (names.length === 0) continue
      const shown = names.map((name) => {
        const promoted = live && name in live.metrics ? formatValue(live.metrics[name]) : '-'
        const monitored = latest && name in latest.metrics ? ` -> ${formatValue(latest.metrics[name])}${latest.regressed.includes(name) ? ' (regressed)' : ''}` : ''
        return `${escapeControlCharacters(truncate(name, NAME_SHOWN))} ${promoted}${monitored}`
      })
      details.push(`  ${escapeControlCharacters(model.model)} in ${escapeControlCharacters(cell.environment)}: ${shown.join(', ')}`)
    }
  }
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)))
  const line = (cells: string[]) => cells.map((cell, column) => cell.padEnd(widths[column])).join('  ').trimEnd()
  const parts = [line(header), ...rows.map(line)]
  if (details.length > 0) parts.push('', 'Metrics at promotion -> latest monitoring:', ...details)
  return `${parts.join('\n')}\n`
}

/** `2026-11-27 10:00`: a record's time to the minute, for people. */
function shownTime(iso: string): string {
  return minuteOf(iso) ?? escapeMarkdown(truncate(iso, 40))
}

/** `12-05 11:00`: a monitoring run's x-axis label. */
function shortDate(iso: string): string {
  const match = /^\d{4}-(\d{2}-\d{2})T(\d{2}):(\d{2})/.exec(iso)
  return match ? `${match[1]} ${match[2]}.${match[3]}` : iso
}
