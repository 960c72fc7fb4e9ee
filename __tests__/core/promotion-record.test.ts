import { describe, expect, it } from '@jest/globals'
import { parsePromotionPayload, PROMOTION_TASK } from '../../src/core/promotion-record.js'

const valid = {
  model: 'fraud',
  version: '2026.11.27-100000-3f2a9c1-r812',
  digest: `sha256:${'ab'.repeat(32)}`,
  run_id: 812,
  sha: '3f2a9c1'.padEnd(40, '0'),
  metrics: { accuracy: 0.93, 'test.f1': 0.91, loss: -0.5 }
}

describe('PROMOTION_TASK', () => {
  it('is the task DESIGN.md names', () => {
    expect(PROMOTION_TASK).toBe('model-ci:promote')
  })
})

describe('parsePromotionPayload', () => {
  it('reads a payload as promote writes it, as an object or as JSON text', () => {
    expect(parsePromotionPayload(valid)).toEqual(valid)
    expect(parsePromotionPayload(JSON.stringify(valid))).toEqual(valid)
  })

  it('drops keys it does not know', () => {
    expect(parsePromotionPayload({ ...valid, promoted_at: 'yesterday' })).toEqual(valid)
  })

  it('keeps who promoted it, when the record says', () => {
    expect(parsePromotionPayload({ ...valid, promoted_by: 'alice' })).toEqual({ ...valid, promoted_by: 'alice' })
  })

  it('keeps "automatic": true, reads false as a manual promotion, and reads records without the key as manual', () => {
    expect(parsePromotionPayload({ ...valid, automatic: true })).toEqual({ ...valid, automatic: true })
    expect(parsePromotionPayload(JSON.stringify({ ...valid, promoted_by: 'mona', automatic: true }))).toEqual({ ...valid, promoted_by: 'mona', automatic: true })
    expect(parsePromotionPayload({ ...valid, automatic: false })).toEqual(valid)
    expect(parsePromotionPayload(valid)?.automatic).toBeUndefined()
  })

  it('accepts a SHA-256 repository\'s 64-digit commit and no metrics', () => {
    expect(parsePromotionPayload({ ...valid, sha: 'c'.repeat(64), metrics: {} })).toMatchObject({ sha: 'c'.repeat(64), metrics: {} })
  })

  it.each([
    ['nothing', undefined],
    ['null', null],
    ['a list', [valid]],
    ['a number', 42],
    ['text that is not JSON', '{"model":'],
    ['JSON text of a list', '[1]'],
    ['a missing model', { ...valid, model: undefined }],
    ['a model name with a path in it', { ...valid, model: '../fraud' }],
    ['a model name too long', { ...valid, model: 'm'.repeat(101) }],
    ['an empty version', { ...valid, version: '' }],
    ['a version with a line break', { ...valid, version: 'v1\n::error::forged' }],
    ['a version with a terminal escape', { ...valid, version: 'v1\u001b[31m' }],
    ['a version too long', { ...valid, version: 'v'.repeat(201) }],
    ['a promoter with a line break', { ...valid, promoted_by: 'alice\n::error::forged' }],
    ['"automatic" as text', { ...valid, automatic: 'true' }],
    ['"automatic" as a number', { ...valid, automatic: 1 }],
    ['a promoter name too long', { ...valid, promoted_by: 'a'.repeat(101) }],
    ['a digest without its algorithm', { ...valid, digest: 'ab'.repeat(32) }],
    ['a digest in upper case', { ...valid, digest: `sha256:${'AB'.repeat(32)}` }],
    ['a short sha', { ...valid, sha: '3f2a9c1' }],
    ['a run id of 0', { ...valid, run_id: 0 }],
    ['a fractional run id', { ...valid, run_id: 1.5 }],
    ['a run id as text', { ...valid, run_id: '812' }],
    ['a run id beyond 2^53', { ...valid, run_id: 2 ** 54 }],
    ['metrics missing', { ...valid, metrics: undefined }],
    ['metrics as a list', { ...valid, metrics: [0.9] }],
    ['a metric as text', { ...valid, metrics: { accuracy: '0.9' } }],
    ['a metric that is not finite', { ...valid, metrics: { accuracy: Number.POSITIVE_INFINITY } }],
    ['a metric with an empty name', { ...valid, metrics: { '': 1 } }],
    ['a metric name with a control character', { ...valid, metrics: { 'acc\u0007': 1 } }],
    ['a metric name too long', { ...valid, metrics: { ['m'.repeat(201)]: 1 } }]
  ])('refuses %s', (_case, payload) => {
    expect(parsePromotionPayload(payload)).toBeUndefined()
  })

  it('caps the number of metrics', () => {
    const metrics = (count: number) => Object.fromEntries(Array.from({ length: count }, (_, n) => [`m${n}`, n]))
    expect(parsePromotionPayload({ ...valid, metrics: metrics(10_000) })).toBeDefined()
    expect(parsePromotionPayload({ ...valid, metrics: metrics(10_001) })).toBeUndefined()
  })

  it('keeps a metric named __proto__ as a metric, without touching any prototype', () => {
    const parsed = parsePromotionPayload(`{"model":"fraud","version":"v1","digest":"${valid.digest}","run_id":1,"sha":"${valid.sha}","metrics":{"__proto__":0.5,"constructor":1}}`)
    expect(parsed && Object.entries(parsed.metrics)).toEqual([
      ['__proto__', 0.5],
      ['constructor', 1]
    ])
    expect(Object.getPrototypeOf(parsed?.metrics)).toBeNull()
  })

  it('does not parse JSON text longer than 4 MiB', () => {
    const padded = JSON.stringify({ ...valid, padding: 'x'.repeat(4 * 1024 * 1024) })
    expect(parsePromotionPayload(padded)).toBeUndefined()
  })
})
