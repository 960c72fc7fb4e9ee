// The report as GitHub Markdown: the sticky pull-request comment and the job summary (DESIGN.md
// section 5). A headline first, then one section per model in the order a reviewer acts on them,
// then the legend.
//
// A comment holds at most 65,536 characters, and 256 models x 50 metrics take about a megabyte in
// full. So the document is put together from pieces at falling levels of detail until it fits:
// first collapse (charts out, unchanged metrics only counted), then cut (log tails, rows beyond the
// first few per model, then whole model sections from the end of the order, which puts unchanged
// models first to go and gate failures last), with a note saying what was cut and where the whole
// report is. It never throws for size.
import { escapeMarkdown } from '../markdown.js'
import { truncate } from '../untrusted-text.js'
import { commonBaseline, describeBaseline, describeGateFailure, gateFailuresOf, type Inline } from './describe.js'
import { count } from './format.js'
import { commitUrl, link, shortSha } from './links.js'
import { GATE_FAILED_MARK, LEGEND, OUTCOME_MARK, Section, markdownInline, renderSection, type Detail } from './markdown-sections.js'
import { inReportOrder } from './outcome.js'
import { headline, isFailing, totals } from './summary.js'
import type { ReportDocument, ReportModel } from './types.js'

export const COMMENT_LIMIT = 65_536
/** The default cap leaves room for what the command may add around the report (a marker, a footer). */
export const DEFAULT_MAX_LENGTH = COMMENT_LIMIT - 1_536

const GATE_FAILURES_LISTED = 10
const NOTES_SHOWN = 10
const NOTE_LENGTH = 500
const WORKFLOW_LENGTH = 100
const ROWS_WHEN_CUT = 10
const LOG_LINES_WHEN_CUT = 10

const FULL: Detail = { charts: true, unchangedRows: true, maxRows: Infinity, logLines: Infinity }
const COLLAPSED: Detail = { charts: false, unchangedRows: false, maxRows: Infinity, logLines: Infinity }
/** Each level is tried in turn; the last is the least that every kept section shows. */
const LEVELS: Detail[] = [
  FULL,
  { ...FULL, charts: false },
  COLLAPSED,
  { ...COLLAPSED, logLines: LOG_LINES_WHEN_CUT },
  { ...COLLAPSED, logLines: 0 },
  { ...COLLAPSED, logLines: 0, maxRows: ROWS_WHEN_CUT }
]
const LEAST = LEVELS[LEVELS.length - 1]

/**
 * The report in Markdown, at most `maxLength` characters (UTF-16 units, which GitHub's limit never
 * undercounts), `marker` first and verbatim. Every text that a user or an artifact wrote is escaped.
 */
export function renderMarkdown(doc: ReportDocument, options: { maxLength?: number; marker?: string } = {}): string {
  const maxLength = options.maxLength ?? DEFAULT_MAX_LENGTH
  const ordered = inReportOrder(doc.models)
  const common = commonBaseline(ordered)
  const parts: Parts = {
    marker: options.marker === undefined || options.marker === '' ? '' : `${options.marker}\n`,
    head: renderHead(doc, ordered, common),
    foot: ordered.length > 0 ? `---\n\n<sub>${LEGEND}</sub>\n` : '',
    sections: ordered.map((model) => new Section(model, doc, common?.baseline)),
    jobSummary: doc.run.url
  }
  for (const detail of LEVELS) {
    const text = compose(parts, detail, parts.sections.length, 0, maxLength)
    if (text !== undefined) return text
  }
  return composeLeavingOut(parts, maxLength)
}

interface Parts {
  marker: string
  head: string
  foot: string
  sections: Section[]
  /** Where the whole report is: the run, whose job summary carries it. */
  jobSummary: string
}

/**
 * The document with the first `kept` sections at `detail`, and the first `listed` of the others
 * named at the end; undefined as soon as it grows beyond `limit`, so a level that cannot fit costs
 * little more than the limit.
 */
function compose(parts: Parts, detail: Detail, kept: number, listed: number, limit = Infinity): string | undefined {
  const { sections } = parts
  const out = [parts.marker, parts.head, cutNote(parts, detail, sections.length - kept)]
  let length = out.reduce((sum, part) => sum + part.length, 0)
  const add = (part: string) => {
    out.push(part)
    length += part.length
    return length <= limit
  }
  const unchanged = sections.slice(0, kept).filter((section) => section.outcome === 'unchanged').length
  let unchangedOpen = false
  for (const section of sections.slice(0, kept)) {
    if (section.outcome === 'unchanged' && !unchangedOpen) {
      unchangedOpen = true
      if (!add(`<details><summary>${OUTCOME_MARK.unchanged} ${count(unchanged, 'model')} with no change</summary>\n\n`)) return undefined
    }
    if (!add(renderSection(section, detail))) return undefined
  }
  if (unchangedOpen && !add('\n</details>\n\n')) return undefined
  if (kept < sections.length && !add(leftOutList(sections.slice(kept), listed))) return undefined
  return add(parts.foot) ? out.join('') : undefined
}

/** The least detail, with as many sections as fit in order and the rest named (as many as fit) at the end. */
function composeLeavingOut(parts: Parts, maxLength: number): string {
  const { sections } = parts
  // The document without sections, plus room for the unchanged block's wrapper: the sections are added while they fit.
  const WRAPPER_ROOM = 200
  let used = (compose(parts, LEAST, 0, 0) ?? '').length + WRAPPER_ROOM
  let kept = 0
  for (; kept < sections.length; kept++) {
    used += renderSection(sections[kept], LEAST).length
    if (used > maxLength) break
  }
  for (; kept >= 0; kept--) {
    const withoutNames = compose(parts, LEAST, kept, 0, maxLength)
    if (withoutNames === undefined) continue
    const listed = namesThatFit(sections.slice(kept), maxLength - withoutNames.length)
    return compose(parts, LEAST, kept, listed, maxLength) ?? withoutNames
  }
  return hardCut(compose(parts, LEAST, 0, 0) ?? '', maxLength)
}

/** How many list entries fit in `room` more characters; each entry takes its text and a ", ". */
function namesThatFit(leftOut: Section[], room: number): number {
  let listed = 0
  for (let used = 0; listed < leftOut.length; listed++) {
    used += leftOut[listed].listEntry.length + 2
    if (used > room) break
  }
  return listed
}

function leftOutList(leftOut: Section[], listed: number): string {
  const names = leftOut.slice(0, listed).map((section) => section.listEntry)
  const rest = leftOut.length - listed
  if (rest > 0) names.push(`and ${count(rest, 'more model')}`)
  return `**Left out for size** (see the job summary and the \`report\` output file): ${names.join(', ')}.\n\n`
}

function cutNote(parts: Parts, detail: Detail, leftOut: number): string {
  const { sections } = parts
  const cuts: string[] = []
  if (!detail.charts && sections.some((section) => section.hasChart)) cuts.push('charts')
  if (!detail.unchangedRows && sections.some((section) => section.unchanged.length > 0 || section.outcome === 'unchanged')) {
    cuts.push('the rows of unchanged metrics')
  }
  if (sections.some((section) => section.hasLog && section.log().length > detail.logLines)) {
    cuts.push(detail.logLines === 0 ? 'log tails' : `log lines before the last ${detail.logLines}`)
  }
  if (sections.some((section) => section.shown.length > detail.maxRows)) cuts.push(`metrics beyond the first ${detail.maxRows} that moved in each model`)
  if (leftOut > 0) cuts.push(`the sections of ${count(leftOut, 'model')} (named at the end)`)
  if (cuts.length === 0) return ''
  return (
    `> [!NOTE]\n> Shortened to fit in a comment, without ${cuts.join('; ')}. The whole report is in the ` +
    `${link('job summary', parts.jobSummary)} and in the \`report\` output file.\n\n`
  )
}

type Common = ReturnType<typeof commonBaseline>

function renderHead(doc: ReportDocument, models: readonly ReportModel[], common: Common): string {
  const inline: Inline = markdownInline
  const sum = totals(models)
  const mark = isFailing(sum) ? '❌' : sum.regressed > 0 ? '⚠️' : '✅'
  const lines = [`## model-ci report — ${escapeMarkdown(truncate(doc.workflow, WORKFLOW_LENGTH))}`, '', `${mark} **${headline(sum)}**`, '']
  const gateFailures = gateFailuresOf(models)
  if (gateFailures.length > 0) {
    for (const { model, metric } of gateFailures.slice(0, GATE_FAILURES_LISTED)) lines.push(`- ${GATE_FAILED_MARK} ${describeGateFailure(model, metric, inline)}`)
    if (gateFailures.length > GATE_FAILURES_LISTED) lines.push(`- …and ${count(gateFailures.length - GATE_FAILURES_LISTED, 'more gate failure')}, marked ${GATE_FAILED_MARK} below`)
    lines.push('')
  }
  const run = [`Run ${link(`${doc.run.id}`, doc.run.url)} at ${inline.link(inline.code(shortSha(doc.run.sha)), commitUrl(doc.run.url, doc.run.sha))}`]
  if (doc.run.artifactsUrl !== undefined) run.push(link('artifacts', doc.run.artifactsUrl))
  if (common !== undefined) {
    const others = models.filter(({ baseline }) => baseline.kind !== 'none').length - common.models
    const own = others > 0 ? ` (${count(others, 'model has', 'models have')} another, shown with ${others === 1 ? 'it' : 'them'})` : ''
    run.push(`baseline: ${describeBaseline(common.baseline, doc.run.url, inline)}${own}`)
  } else if (models.length > 0) {
    run.push(doc.baseSha === undefined ? 'no baseline' : `no baseline found for ${inline.code(shortSha(doc.baseSha))}`)
  }
  lines.push(`${run.join(' · ')}.`, '')
  for (const note of doc.notes.slice(0, NOTES_SHOWN)) lines.push(`> ${escapeMarkdown(truncate(note, NOTE_LENGTH))}`, '')
  if (doc.notes.length > NOTES_SHOWN) lines.push(`> …and ${count(doc.notes.length - NOTES_SHOWN, 'more note')}.`, '')
  return `${lines.join('\n')}\n`
}

/** The last resort when even the headline does not fit: cut at a code point, never past maxLength. */
function hardCut(text: string, maxLength: number): string {
  if (text.length <= maxLength) return text
  const suffix = '\n\n…'
  const room = Math.max(0, maxLength - suffix.length)
  const kept = text.slice(0, room).replace(/[\ud800-\udbff]$/, '')
  return maxLength >= suffix.length ? `${kept}${suffix}` : kept
}
