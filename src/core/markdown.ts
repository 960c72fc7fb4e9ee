import { escapeInvisible } from './untrusted-text.js'

/**
 * Escapes user text (model names, file names, metric names) for GitHub-flavoured Markdown, so
 * that it shows as written and can neither inject HTML, links, mentions nor table cells.
 */
export function escapeMarkdown(text: string): string {
  return oneLine(text).replace(/[\\`*_{}[\]()#+\-.!|~<>&"'@:]/g, (ch) => ENTITIES[ch] ?? `\\${ch}`)
}

const ENTITIES: Record<string, string> = {
  '<': '&lt;',
  '>': '&gt;',
  '&': '&amp;',
  '"': '&quot;',
  "'": '&#39;',
  '|': '&#124;',
  // "@name" would notify a user; a zero-width joiner keeps the text but breaks the mention.
  '@': '@&#8203;',
  // "https:" would be auto-linked.
  ':': '&#58;'
}

/** What makes an inline code span more than the text between two backticks: backticks, pipes, controls and the invisible characters escapeInvisible shows. */
const NEEDS_CARE = /[`|\u0000-\u001f\u007f-\u009f\u2028\u2029\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/ // eslint-disable-line no-control-regex -- control characters are among them

/** A Markdown inline code span that holds any text, including backticks. */
export function inlineCode(text: string): string {
  // The usual file or model name, one test rather than four: detect's summary shows thousands.
  if (!NEEDS_CARE.test(text)) return `\`${text}\``
  const longestRun = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length))
  const fence = '`'.repeat(longestRun + 1)
  const padded = text.startsWith('`') || text.endsWith('`') ? ` ${text} ` : text
  return `${fence}${oneLine(padded).replace(/\|/g, '\\|')}${fence}`
}

/** Control characters and the Unicode line and paragraph separators: a run of them shows as one space. */
const LINE_BREAKING = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g // eslint-disable-line no-control-regex -- control characters are what it replaces

/**
 * One line: not only "\n" ends a line of Markdown, a lone "\r" does too, and a table row must stay
 * one line. Invisible characters show as `\uXXXX` (see escapeInvisible), before any other
 * escaping, so that their backslash is escaped as Markdown too.
 */
function oneLine(text: string): string {
  return escapeInvisible(text).replace(LINE_BREAKING, ' ')
}
