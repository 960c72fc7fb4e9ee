// A failed training's log tail, made safe to show. It is untrusted: the training's own output, or
// whatever a fork's artifact claims it was.

const MAX_LINES = 50
const MAX_LINE_LENGTH = 500

// eslint-disable-next-line no-control-regex -- terminal escape sequences are what it removes
const ANSI_SEQUENCE = /\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?/g
// eslint-disable-next-line no-control-regex -- control characters are what it replaces
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/g

/**
 * The last lines of `tail` (at most 50, each cut to 500 characters with its length said), as a
 * terminal would have shown them: without colour codes, and of a line that a carriage return
 * rewrote (a progress bar), only its last state. Every other control character but tabs shows as
 * `\uXXXX`. Reads from the end, so a 1 MB tail costs what its last lines cost.
 */
export function logLines(tail: string): string[] {
  const lines: string[] = []
  let end = tail.length
  while (end > 0 && /\s/.test(tail[end - 1])) end--
  while (end > 0 && lines.length < MAX_LINES) {
    const lineStart = tail.lastIndexOf('\n', end - 1) + 1
    const lineEnd = tail[end - 1] === '\r' ? end - 1 : end
    // Searched within the line only, so 50 lines cost their own length.
    const lastReturn = tail.slice(lineStart, lineEnd).lastIndexOf('\r')
    lines.push(showLine(tail, lineStart + lastReturn + 1, lineEnd))
    end = lineStart - 1
  }
  return lines.reverse()
}

function showLine(tail: string, start: number, end: number): string {
  const length = end - start
  const cut = length > MAX_LINE_LENGTH
  // A cut may split a surrogate pair: drop its lone first half.
  let text = cut ? tail.slice(start, start + MAX_LINE_LENGTH).replace(/[\ud800-\udbff]$/, '') : tail.slice(start, end)
  text = text.replace(ANSI_SEQUENCE, '').replace(CONTROL, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`)
  return cut ? `${text}… (${length} characters)` : text
}
