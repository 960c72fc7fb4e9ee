import type { Why } from './changes.js'
import { escapeMarkdown, inlineCode } from './markdown.js'
import { count } from './report/format.js'

export interface DetectSummaryInput {
  range: { base?: string; head: string; note?: string }
  picked: Array<{ model: string; path: string; why: Why }>
  deleted: string[]
  /** Set when the models were packed into fewer jobs than models (past `max-jobs`). */
  batches?: {
    jobs: number
    maxJobs: number
    balancedBy: string
    /** The `jobs` input: how many of a job's models train at once. */
    atOnce: number
    /** Jobs of several models kept to one at a time below `atOnce`: one of their models installs into the runner's Python. */
    inTurn: number
  }
  /** Folders the `models` globs match that hold Python files but neither model.yml nor src/train.py. */
  lookalikes?: readonly string[]
}

/** Files named per reason before "and N more". */
const FILES_SHOWN = 5
/** Folders named before "and N more" in the note on folders that look like models. */
const LOOKALIKES_SHOWN = 10

/**
 * The note on folders that look like models but are not (see lookalikeFolders), as plain text with
 * `code` marking the paths: a forgotten model.yml is seen before anyone wonders why it never trains.
 */
export function describeLookalikes(folders: readonly string[], code: (text: string) => string): string | undefined {
  if (folders.length === 0) return undefined
  const shown = folders.slice(0, LOOKALIKES_SHOWN).map(code).join(', ')
  const more = folders.length > LOOKALIKES_SHOWN ? ` and ${folders.length - LOOKALIKES_SHOWN} more` : ''
  const verb = folders.length === 1 ? 'holds' : 'hold'
  return `Not a model: ${shown}${more} ${verb} Python files but neither ${code('model.yml')} nor ${code('src/train.py')}, though ${code('models')} matches ${folders.length === 1 ? 'it' : 'them'}; add a ${code('model.yml')} to train ${folders.length === 1 ? 'it' : 'each'} as a model.`
}

/** Rows of the table; GitHub's matrix takes 256 jobs, so a longer list is only counted. */
const MODELS_SHOWN = 300

/** The job summary of `detect`: which models train and why, in Markdown. */
export function renderDetectSummary(input: DetectSummaryInput): string {
  const { range, picked, deleted } = input
  const lines = ['## model-ci: models to train', '']
  const span =
    range.base === undefined
      ? `at ${inlineCode(short(range.head))}`
      : `between ${inlineCode(short(range.base))} and ${inlineCode(short(range.head))}`
  lines.push(`**${count(picked.length, 'model')}** to train ${span}.`)
  if (range.note) lines.push('', `_${escapeMarkdown(range.note)}._`)
  if (input.batches) {
    const { jobs, maxJobs, balancedBy, atOnce, inTurn } = input.batches
    const held = inTurn > 0 ? ` (${count(inTurn, 'job')} one at a time: a model of ${inTurn === 1 ? 'it' : 'each'} has \`venv: false\` and requirements, which install into the runner's Python)` : ''
    const parallel = atOnce > 1 ? ` Each job trains up to **${atOnce}** of its models at once (\`jobs\`)${held}.` : ''
    lines.push(
      '',
      `They train in **${count(jobs, 'job')}**: more models than \`max-jobs\` (${maxJobs}), so models with the same \`runs-on\` and \`python\` share jobs, balanced by ${escapeMarkdown(balancedBy)}.${parallel}`
    )
  }
  const lookalikes = describeLookalikes(input.lookalikes ?? [], inlineCode)
  if (lookalikes) lines.push('', lookalikes)
  if (deleted.length > 0) {
    lines.push('', `Deleted or renamed away (not trained): ${deleted.map((name) => inlineCode(name)).join(', ')}.`)
  }
  if (picked.length > 0) {
    lines.push('', '| Model | Directory | Why |', '| --- | --- | --- |')
    for (const { model, path, why } of picked.slice(0, MODELS_SHOWN)) {
      lines.push(`| ${inlineCode(model)} | ${inlineCode(path)} | ${describeWhy(why, range.note)} |`)
    }
    if (picked.length > MODELS_SHOWN) {
      lines.push('', `…and ${picked.length - MODELS_SHOWN} more models, all in the \`models\` output.`)
    }
  }
  return `${lines.join('\n')}\n`
}

function describeWhy(why: Why, rangeNote: string | undefined): string {
  const parts: string[] = []
  if (why.files.length > 0) parts.push(`changed ${fileList(why.files)}`)
  if (why.watched.length > 0) parts.push(`watched ${fileList(why.watched)}`)
  if (why.shared.length > 0) parts.push(`shared ${fileList(why.shared)}`)
  // The range's note is said once above the table; repeat only notes of the model's own.
  for (const note of why.notes) if (note !== rangeNote) parts.push(escapeMarkdown(note))
  return parts.length > 0 ? parts.join('; ') : escapeMarkdown(rangeNote ?? '')
}

function fileList(files: readonly string[]): string {
  const shown = files.slice(0, FILES_SHOWN).map((file) => inlineCode(file))
  const more = files.length - shown.length
  return `${count(files.length, 'file')}: ${shown.join(', ')}${more > 0 ? ` and ${more} more` : ''}`
}

function short(sha: string): string {
  return sha.slice(0, 12)
}
