/** The words of a command line, or why it cannot be split: a sentence that follows the key's name. */
export type SplitResult = { words: string[] } | { error: string }

const WHITESPACE = new Set([' ', '\t', '\n', '\r'])
/** Unquoted, these make a shell do something other than pass an argument (pipe, redirect, chain, subshell). */
const SHELL_OPERATORS = new Set(['|', '&', ';', '<', '>', '(', ')'])
/** Inside double quotes a backslash escapes only these; before anything else it is kept (POSIX). */
const DOUBLE_QUOTE_ESCAPES = new Set(['$', '`', '"', '\\', '\n'])
const VARIABLE_START = /[A-Za-z_{(]/

const NO_SHELL = 'model-ci runs commands without a shell'
const BACKQUOTE_ERROR = `uses a backquote command substitution, but ${NO_SHELL}; move it into a script, or write \\\` to pass a literal backquote`

function variableError(line: string, dollar: number): string {
  const reference = /^\$(\{[^}]*\}?|\(|[A-Za-z_][A-Za-z0-9_]*)/.exec(line.slice(dollar))?.[0] ?? '$'
  return `refers to ${JSON.stringify(reference)}, which nothing expands: ${NO_SHELL}; read the variable from the environment in your script, or write \\$ to pass a literal "$"`
}

/**
 * Splits a command line into words the way a POSIX shell does (whitespace, single quotes, double
 * quotes, backslashes), without a shell: no globbing, no variables, no operators. Where a shell
 * would expand a variable or run a pipe the result is an error rather than a silently literal word,
 * so a command means the same here as it would in a terminal.
 */
export function splitShellWords(line: string): SplitResult {
  const words: string[] = []
  let word: string | undefined
  let i = 0
  while (i < line.length) {
    const char = line[i]
    if (WHITESPACE.has(char)) {
      if (word !== undefined) words.push(word)
      word = undefined
      i++
    } else if (char === "'") {
      const close = line.indexOf("'", i + 1)
      if (close === -1) return { error: 'has an unterminated single quote' }
      word = (word ?? '') + line.slice(i + 1, close)
      i = close + 1
    } else if (char === '"') {
      const quoted = readDoubleQuoted(line, i + 1)
      if ('error' in quoted) return quoted
      word = (word ?? '') + quoted.text
      i = quoted.end
    } else if (char === '\\') {
      if (i + 1 >= line.length) return { error: 'ends with a lone backslash' }
      // A backslash-newline joins two lines; any other escaped character is taken literally.
      if (line[i + 1] !== '\n') word = (word ?? '') + line[i + 1]
      i += 2
    } else if (SHELL_OPERATORS.has(char)) {
      return { error: `uses the shell operator "${char}", but ${NO_SHELL}; quote it to pass it literally, or move the pipeline into a script` }
    } else if (char === '`') {
      return { error: BACKQUOTE_ERROR }
    } else if (char === '$' && VARIABLE_START.test(line[i + 1] ?? '')) {
      return { error: variableError(line, i) }
    } else {
      word = (word ?? '') + char
      i++
    }
  }
  if (word !== undefined) words.push(word)
  return { words }
}

function readDoubleQuoted(line: string, start: number): { text: string; end: number } | { error: string } {
  let text = ''
  let i = start
  while (i < line.length) {
    const char = line[i]
    if (char === '"') return { text, end: i + 1 }
    if (char === '\\' && DOUBLE_QUOTE_ESCAPES.has(line[i + 1] ?? '')) {
      if (line[i + 1] !== '\n') text += line[i + 1]
      i += 2
    } else if (char === '`') {
      return { error: BACKQUOTE_ERROR }
    } else if (char === '$' && VARIABLE_START.test(line[i + 1] ?? '')) {
      return { error: variableError(line, i) }
    } else {
      text += char
      i++
    }
  }
  return { error: 'has an unterminated double quote' }
}
