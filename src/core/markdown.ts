/**
 * Escapes user text (model names, file names, metric names) for GitHub-flavoured Markdown, so
 * that it shows as written and can neither inject HTML, links, mentions nor table cells.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_{}[\]()#+\-.!|~<>&"'@:]/g, (ch) => ENTITIES[ch] ?? `\\${ch}`)
    .replace(/\r?\n/g, ' ')
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

/** A Markdown inline code span that holds any text, including backticks. */
export function inlineCode(text: string): string {
  const longestRun = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length))
  const fence = '`'.repeat(longestRun + 1)
  const padded = text.startsWith('`') || text.endsWith('`') ? ` ${text} ` : text
  return `${fence}${padded.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ')}${fence}`
}
