/**
 * Showing untrusted text (metric names, values from artifacts) in one-line messages and
 * annotations: nothing in it may break the line or reach a terminal as a control sequence.
 */

/** C0 and C1 controls, DEL, and the Unicode line and paragraph separators: anything that can break a line. */
export function hasControlCharacter(text: string): boolean {
  return /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(text) // eslint-disable-line no-control-regex -- control characters are what it finds
}

/** Text quoted as JSON and cut to `maxLength` code points, with every control character escaped. */
export function showUntrusted(text: string, maxLength: number): string {
  // Twice as many UTF-16 units as code points is enough, and spares splitting a huge value.
  const head = Array.from(text.slice(0, maxLength * 2)).slice(0, maxLength).join('')
  const shown = head.length < text.length ? `${head}…` : text
  // JSON.stringify escapes C0 controls only: DEL, C1 (a terminal's CSI among them) and the line
  // and paragraph separators would pass as they are.
  return escapeControlCharacters(JSON.stringify(shown))
}

/** Every control character as a `\uXXXX` escape, for text shown unquoted (a parser's message). */
export function escapeControlCharacters(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`) // eslint-disable-line no-control-regex -- control characters are what it escapes
}

/** The value at a key path of parsed data (a validation issue's path), or undefined. */
export function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let value = data
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined
    value = (value as Record<PropertyKey, unknown>)[key]
  }
  return value
}
