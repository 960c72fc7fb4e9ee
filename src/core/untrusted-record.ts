// What the readers of model-ci's untrusted JSON records (the manifest, the ledger, the promotion
// payload) share: the field rules, the metric rules, and the one-line errors that name the field at
// fault and show untrusted text escaped. Pure.
import * as z from 'zod/mini'
import { UserError } from '../errors.js'
import { escapeControlCharacters, hasControlCharacter, showUntrusted, valueAt } from './untrusted-text.js'

/** The most metrics one record may hold: the same for every record, so a manifest's metrics fit a ledger entry and a promotion. */
export const MAX_METRICS = 10_000
export const MAX_METRIC_NAME_LENGTH = 200
const MAX_SHOWN_LENGTH = 80

// The field rules, each worded to follow a field's name: `"sha" must be …, got "x"`.

export const commitSha = z.string({ error: 'must be a commit id of 40 lowercase hexadecimal digits' }).check(z.regex(/^[0-9a-f]{40}$/))

/** A fingerprint or an artifact digest. */
export const sha256Digest = z.string({ error: 'must be "sha256:" and 64 lowercase hexadecimal digits' }).check(z.regex(/^sha256:[0-9a-f]{64}$/))

/** One line of at most `maxLength` characters, not empty unless `mayBeEmpty`. */
export const printable = (rule: string, maxLength: number, mayBeEmpty = false) =>
  z.string({ error: rule }).check(z.minLength(mayBeEmpty ? 0 : 1), z.maxLength(maxLength), z.refine((text: string) => !hasControlCharacter(text)))

// z.int() also refuses numbers beyond 2^53, which JSON cannot carry exactly.
export const wholeNumber = (rule: string, minimum: number) => z.number({ error: rule }).check(z.int(), z.gte(minimum))

export const runId = wholeNumber('must be a run id (a whole number, 1 or more)', 1)

export const utcTime = z.string({ error: 'must be a UTC time such as "2026-11-27T10:00:00Z"' }).check(z.refine(isUtcSeconds))

/** The time as records hold it: UTC to the second. */
export function utcSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z')
}

/** Exactly the form utcSeconds writes, and a real date (no February 30). */
export function isUtcSeconds(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(text)) return false
  const date = new Date(text)
  return !Number.isNaN(date.getTime()) && utcSeconds(date) === text
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * The text of a record (`kind`, such as "manifest") parsed as JSON: refused unparsed when it is
 * larger than `maxBytes`, and a one-line error when it is not JSON.
 */
export function parseRecordJson(text: string, source: string, kind: string, maxBytes: number): unknown {
  // A string longer than the limit in UTF-16 units is longer in UTF-8 bytes too: no need to count.
  if (text.length > maxBytes || Buffer.byteLength(text) > maxBytes) {
    throw fail(source, `the ${kind} is larger than ${mebibytes(maxBytes)} MiB, the most model-ci reads; it was not parsed`)
  }
  try {
    return JSON.parse(text)
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error
    throw fail(source, `the ${kind} is not valid JSON: ${escapeControlCharacters(error.message)}`)
  }
}

/** That a record (`kind`, such as "ledger") is an object of schema 1, the only one this model-ci reads. */
export function checkRecordObject(data: unknown, source: string, kind: string): asserts data is Record<string, unknown> {
  if (!isPlainObject(data)) throw fail(source, `the ${kind} must be a JSON object, got ${showValue(data)}`)
  const schema = data.schema
  if (schema === 1) return
  if (schema === undefined) throw fail(source, `"schema" is missing; a model-ci ${kind} has "schema": 1`)
  if (typeof schema === 'number' && Number.isInteger(schema) && schema > 1) {
    throw fail(source, `"schema" is ${schema}, newer than this model-ci reads (1); update model-ci to read this ${kind}`)
  }
  throw fail(source, `"schema" must be 1, got ${showValue(schema)}`)
}

/** Where a record keeps its metrics, as its errors name them. */
export interface MetricsField {
  /** The field, quoted: `"metrics"`. */
  label: string
  /** What one metric's name follows, in brackets: `metrics` gives `metrics["f1"]`. */
  metricLabel: string
  /** What may hold at most MAX_METRICS metrics: "a manifest". */
  holder: string
}

/** Refuses more than MAX_METRICS metrics; anything that is not an object is left to checkMetrics. */
export function checkMetricCount(metrics: unknown, field: MetricsField, source: string): void {
  if (!isPlainObject(metrics)) return
  const count = Object.keys(metrics).length
  if (count > MAX_METRICS) throw fail(source, `${field.label} holds ${count} metrics; ${field.holder} may hold at most ${MAX_METRICS}`)
}

/**
 * A record's metrics: at most MAX_METRICS names (see metricNameProblem) to finite numbers.
 * Metric names are arbitrary text, "__proto__" included, which zod's record drops without a word:
 * checked here, and copied with fromEntries, which defines such a name as a plain property.
 */
export function checkMetrics(metrics: unknown, field: MetricsField, source: string): Record<string, number> {
  if (metrics === undefined) throw fail(source, `${field.label} is missing; it must be an object of metric names to numbers`)
  if (!isPlainObject(metrics)) throw fail(source, `${field.label} must be an object of metric names to numbers, got ${showValue(metrics)}`)
  checkMetricCount(metrics, field, source)
  const entries = Object.entries(metrics)
  for (const [name, value] of entries) {
    const problem = metricNameProblem(name)
    if (problem !== undefined) throw fail(source, `${field.label} ${problem}`)
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw fail(source, `${field.metricLabel}[${showText(name)}] must be a finite number, got ${showValue(value)}`)
    }
  }
  return Object.fromEntries(entries) as Record<string, number>
}

/** What is wrong with a metric name, worded to follow the field that holds it, or undefined. */
export function metricNameProblem(name: string): string | undefined {
  if (name === '') return 'has a metric with an empty name'
  if (name.length > MAX_METRIC_NAME_LENGTH) return `has a metric name longer than ${MAX_METRIC_NAME_LENGTH} characters: ${showText(name)}`
  if (hasControlCharacter(name)) return `has a metric name with a control character: ${showText(name)}`
  return undefined
}

/** Untrusted text as an error shows it: quoted, shortened, with nothing that can break the line. */
export function showText(text: string): string {
  return showUntrusted(text, MAX_SHOWN_LENGTH)
}

/** A value of untrusted JSON as an error shows it: text quoted, numbers as they are, containers by kind. */
export function showValue(value: unknown): string {
  if (typeof value === 'string') return showText(value)
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  if (value === null) return 'null'
  if (value === undefined) return 'nothing'
  if (Array.isArray(value)) return 'a list'
  return 'an object'
}

/**
 * `"files[3].sha256"`, `"models.fraud.sha"`: the field as a person finds it in the JSON. Paths
 * are schema keys, list indexes and names that were checked before they got here.
 */
export function fieldLabel(path: readonly PropertyKey[]): string {
  return `"${path.map((key, index) => (typeof key === 'number' ? `[${key}]` : `${index === 0 ? '' : '.'}${String(key)}`)).join('')}"`
}

/** A zod issue as one line: the field (below `prefix` in the record), what it must be, and what it was. */
export function describeIssue(issue: z.core.$ZodIssue, data: unknown, prefix: readonly PropertyKey[] = []): string {
  const value = valueAt(data, issue.path)
  const field = fieldLabel([...prefix, ...issue.path])
  if (value === undefined) return `${field} is missing; it ${issue.message}`
  return `${field} ${issue.message}, got ${showValue(value)}`
}

export function mebibytes(bytes: number): string {
  return (bytes / (1024 * 1024)).toFixed(bytes % (1024 * 1024) === 0 ? 0 : 1)
}

/** An error about the record from `source` (an artifact and run), which starts the line. */
export function fail(source: string, message: string): UserError {
  return new UserError(`${source}: ${message}`)
}
