// Numbers as the report shows them: a few significant digits, enough to tell base from head,
// signs on changes, and "—" where a value is absent. The same text in Markdown and the terminal.

const ABSENT = '—'

const VALUE_DIGITS = 4
const MAX_DIGITS = 12
const CHANGE_DIGITS = 3

/** A metric value with `digits` significant digits; whole numbers (counts) as they are. */
export function formatValue(value: number, digits = VALUE_DIGITS): string {
  const size = Math.abs(value)
  if (Number.isInteger(value) && size < 1e15) return String(value)
  if (size >= 10 ** digits && size < 1e15) return String(Math.round(value))
  if (size !== 0 && (size < 1e-4 || size >= 1e15)) return trimExponent(value.toExponential(digits - 1))
  // In this range toPrecision never switches to exponent form; only its trailing zeros go.
  const text = value.toPrecision(digits)
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text
}

/**
 * Base and head, each with the fewest significant digits (4 at least) that still tell them apart,
 * so 0.93124 against 0.93127 does not read as no change.
 */
export function formatPair(base: number | null, head: number | null): [string, string] {
  if (base === null || head === null) return [base === null ? ABSENT : formatValue(base), head === null ? ABSENT : formatValue(head)]
  let digits = VALUE_DIGITS
  let pair: [string, string] = [formatValue(base, digits), formatValue(head, digits)]
  while (base !== head && pair[0] === pair[1] && digits < MAX_DIGITS) {
    digits++
    pair = [formatValue(base, digits), formatValue(head, digits)]
  }
  return pair
}

/** head - base with a sign: "+0.012", "-3", "0". */
export function formatChange(change: number | null): string {
  if (change === null) return ABSENT
  return signed(change, formatValue(change, CHANGE_DIGITS))
}

/** A percent change with a sign and two significant digits below 100: "+3.2%", "-0.041%", "+250%". */
export function formatPercent(percent: number | null): string {
  if (percent === null) return ABSENT
  const size = Math.abs(percent)
  // Below a millionth of a percent String() would switch to exponent notation; such a move reads as 0.
  const digits = size >= 100 ? String(Math.round(percent)) : size < 1e-6 ? '0' : String(Number(percent.toPrecision(2)))
  return `${signed(percent, digits)}%`
}

function signed(value: number, text: string): string {
  return value > 0 && text !== '0' ? `+${text}` : text
}

function trimExponent(text: string): string {
  // "1.200e-5" → "1.2e-5"
  return text.replace(/\.?0+e/, 'e').replace('e+', 'e')
}

/** A count and its noun: "1 model", "3 models"; `many` for another plural ("2 models have"). */
export function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`
}

/** A duration for people: "12.3 s", "4 min 5 s". */
export function formatSeconds(seconds: number): string {
  return seconds < 60 ? `${seconds.toFixed(1)} s` : `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`
}

/** `2026-11-27 10:00`: an ISO 8601 time to the minute, for people; undefined for text that is not one. */
export function minuteOf(iso: string): string | undefined {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(iso)
  return match ? `${match[1]} ${match[2]}` : undefined
}
