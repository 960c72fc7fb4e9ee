import { UserError } from '../../errors.js'
import { describeValue } from './messages.js'
import type { Tolerance } from './types.js'

/** A tolerance written as text: "0.005" (absolute) or "2%" / "2 %" (percent of the base value). */
export const TOLERANCE_TEXT = /^\s*(\d+(?:\.\d*)?|\.\d+)\s*(%?)\s*$/

export const TOLERANCE_RULE = 'must be a non-negative number or a percentage such as "2%"'

/** The tolerance `value` stands for, or undefined when it is not one. */
export function toleranceFrom(value: string | number): Tolerance | undefined {
  if (typeof value === 'number') {
    return Number.isFinite(value) && value >= 0 ? { kind: 'absolute', value } : undefined
  }
  const match = TOLERANCE_TEXT.exec(value)
  if (!match) return undefined
  return { kind: match[2] === '%' ? 'percent' : 'absolute', value: Number(match[1]) }
}

/**
 * Parses a tolerance: a number is absolute, "N%" is a percentage of the base value.
 * `where` starts the error message, e.g. `model-ci.yml: "metrics.accuracy.tolerance"`.
 */
export function parseTolerance(value: string | number, where: string): Tolerance {
  const tolerance = toleranceFrom(value)
  if (!tolerance) throw new UserError(`${where} ${TOLERANCE_RULE}, got ${describeValue(value)}`)
  return tolerance
}
