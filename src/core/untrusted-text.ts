/**
 * Showing untrusted text (metric names, values from artifacts) in one-line messages and
 * annotations: nothing in it may break the line or reach a terminal as a control sequence.
 */

/** C0 and C1 controls, DEL, and the Unicode line and paragraph separators: anything that can break a line. */
export function hasControlCharacter(text: string): boolean {
  return /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(text) // eslint-disable-line no-control-regex -- control characters are what it finds
}

/** `text` cut to `maxLength` code points, with "…" when cut. */
export function truncate(text: string, maxLength: number): string {
  // At most as many code points as UTF-16 units; twice as many units always hold maxLength points,
  // and spare splitting a huge value.
  if (text.length <= maxLength) return text
  const points = Array.from(text.slice(0, maxLength * 2))
  if (points.length <= maxLength && text.length <= maxLength * 2) return text
  return `${points.slice(0, maxLength).join('')}…`
}

/** Text quoted as JSON and cut to `maxLength` code points, with every control character escaped. */
export function showUntrusted(text: string, maxLength: number): string {
  // JSON.stringify escapes C0 controls only: DEL, C1 (a terminal's CSI among them) and the line
  // and paragraph separators would pass as they are.
  return escapeControlCharacters(JSON.stringify(truncate(text, maxLength)))
}

/** Every control character as a `\uXXXX` escape, for text shown unquoted (a parser's message); invisible ones too (see escapeInvisible). */
export function escapeControlCharacters(text: string): string {
  return escapeInvisible(text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, codePointEscape)) // eslint-disable-line no-control-regex -- control characters are what it escapes
}

/**
 * Zero-width characters (U+200B to U+200F, U+FEFF) and bidirectional embeddings, overrides and
 * isolates (U+202A to U+202E, U+2066 to U+2069): they hide text or show it in another order, so
 * one name can pass for another ("accuracy" beside "accuracy\u200b"). Valid in a name, never
 * shown as they are.
 */
const INVISIBLE = /[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g

/** Every invisible character (see INVISIBLE) as a `\uXXXX` escape. */
export function escapeInvisible(text: string): string {
  return text.replace(INVISIBLE, codePointEscape)
}

function codePointEscape(character: string): string {
  return `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`
}

/** A parser's message on one line: its text may quote the input, line breaks and control characters included. */
export function parserMessage(text: string): string {
  return text.replace(/[\s\u0000-\u001f\u007f-\u009f]+/g, ' ').trim() // eslint-disable-line no-control-regex -- control characters are what it removes
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
