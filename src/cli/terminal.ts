import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs'
import { dirname } from 'node:path'
import { escapeControlCharacters } from '../core/untrusted-text.js'
import type { Logger } from '../ports/logger.js'

/** Where the CLI writes: results to stdout, warnings and errors to stderr. */
export interface Terminal {
  out(line: string): void
  err(line: string): void
  /** Writes `text` to stdout as it is: the cursor moves of live lines (see progress.ts). */
  write(text: string): void
  /** stdout is a terminal: lines may be redrawn in place. Elsewhere (a CI log, a pipe) every line stays as written. */
  live: boolean
  /** ANSI colors: stdout is a terminal and NO_COLOR is not set. */
  color: boolean
  /** A blank line between two parts of the output; none before the first, so no output starts with one. */
  separate(): void
  /** Columns to fit the output to, when known (see columns). */
  width?: number
}

export function processTerminal(): Terminal {
  const noColor = (process.env.NO_COLOR ?? '') !== ''
  let wroteOut = false
  const out = (line: string) => {
    wroteOut = true
    process.stdout.write(`${line}\n`)
  }
  return {
    out,
    err: (line) => void process.stderr.write(`${line}\n`),
    write: (text) => void process.stdout.write(text),
    separate: () => {
      if (wroteOut) out('')
    },
    live: process.stdout.isTTY === true && process.env.TERM !== 'dumb',
    color: process.stdout.isTTY === true && !noColor,
    width: columns()
  }
}

/**
 * The width to fit the output to: COLUMNS when set (as `ls` reads it, also for a pipe), else the
 * terminal's; none for a pipe or a terminal that does not know its size (0), where nothing is cut.
 */
function columns(): number | undefined {
  const fromEnv = Number(process.env.COLUMNS)
  if (process.env.COLUMNS !== undefined && process.env.COLUMNS !== '' && Number.isInteger(fromEnv)) return fromEnv > 0 ? fromEnv : undefined
  return process.stdout.isTTY && process.stdout.columns > 0 ? process.stdout.columns : undefined
}

/** Paints `text` when the terminal takes colors. */
export function paint(terminal: Terminal, style: 'red' | 'green' | 'yellow' | 'dim' | 'bold', text: string): string {
  if (!terminal.color) return text
  const codes = { red: 31, green: 32, yellow: 33, dim: 2, bold: 1 }
  return `\x1b[${codes[style]}m${text}\x1b[0m`
}

/** The Logger port on a terminal: information on stdout, warnings on stderr, group titles and debug lines only when verbose. */
export function terminalLogger(terminal: Terminal, options: { verbose: boolean }): Logger {
  return {
    info: (message) => terminal.out(message),
    debug: (message) => {
      if (options.verbose) terminal.out(paint(terminal, 'dim', message))
    },
    warning: (message) => terminal.err(`${paint(terminal, 'yellow', 'warning:')} ${message}`),
    group: async (title, work) => {
      if (options.verbose) terminal.out(paint(terminal, 'bold', `▸ ${title}`))
      return work()
    }
  }
}

/**
 * A training's Logger when several models train at once: everything goes to the model's log file
 * (so that outputs do not interleave on the terminal), warnings also to stderr, and with
 * `verbose` every line to stdout too, after the model's name. `close` when the training is done.
 */
export function modelLogger(terminal: Terminal, model: string, logFile: string, options: { verbose: boolean }): Logger & { close(): void } {
  mkdirSync(dirname(logFile), { recursive: true })
  const fd = openSync(logFile, 'w')
  const prefix = paint(terminal, 'dim', `[${model}]`)
  const write = (line: string) => writeSync(fd, `${line}\n`)
  const info = (message: string) => {
    write(message)
    // Training output is the user's program's: shown without its control sequences.
    if (options.verbose) terminal.out(`${prefix} ${escapeControlCharacters(message)}`)
  }
  return {
    info,
    debug: (message) => write(message),
    warning: (message) => {
      write(`warning: ${message}`)
      terminal.err(`${paint(terminal, 'yellow', 'warning:')} ${prefix} ${message}`)
    },
    group: async (title, work) => {
      info(`▸ ${title}`)
      return work()
    },
    close: () => closeSync(fd)
  }
}
