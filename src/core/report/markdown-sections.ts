// One model's part of the Markdown report, built once as pieces (rows, chart, log) so that the
// size cap (render-markdown.ts) can put it together at any level of detail without re-rendering.
import type { MetricComparison, Verdict } from '../compare.js'
import { escapeMarkdown, inlineCode } from '../markdown.js'
import { truncate } from '../untrusted-text.js'
import { NAME_SHOWN, describeOutcome, modelFacts, type Inline } from './describe.js'
import { count, formatChange, formatPair, formatPercent } from './format.js'
import { link } from './links.js'
import { logLines } from './log-tail.js'
import { modelOutcome, type ModelOutcome } from './outcome.js'
import { modelTrends, type ModelTrends } from './trends.js'
import type { BaselineSource, ReportDocument, ReportModel } from './types.js'

const VERDICT_MARK: Record<Verdict, string> = {
  improved: '🟢',
  regressed: '🔴',
  'within-tolerance': '🟡',
  unchanged: '⚪',
  'no-verdict': '🔵',
  new: '🆕',
  removed: '➖'
}
/**
 * Each verdict in words beside its mark, so that it reads without colour: for colour-blind
 * readers and in the e-mail notification, which drops the emoji's colour.
 */
const VERDICT_WORDS: Record<Verdict, string> = {
  improved: 'better',
  regressed: 'worse',
  'within-tolerance': 'worse, within tolerance',
  unchanged: 'unchanged',
  'no-verdict': 'changed, no goal',
  new: 'new',
  removed: 'removed'
}
export const GATE_FAILED_MARK = '❌'
const GATED_MARK = '🔒'

export const OUTCOME_MARK: Record<ModelOutcome, string> = {
  'gate-failed': '❌',
  failed: '💥',
  missing: '❓',
  regressed: '🔴',
  improved: '🟢',
  changed: '🟡',
  new: '🆕',
  removed: '🗑️',
  unchanged: '⚪'
}

export const LEGEND =
  `${VERDICT_MARK.improved} improved · ${VERDICT_MARK.regressed} regressed · ${GATE_FAILED_MARK} gate failed · ` +
  `${VERDICT_MARK['within-tolerance']} worse, within tolerance · ${VERDICT_MARK.unchanged} unchanged · ` +
  `${VERDICT_MARK['no-verdict']} changed, no goal set · ${VERDICT_MARK.new} new · ${VERDICT_MARK.removed} removed · ` +
  `${GATED_MARK} gated metric · ${OUTCOME_MARK.failed} training failed · ${OUTCOME_MARK.missing} no result · ${OUTCOME_MARK.removed} model removed · ` +
  'steady: no metric better or worse beyond its tolerance'

export const markdownInline: Inline = {
  text: escapeMarkdown,
  code: (text) => inlineCode(truncate(text, NAME_SHOWN)),
  link,
  strong: (text) => `**${text}**`
}

/** How much of each section to show; the size cap lowers these step by step. */
export interface Detail {
  charts: boolean
  /** List unchanged metrics (in a collapsed block) and the tables of unchanged models. */
  unchangedRows: boolean
  /** Changed metrics listed per model; the rest are counted. */
  maxRows: number
  /** Log tail lines shown per failed model. */
  logLines: number
}

/**
 * One model's part of the report. Rows, chart and log are made when first asked for: a large
 * report that must be cut never formats the rows it leaves out.
 */
export class Section {
  readonly outcome: ModelOutcome
  /** The heading's text: mark, name and what happened. */
  readonly title: string
  /** The line under the heading: versions, baseline, failure; may be empty. */
  readonly facts: string
  /** A few words for the list of models left out for size. */
  readonly listEntry: string
  /** The metrics of the main table; for an unchanged model, all of them. */
  readonly shown: readonly MetricComparison[]
  /** Unchanged metrics of a model that has others, listed in a collapsed block. */
  readonly unchanged: readonly MetricComparison[]
  readonly hasChart: boolean
  readonly hasLog: boolean
  private readonly rowCache = new Map<MetricComparison, string>()
  private readonly trends: ModelTrends | undefined
  /** With more than one model in the report, each model's charts are folded away. */
  private readonly foldCharts: boolean
  private chartText?: string
  private logCache?: string[]

  constructor(
    private readonly reportModel: ReportModel,
    doc: ReportDocument,
    common: BaselineSource | undefined
  ) {
    const { comparison } = reportModel
    this.outcome = modelOutcome(comparison)
    const name = markdownInline.code(comparison.model)
    const mark = outcomeMark(comparison.metrics, this.outcome)
    this.title = `${mark} ${name} — ${describeOutcome(comparison, this.outcome)}`
    this.facts = modelFacts(reportModel, doc.run.url, common, markdownInline).join(' · ')
    this.listEntry = `${mark} ${name}`
    // A removed model's metrics are all "removed"; an unchanged model's rows are its whole table.
    const splitUnchanged = this.outcome !== 'unchanged'
    this.shown = splitUnchanged ? comparison.metrics.filter((metric) => metric.verdict !== 'unchanged') : comparison.metrics
    this.unchanged = splitUnchanged ? comparison.metrics.filter((metric) => metric.verdict === 'unchanged') : []
    // An unchanged model sits in the folded block of unchanged models, without charts.
    this.trends = this.outcome === 'unchanged' ? undefined : modelTrends(reportModel, doc.headLabel ?? 'this run')
    this.hasChart = this.trends !== undefined
    this.foldCharts = doc.models.length > 1
    this.hasLog = /\S/.test(reportModel.head?.failure?.log_tail ?? '')
  }

  rows(metrics: readonly MetricComparison[]): string {
    return metrics.map((metric) => this.row(metric)).join('\n')
  }

  chart(): string | undefined {
    if (this.trends === undefined) return undefined
    if (this.chartText === undefined) {
      const { caption, charts } = this.trends
      const body = `${caption}\n\n${charts.join('\n\n')}`
      this.chartText = this.foldCharts ? details(`Trend of ${count(charts.length, 'headline metric')}`, body) : body
    }
    return this.chartText
  }

  log(): string[] {
    this.logCache ??= this.reportModel.head?.failure ? logLines(this.reportModel.head.failure.log_tail) : []
    return this.logCache
  }

  private row(metric: MetricComparison): string {
    let row = this.rowCache.get(metric)
    if (row === undefined) {
      row = metricRow(metric)
      this.rowCache.set(metric, row)
    }
    return row
  }
}

/** A model whose metrics only moved without a goal is marked like such a metric, not like a move within tolerance. */
function outcomeMark(metrics: readonly MetricComparison[], outcome: ModelOutcome): string {
  if (outcome === 'changed' && !metrics.some((metric) => metric.verdict === 'within-tolerance')) return VERDICT_MARK['no-verdict']
  return OUTCOME_MARK[outcome]
}

const TABLE_HEADER = '| Metric | Base | Head | Change | % change | Verdict |\n| :-- | --: | --: | --: | --: | :-- |'

/** One metric's row of a comparison table (TABLE_HEADER's columns); monitoring's tables use it too. */
export function metricRow(metric: MetricComparison): string {
  const mark = metric.gateFailed ? GATE_FAILED_MARK : VERDICT_MARK[metric.verdict]
  const [base, head] = formatPair(metric.base, metric.head)
  const name = `${markdownInline.code(metric.name)}${metric.gate ? ` ${GATED_MARK}` : ''}`
  const words = metric.gateFailed ? 'worse, gate failed' : VERDICT_WORDS[metric.verdict]
  return `| ${mark} ${name} | ${base} | ${head} | ${formatChange(metric.change)} | ${formatPercent(metric.percentChange)} | ${words} |`
}

/** The section at a level of detail, ending with a blank line. */
export function renderSection(section: Section, detail: Detail): string {
  if (section.outcome === 'unchanged') return renderUnchanged(section, detail)
  const parts = [`### ${section.title}`]
  if (section.facts !== '') parts.push(section.facts)
  if (section.shown.length > 0) {
    const shown = section.shown.slice(0, detail.maxRows)
    parts.push(`${TABLE_HEADER}\n${section.rows(shown)}`)
    const more = section.shown.length - shown.length
    if (more > 0) parts.push(`…and ${count(more, 'more metric')} that moved, in the whole report (the job summary, the \`report\` output file).`)
  }
  if (section.unchanged.length > 0 && detail.unchangedRows) {
    parts.push(details(count(section.unchanged.length, 'unchanged metric'), `${TABLE_HEADER}\n${section.rows(section.unchanged)}`))
  }
  const chart = detail.charts ? section.chart() : undefined
  if (chart !== undefined) parts.push(chart)
  if (section.hasLog && detail.logLines > 0) {
    const shown = section.log().slice(-detail.logLines)
    parts.push(details(`Last ${count(shown.length, 'line')} of the log`, fenced(shown.join('\n'))))
  }
  return `${parts.join('\n\n')}\n\n`
}

/** Unchanged models sit together in one collapsed block (see render-markdown.ts): a table each, or a line each when cut. */
function renderUnchanged(section: Section, detail: Detail): string {
  if (!detail.unchangedRows) return `- ${section.title}\n`
  const facts = section.facts === '' ? '' : `${section.facts}\n\n`
  return `#### ${section.title}\n\n${facts}${TABLE_HEADER}\n${section.rows(section.shown)}\n\n`
}

function details(summary: string, body: string): string {
  return `<details><summary>${summary}</summary>\n\n${body}\n\n</details>`
}

/** A code block whose fence is longer than any run of backticks in `text`, so nothing in it can close it. */
function fenced(text: string): string {
  const longest = (text.match(/`+/g) ?? []).reduce((most, run) => Math.max(most, run.length), 0)
  const fence = '`'.repeat(Math.max(3, longest + 1))
  return `${fence}text\n${text}\n${fence}`
}
