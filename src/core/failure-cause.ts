// The few lines of a failed command's output that say why it failed (Python's exception line,
// pip's "ERROR: ..." lines), for the one error annotation of `train` and the CLI's failure line:
// enough to see the cause without opening the log, which keeps the whole output. Pure.
import type { Failure } from './manifest.js'
import { escapeControlCharacters, truncate } from './untrusted-text.js'

/** At most this many lines are shown, */
export const CAUSE_MAX_LINES = 5
/** each cut to this many characters, */
export const CAUSE_MAX_LINE_LENGTH = 200
/** and older lines are dropped until all of them together are at most this long. */
export const CAUSE_MAX_LENGTH = 500

/** Terminal escape sequences (colors, cursor moves, titles): formatting, not content. */
const TERMINAL_ESCAPE = /\u001b(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001b]*(?:\u0007|\u001b\\)|[@-Z\\-_])/g // eslint-disable-line no-control-regex -- escape sequences are what it removes

const TRACEBACK_START = /^(?:Traceback \(most recent call last\):|\s+File ".*", line \d+)/
const INDENTED = /^\s/

/**
 * pip's bookkeeping and progress: lines that are there when an install goes well too. Its failures
 * ("ERROR: ...") are not among them.
 */
const PIP_NOISE =
  /^(?:Requirement already satisfied:|\[notice\]|Collecting |Downloading |Using cached |Obtaining |Processing |Looking in (?:indexes|links):|Installing collected packages:|Successfully (?:installed|built|uninstalled) |Building wheels? for |Created wheel for |Stored in directory:|Preparing metadata |Getting requirements to build |Installing build dependencies|Attempting uninstall:|Found existing installation:|Uninstalling )/
/** A progress bar: a run of box-drawing or block characters (pip's ━━━, tqdm's ███). */
const PROGRESS_BAR = /[\u2500-\u259f]{3}/

/**
 * The last meaningful lines of `output` (oldest first): blank lines, pip's bookkeeping and progress
 * lines, and the frames of a Python traceback whose exception line is there are skipped. Each line
 * is trimmed, cut to CAUSE_MAX_LINE_LENGTH and has its control characters escaped, so it is safe
 * on one line of an annotation or a terminal; at most CAUSE_MAX_LINES lines and CAUSE_MAX_LENGTH
 * characters in all (the newest line is always kept).
 */
export function failureCause(output: readonly string[]): string[] {
  const meaningful = withoutTracebackFrames(output.map(withoutEscapes))
    .map((line) => line.trim())
    .filter((line) => line !== '' && !PIP_NOISE.test(line) && !PROGRESS_BAR.test(line))
  const shown = meaningful.slice(-CAUSE_MAX_LINES).map((line) => escapeControlCharacters(truncate(line, CAUSE_MAX_LINE_LENGTH)))
  let length = shown.reduce((sum, line) => sum + line.length, 0)
  while (shown.length > 1 && length > CAUSE_MAX_LENGTH) length -= (shown.shift() as string).length
  return shown
}

/**
 * Why a training failed, from its manifest's failure: the cause in the log tail of the command
 * that failed. None for a metrics failure, whose message is the cause: the output only led up to it.
 */
export function causeOf(failure: Failure): string[] {
  return failure.phase === 'metrics' || failure.phase === 'mlflow' ? [] : failureCause(failure.log_tail.split('\n'))
}

/** A line without terminal escapes. Long lines are cut first: one may be 64 KiB, and only its start is shown. */
function withoutEscapes(line: string): string {
  return line.slice(0, CAUSE_MAX_LINE_LENGTH * 4).replace(TERMINAL_ESCAPE, '')
}

/**
 * `lines` without the traceback frames that an exception line follows. A traceback starts at its
 * header (or, when the output kept only its end, at a `File "...", line N` frame) and runs over
 * the indented lines after it; the first line that is not indented is the exception. Frames that
 * no exception line follows (the output stopped in the middle of a traceback) are kept.
 */
function withoutTracebackFrames(lines: readonly string[]): string[] {
  const kept: string[] = []
  let frames: string[] | undefined
  for (const line of lines) {
    if (frames !== undefined && (line.trim() === '' || INDENTED.test(line))) {
      frames.push(line)
      continue
    }
    frames = undefined
    if (TRACEBACK_START.test(line)) frames = [line]
    else kept.push(line)
  }
  return frames === undefined ? kept : [...kept, ...frames]
}
