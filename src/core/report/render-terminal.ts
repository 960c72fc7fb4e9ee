// The report for a terminal (the CLI): the same content as the Markdown comment, as aligned plain
// text, optionally coloured with ANSI codes. No size cap: unchanged metrics are counted, changed
// ones all listed. Untrusted text is shown with its control characters escaped, so a metric name
// can neither move the cursor nor recolour the screen.
import type { MetricComparison, Verdict } from '../compare.js'
import { escapeControlCharacters, truncate } from '../untrusted-text.js'
import { NAME_SHOWN, commonBaseline, describeBaseline, describeGateFailure, describeOutcome, gateFailuresOf, modelFacts, type Inline } from './describe.js'
import { count, formatChange, formatPair, formatPercent } from './format.js'
import { isSafeUrl, shortSha } from './links.js'
import { logLines } from './log-tail.js'
import { inReportOrder, modelOutcome, type ModelOutcome } from './outcome.js'
import { headline, isFailing, totals } from './summary.js'
import type { ReportDocument, ReportModel } from './types.js'

const MIN_NAME_WIDTH = 12
const LOG_LINES = 20
const INDENT = '  '

type Style = 'red' | 'green' | 'yellow' | 'cyan' | 'dim' | 'bold'
const ANSI: Record<Style, string> = { red: '31', green: '32', yellow: '33', cyan: '36', dim: '2', bold: '1' }

const VERDICT_WORD: Record<Verdict, { word: string; style: Style }> = {
  improved: { word: 'improved', style: 'green' },
  regressed: { word: 'regressed', style: 'red' },
  'within-tolerance': { word: 'within tol.', style: 'yellow' },
  unchanged: { word: 'unchanged', style: 'dim' },
  'no-verdict': { word: 'no goal', style: 'cyan' },
  new: { word: 'new', style: 'cyan' },
  removed: { word: 'removed', style: 'dim' }
}
const GATE_FAILED = { word: 'GATE FAILED', style: 'red' as Style }

const OUTCOME_SYMBOL: Record<ModelOutcome, { symbol: string; style: Style }> = {
  'gate-failed': { symbol: '✖', style: 'red' },
  failed: { symbol: '✖', style: 'red' },
  missing: { symbol: '?', style: 'red' },
  regressed: { symbol: '!', style: 'yellow' },
  improved: { symbol: '✔', style: 'green' },
  changed: { symbol: '~', style: 'yellow' },
  new: { symbol: '+', style: 'cyan' },
  removed: { symbol: '-', style: 'dim' },
  unchanged: { symbol: '=', style: 'dim' }
}

export function renderTerminal(doc: ReportDocument, options: { color: boolean; width?: number }): string {
  const paint = (style: Style, text: string) => (options.color ? `\u001b[${ANSI[style]}m${text}\u001b[0m` : text)
  const inline: Inline = {
    text: escapeControlCharacters,
    code: (text) => escapeControlCharacters(truncate(text, NAME_SHOWN)),
    link: (text, url) => (isSafeUrl(url) ? `${text} (${url})` : text),
    strong: (text) => paint('bold', text)
  }
  // 0 is how a terminal that does not know its size answers: as good as no width.
  const width = options.width !== undefined && options.width > 0 ? options.width : undefined
  const models = inReportOrder(doc.models)
  const sum = totals(models)
  const common = commonBaseline(models)
  const lines = [paint('bold', `model-ci report — ${inline.code(doc.workflow)}`), paint(isFailing(sum) ? 'red' : sum.regressed > 0 ? 'yellow' : 'green', headline(sum))]
  for (const { model, metric } of gateFailuresOf(models)) {
    lines.push(`${INDENT}${paint('red', OUTCOME_SYMBOL['gate-failed'].symbol)} ${describeGateFailure(model, metric, inline)}`)
  }
  const run = [`Run ${inline.link(String(doc.run.id), doc.run.url)} at ${shortSha(doc.run.sha)}`]
  if (common !== undefined) run.push(`baseline: ${describeBaseline(common.baseline, doc.run.url, inline)}`)
  lines.push(run.join(' · '))
  for (const note of doc.notes) lines.push(inline.text(note))
  for (const model of models) lines.push('', ...modelLines(model, doc, common?.baseline, { inline, paint, width }))
  return `${lines.join('\n')}\n`
}

interface Look {
  inline: Inline
  paint: (style: Style, text: string) => string
  /** Columns of the terminal; undefined: not known (a pipe, a log), where nothing is wrapped. */
  width: number | undefined
}

function modelLines(model: ReportModel, doc: ReportDocument, common: ReportModel['baseline'] | undefined, look: Look): string[] {
  const { comparison, head } = model
  const { inline, paint } = look
  const outcome = modelOutcome(comparison)
  const { symbol, style } = OUTCOME_SYMBOL[outcome]
  const lines = [`${paint(style, symbol)} ${paint('bold', inline.code(comparison.model))} — ${describeOutcome(comparison, outcome)}`]
  if (outcome === 'unchanged') return lines
  const facts = modelFacts(model, doc.run.url, common, inline)
  lines.push(...facts.map((fact) => `${INDENT}${fact}`))
  const shown = comparison.metrics.filter((metric) => metric.verdict !== 'unchanged')
  if (shown.length > 0) lines.push(...metricTable(shown, look))
  const unchanged = comparison.metrics.length - shown.length
  if (unchanged > 0) lines.push(`${INDENT}${paint('dim', `and ${count(unchanged, 'unchanged metric')}`)}`)
  if (head?.failure) {
    const log = logLines(head.failure.log_tail).slice(-LOG_LINES)
    if (log.length > 0) lines.push(`${INDENT}Last ${count(log.length, 'line')} of the log:`, ...log.map((line) => `${INDENT}${paint('dim', '│')} ${line}`))
  }
  return lines
}


/**
 * Verdict, name, base, head, change and percent change in aligned columns. A name longer than the
 * width leaves wraps in its cell; when even that leaves too little room, each metric is two lines
 * (see metricList). Without a width (not a terminal) nothing wraps.
 */
function metricTable(metrics: readonly MetricComparison[], look: Look): string[] {
  const { inline, paint } = look
  const rows = metrics.map((metric) => {
    const [base, head] = formatPair(metric.base, metric.head)
    const verdict = metric.gateFailed ? GATE_FAILED : VERDICT_WORD[metric.verdict]
    return { verdict, name: `${inline.code(metric.name)}${metric.gate ? ' [gate]' : ''}`, numbers: [base, head, formatChange(metric.change), formatPercent(metric.percentChange)] }
  })
  const numberWidths = TABLE_HEADER.map((title, i) => Math.max(title.length, ...rows.map((row) => row.numbers[i].length)))
  const verdictWidth = Math.max('verdict'.length, ...rows.map((row) => row.verdict.word.length))
  const fixed = INDENT.length + verdictWidth + numberWidths.reduce((sum, w) => sum + w + 2, 0) + 2
  const longest = Math.max('metric'.length, ...rows.map((row) => Array.from(row.name).length))
  const room = look.width === undefined ? longest : look.width - fixed
  if (room < MIN_NAME_WIDTH) return metricList(rows, look)
  const nameWidth = Math.min(room, longest)
  const line = (verdict: string, verdictStyle: Style | undefined, name: string, numbers: string[]) => {
    const cells = numbers.map((cell, i) => cell.padStart(numberWidths[i])).join('  ')
    const paddedVerdict = verdict.padEnd(verdictWidth)
    const [first, ...more] = wrap(name, nameWidth)
    const under = `${INDENT}${' '.repeat(verdictWidth)}  `
    return [`${INDENT}${verdictStyle ? paint(verdictStyle, paddedVerdict) : paddedVerdict}  ${first}${' '.repeat(nameWidth - Array.from(first).length)}  ${cells}`, ...more.map((part) => `${under}${part}`)]
  }
  return [paint('dim', line('verdict', undefined, 'metric', TABLE_HEADER)[0]), ...rows.flatMap((row) => line(row.verdict.word, row.verdict.style, row.name, row.numbers))]
}

const TABLE_HEADER = ['base', 'head', 'change', '% change']

/** The table's rows for a terminal too narrow for its columns: the verdict and name, then the numbers under them. */
function metricList(rows: ReadonlyArray<{ verdict: { word: string; style: Style }; name: string; numbers: string[] }>, look: Look): string[] {
  return rows.flatMap((row) => [
    `${INDENT}${look.paint(row.verdict.style, row.verdict.word)} ${row.name}`,
    `${INDENT}${INDENT}${row.numbers.map((cell, i) => `${TABLE_HEADER[i]} ${cell}`).join(', ')}`
  ])
}

/**
 * `text` in lines of at most `width` code points, each broken after the last ".", "/", "_", "-"
 * or space that leaves it at least half full, else at the width.
 */
function wrap(text: string, width: number): string[] {
  const parts: string[] = []
  let rest = Array.from(text)
  while (rest.length > width) {
    const window = rest.slice(0, width)
    let cut = width
    for (let i = width - 1; i >= Math.ceil(width / 2); i--) {
      if ('./_- '.includes(window[i])) {
        cut = i + 1
        break
      }
    }
    parts.push(rest.slice(0, cut).join('').trimEnd())
    rest = rest.slice(cut)
  }
  parts.push(rest.join(''))
  return parts
}
