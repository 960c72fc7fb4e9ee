import { describe, expect, it } from '@jest/globals'
import { headline, totals } from '../../../src/core/report/summary.js'
import { GATED_ACCURACY, reportModel } from './report-fixtures.js'

const failure = { phase: 'train' as const, exit_code: 1, signal: null, message: 'boom', log_tail: '' }

const models = [
  reportModel('gated', { accuracy: 0.93, loss: 0.3 }, { accuracy: 0.9, loss: 0.2 }, { rules: GATED_ACCURACY }),
  reportModel('better', { accuracy: 0.8 }, { accuracy: 0.85 }),
  reportModel('same', { accuracy: 0.8 }, { accuracy: 0.8 }),
  reportModel('fresh', undefined, { accuracy: 0.8 }),
  reportModel('broken', { accuracy: 0.8 }, {}, { failure }),
  reportModel('lost', undefined, 'missing'),
  reportModel('gone', { accuracy: 0.8 }, 'removed')
]

describe('totals', () => {
  it('counts models by outcome and metrics by regression', () => {
    expect(totals(models)).toEqual({ trained: 5, reused: 0, improved: 1, regressed: 1, failed: 1, missing: 1, new: 1, removed: 1, gateFailures: 1, regressions: 1 })
  })

  it('counts a model that improved and regressed as regressed only', () => {
    const mixed = reportModel('mixed', { accuracy: 0.9, loss: 0.3 }, { accuracy: 0.8, loss: 0.2 })
    expect(totals([mixed])).toMatchObject({ trained: 1, improved: 0, regressed: 1, regressions: 1, gateFailures: 0 })
  })
})

describe('headline', () => {
  it('puts gate failures first, then what the trained models did, then the rest', () => {
    expect(headline(totals(models))).toBe('1 gate failed. 5 models trained: 1 improved, 1 regressed, 1 steady, 1 new, 1 failed. 1 missing (no result), 1 removed.')
  })

  it('counts models that neither improved nor regressed as steady', () => {
    expect(headline(totals([models[1], models[2]]))).toBe('2 models trained: 1 improved, 1 steady.')
  })

  it('says how many of the trained models the run-cache gave back instead of training them', () => {
    const reused = (model: ReturnType<typeof reportModel>) => ({ ...model, head: model.head && { ...model.head, runCache: 'hit' as const } })
    expect(headline(totals([reused(models[1]), reused(models[2]), models[3]]))).toBe('3 models trained (2 reused from the run-cache): 1 improved, 1 steady, 1 new.')
    // A failed training is never a reuse, whatever its manifest says.
    expect(totals([reused(models[4])]).reused).toBe(0)
  })

  it('counts gates in the plural and has words for an empty report', () => {
    const twoGates = reportModel('two', { accuracy: 0.9, 'val.accuracy': 0.9 }, { accuracy: 0.8, 'val.accuracy': 0.8 }, {
      rules: [{ pattern: '*accuracy', policy: { gate: true } }]
    })
    expect(headline(totals([twoGates]))).toBe('2 gates failed. 1 model trained: 1 regressed.')
    expect(headline(totals([]))).toBe('No models to report.')
  })
})
