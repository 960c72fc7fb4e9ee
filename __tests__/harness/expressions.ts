/**
 * GitHub Actions expressions (`${{ ... }}`) for the workflow runner, evaluated by GitHub's own
 * implementation, `@actions/expressions` (Lexer, Parser, Evaluator), against plain JSON contexts
 * (`github`, `inputs`, `needs`, `matrix`, `steps`, `env`, `secrets`, ...).
 *
 * What the library leaves to the runner, and this adds: the status functions `success()`,
 * `failure()`, `cancelled()`, `always()`; the rule that an `if:` without a status function means
 * `success() && (<if>)`; `if:` written with or without `${{ }}`; and templates, where a value that
 * is one whole expression keeps its type (`matrix: ${{ fromJSON(...) }}` is an object) while text
 * around expressions makes a string.
 */
import { Evaluator, Lexer, Parser, data } from '@actions/expressions'

export type Contexts = Record<string, unknown>

/** What the status functions answer: about the job's needs (job `if:`) or the job's earlier steps (step `if:`). */
export interface Status {
  /** Everything before succeeded (or was allowed to fail). */
  success: boolean
  /** Something before failed. */
  failure: boolean
}

const STATUS_FUNCTIONS = ['success', 'failure', 'cancelled', 'always'] as const
const STATUS_CALL = new RegExp(`\\b(${STATUS_FUNCTIONS.join('|')})\\s*\\(`, 'i')
const WHOLE_EXPRESSION = /^\s*\$\{\{([\s\S]*?)\}\}\s*$/
const EMBEDDED_EXPRESSION = /\$\{\{([\s\S]*?)\}\}/g

/** Evaluates one expression (without `${{ }}`) to a plain JSON value. Unknown contexts and functions throw. */
export function evaluateExpression(expression: string, contexts: Contexts, status: Status = { success: true, failure: false }): unknown {
  const answers: Record<(typeof STATUS_FUNCTIONS)[number], boolean> = {
    success: status.success,
    failure: status.failure,
    // Nothing here cancels a run.
    cancelled: false,
    always: true
  }
  const functions = new Map(
    STATUS_FUNCTIONS.map((name) => [name, { name, minArgs: 0, maxArgs: 0, call: () => new data.BooleanData(answers[name]) }] as const)
  )
  const tokens = new Lexer(expression).lex().tokens
  const parsed = new Parser(tokens, Object.keys(contexts), [...functions.values()]).parse()
  const result = new Evaluator(parsed, toExpressionData(contexts), functions).evaluate()
  // A missing property evaluates to undefined inside the library; GitHub calls it null.
  return result === undefined ? null : JSON.parse(JSON.stringify(result, data.replacer))
}

/**
 * Evaluates a template value: strings with `${{ }}` (a whole expression keeps its type; embedded ones
 * are joined as text), arrays and mappings value by value. Anything else is returned as is.
 */
export function evaluateTemplate(value: unknown, contexts: Contexts, status?: Status): unknown {
  if (typeof value === 'string') {
    const whole = WHOLE_EXPRESSION.exec(value)
    if (whole && !whole[1].includes('}}')) return evaluateExpression(whole[1], contexts, status)
    return value.replace(EMBEDDED_EXPRESSION, (_match, expression: string) => coerceToString(evaluateExpression(expression, contexts, status)))
  }
  if (Array.isArray(value)) return value.map((item) => evaluateTemplate(item, contexts, status))
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, evaluateTemplate(item, contexts, status)]))
  }
  return value
}

/** A template that must give a string (`with:`, `env:`, `run:` values), as the runner passes them on. */
export function evaluateString(value: unknown, contexts: Contexts, where: string): string {
  const result = evaluateTemplate(value, contexts)
  if (result !== null && typeof result === 'object') throw new Error(`${where}: the expression gives ${Array.isArray(result) ? 'an array' : 'an object'}, not a string`)
  return coerceToString(result)
}

/**
 * An `if:` condition, with GitHub's rules: `${{ }}` optional, absent means `success()`, and a
 * condition without a status function only runs when everything before succeeded.
 */
export function evaluateCondition(condition: unknown, contexts: Contexts, status: Status): boolean {
  if (condition === undefined || condition === null || condition === '') return status.success
  if (typeof condition === 'boolean') return condition && status.success
  if (typeof condition === 'number') return condition !== 0 && status.success
  const text = String(condition)
  const whole = WHOLE_EXPRESSION.exec(text)
  const expression = whole ? whole[1] : text
  const guarded = STATUS_CALL.test(expression) ? expression : `success() && (${expression})`
  return isTruthy(evaluateExpression(guarded, contexts, status))
}

/** GitHub's truthiness: false, 0, '', null (and NaN) are false; everything else, objects included, true. */
function isTruthy(value: unknown): boolean {
  if (value === null || value === undefined || value === false || value === '') return false
  if (typeof value === 'number') return value !== 0 && !Number.isNaN(value)
  return true
}

/** How GitHub turns a value into text inside a string: null is empty, objects are named by kind. */
function coerceToString(value: unknown): string {
  if (value === null || value === undefined) return ''
  if (Array.isArray(value)) return 'Array'
  if (typeof value === 'object') return 'Object'
  return String(value)
}

function toExpressionData(contexts: Contexts): data.Dictionary {
  return JSON.parse(JSON.stringify(contexts), data.reviver) as data.Dictionary
}
