import { describe, expect, it } from '@jest/globals'
import * as z from 'zod/mini'
import {
  checkMetricCount,
  checkMetrics,
  checkRecordObject,
  commitSha,
  describeIssue,
  fieldLabel,
  isUtcSeconds,
  MAX_METRIC_NAME_LENGTH,
  MAX_METRICS,
  mebibytes,
  metricNameProblem,
  parseRecordJson,
  printable,
  runId,
  sha256Digest,
  showValue,
  utcSeconds,
  wholeNumber,
  type MetricsField
} from '../../src/core/untrusted-record.js'
import { UserError } from '../../src/errors.js'

const SOURCE = 'artifact model-ci-fraud of run 812'
const ENTRY_METRICS: MetricsField = { label: '"models.fraud.metrics"', metricLabel: '"models.fraud.metrics"', holder: 'an entry' }
const MANIFEST_METRICS: MetricsField = { label: '"metrics"', metricLabel: 'metrics', holder: 'a manifest' }

/** The message of the UserError `action` throws; fails the test if it throws anything else or nothing. */
function errorOf(action: () => unknown): string {
  try {
    action()
  } catch (error) {
    expect(error).toBeInstanceOf(UserError)
    return (error as UserError).message
  }
  throw new Error('expected a UserError, nothing was thrown')
}

function firstIssue(schema: z.ZodMiniType, data: unknown): z.core.$ZodIssue {
  const result = schema.safeParse(data)
  if (result.success) throw new Error(`expected ${JSON.stringify(data)} to be refused`)
  return result.error.issues[0]
}

describe('parseRecordJson', () => {
  it('parses JSON text', () => {
    expect(parseRecordJson('{"schema": 1}', SOURCE, 'ledger', 1024)).toEqual({ schema: 1 })
  })

  it('refuses text over the limit unparsed, counting UTF-8 bytes', () => {
    // Two-byte characters: fewer UTF-16 units than the limit, but more bytes.
    const text = `"${'é'.repeat(600_000)}"`
    expect(errorOf(() => parseRecordJson(text, SOURCE, 'manifest', 1024 * 1024))).toBe(
      `${SOURCE}: the manifest is larger than 1 MiB, the most model-ci reads; it was not parsed`
    )
    expect(errorOf(() => parseRecordJson('x'.repeat(3 * 1024 * 1024 + 1), SOURCE, 'ledger', 3 * 1024 * 1024))).toBe(
      `${SOURCE}: the ledger is larger than 3 MiB, the most model-ci reads; it was not parsed`
    )
  })

  it('says why text is not JSON, with control characters escaped', () => {
    const message = errorOf(() => parseRecordJson('{"a":\u001b[31m}', SOURCE, 'ledger', 1024))
    expect(message).toMatch(new RegExp(`^${SOURCE}: the ledger is not valid JSON: `))
    expect(message).not.toMatch(/\u001b/) // eslint-disable-line no-control-regex -- the escape character must not pass
  })
})

describe('checkRecordObject', () => {
  it('accepts an object of schema 1', () => {
    expect(() => checkRecordObject({ schema: 1, extra: true }, SOURCE, 'ledger')).not.toThrow()
  })

  it.each([
    ['a list', [], 'the ledger must be a JSON object, got a list'],
    ['null', null, 'the ledger must be a JSON object, got null'],
    ['no schema', {}, '"schema" is missing; a model-ci ledger has "schema": 1'],
    ['a newer schema', { schema: 2 }, '"schema" is 2, newer than this model-ci reads (1); update model-ci to read this ledger'],
    ['a schema that is text', { schema: '1' }, '"schema" must be 1, got "1"'],
    ['a fractional schema', { schema: 1.5 }, '"schema" must be 1, got 1.5']
  ])('refuses %s', (_, data, message) => {
    expect(errorOf(() => checkRecordObject(data, SOURCE, 'ledger'))).toBe(`${SOURCE}: ${message}`)
  })
})

describe('checkMetrics', () => {
  it('copies names to finite numbers, "__proto__" as a plain own property', () => {
    const metrics = checkMetrics(JSON.parse('{"__proto__": 0.5, "accuracy": 0.9, "test.f1": -1e-300}'), MANIFEST_METRICS, SOURCE)
    expect(Object.keys(metrics)).toEqual(['__proto__', 'accuracy', 'test.f1'])
    expect(Object.hasOwn(metrics, '__proto__')).toBe(true)
    expect(Object.getPrototypeOf(metrics)).toBe(Object.prototype)
  })

  it.each([
    ['missing', undefined, '"models.fraud.metrics" is missing; it must be an object of metric names to numbers'],
    ['a list', [1], '"models.fraud.metrics" must be an object of metric names to numbers, got a list'],
    ['an empty name', { '': 1 }, '"models.fraud.metrics" has a metric with an empty name'],
    ['a control character in a name', { 'a\u0085b': 1 }, '"models.fraud.metrics" has a metric name with a control character: "a\\u0085b"'],
    ['a value that is text', { accuracy: '0.9' }, '"models.fraud.metrics"["accuracy"] must be a finite number, got "0.9"'],
    ['a value that is null', { accuracy: null }, '"models.fraud.metrics"["accuracy"] must be a finite number, got null']
  ])('names the field when %s', (_, metrics, message) => {
    expect(errorOf(() => checkMetrics(metrics, ENTRY_METRICS, SOURCE))).toBe(`${SOURCE}: ${message}`)
  })

  it('shows a value under its own label', () => {
    expect(errorOf(() => checkMetrics({ loss: true }, MANIFEST_METRICS, SOURCE))).toBe(`${SOURCE}: metrics["loss"] must be a finite number, got true`)
  })

  it('refuses more than MAX_METRICS, naming what holds them', () => {
    const tooMany = Object.fromEntries(Array.from({ length: MAX_METRICS + 1 }, (_, i) => [`m${i}`, i]))
    const message = `${SOURCE}: "metrics" holds ${MAX_METRICS + 1} metrics; a manifest may hold at most ${MAX_METRICS}`
    expect(errorOf(() => checkMetrics(tooMany, MANIFEST_METRICS, SOURCE))).toBe(message)
    expect(errorOf(() => checkMetricCount(tooMany, MANIFEST_METRICS, SOURCE))).toBe(message)
  })

  it('leaves all but the count to checkMetrics in checkMetricCount', () => {
    expect(() => checkMetricCount(undefined, MANIFEST_METRICS, SOURCE)).not.toThrow()
    expect(() => checkMetricCount({ '': 'x' }, MANIFEST_METRICS, SOURCE)).not.toThrow()
  })
})

describe('metricNameProblem', () => {
  it('accepts a name of up to MAX_METRIC_NAME_LENGTH characters', () => {
    expect(metricNameProblem('x'.repeat(MAX_METRIC_NAME_LENGTH))).toBeUndefined()
    expect(metricNameProblem('constructor')).toBeUndefined()
  })

  it('says what is wrong, with the name shown shortened', () => {
    expect(metricNameProblem('x'.repeat(MAX_METRIC_NAME_LENGTH + 1))).toBe(`has a metric name longer than 200 characters: "${'x'.repeat(80)}…"`)
    expect(metricNameProblem('a\u2028b')).toBe('has a metric name with a control character: "a\\u2028b"')
  })
})

describe('field rules', () => {
  it('describe a wrong field by its path, under a prefix, and a missing one as missing', () => {
    const entry = z.object({ sha: commitSha, files: z.array(z.object({ sha256: sha256Digest })) })
    const data = { sha: 'ABC', files: [{ sha256: 'sha256:00' }] }
    expect(describeIssue(firstIssue(entry, data), data, ['models', 'fraud'])).toBe(
      '"models.fraud.sha" must be a commit id of 40 lowercase hexadecimal digits, got "ABC"'
    )
    const files = { sha: 'a'.repeat(40), files: [{ sha256: 'sha256:00' }] }
    expect(describeIssue(firstIssue(entry, files), files)).toBe('"files[0].sha256" must be "sha256:" and 64 lowercase hexadecimal digits, got "sha256:00"')
    const missing = { files: [] }
    expect(describeIssue(firstIssue(entry, missing), missing)).toBe('"sha" is missing; it must be a commit id of 40 lowercase hexadecimal digits')
  })

  it('printable refuses control characters, empty text unless allowed, and overlong text', () => {
    const rule = printable('must be a branch name', 5)
    expect(rule.safeParse('main').success).toBe(true)
    expect(rule.safeParse('').success).toBe(false)
    expect(rule.safeParse('mainly').success).toBe(false)
    expect(rule.safeParse('a\u009bb').success).toBe(false)
    expect(printable('must be a ref', 5, true).safeParse('').success).toBe(true)
  })

  it('whole numbers are integers from the minimum that JSON carries exactly', () => {
    expect(wholeNumber('must be a size', 0).safeParse(0).success).toBe(true)
    expect(runId.safeParse(0).success).toBe(false)
    expect(runId.safeParse(1.5).success).toBe(false)
    expect(runId.safeParse(2 ** 53).success).toBe(false)
    expect(runId.safeParse(812).success).toBe(true)
  })

  it('times are UTC to the second, as utcSeconds writes them, on real dates', () => {
    expect(utcSeconds(new Date('2026-11-27T10:00:00.123Z'))).toBe('2026-11-27T10:00:00Z')
    expect(isUtcSeconds('2026-11-27T10:00:00Z')).toBe(true)
    expect(isUtcSeconds('2026-11-27T10:00:00.000Z')).toBe(false)
    expect(isUtcSeconds('2026-11-27T10:00:00+00:00')).toBe(false)
    expect(isUtcSeconds('2026-02-30T10:00:00Z')).toBe(false)
  })
})

describe('showing values', () => {
  it.each([
    ['text, quoted and escaped', 'a\u001bb', '"a\\u001bb"'],
    ['a number', -0.5, '-0.5'],
    ['a boolean', false, 'false'],
    ['null', null, 'null'],
    ['nothing', undefined, 'nothing'],
    ['a list', [1, 2], 'a list'],
    ['an object', { a: 1 }, 'an object']
  ])('shows %s', (_, value, shown) => {
    expect(showValue(value)).toBe(shown)
  })

  it('labels fields as they stand in the JSON', () => {
    expect(fieldLabel(['files', 3, 'sha256'])).toBe('"files[3].sha256"')
    expect(fieldLabel(['models', 'fraud.v2', 'metrics'])).toBe('"models.fraud.v2.metrics"')
  })

  it('gives sizes in MiB, whole when they are whole', () => {
    expect(mebibytes(32 * 1024 * 1024)).toBe('32')
    expect(mebibytes(1.5 * 1024 * 1024)).toBe('1.5')
  })
})
