import { describe, expect, test } from '@jest/globals'
import { expectedModels, metricsReport } from '../../src/cli/gitlab-ports.js'
import type { ReportDocument } from '../../src/core/report/types.js'

function documentOf(models: Array<{ model: string; metrics: Array<{ name: string; head: number | null }> }>): ReportDocument {
  return {
    workflow: 'GitLab CI',
    run: { id: 1, url: 'https://gitlab.example.com/p/-/pipelines/1', sha: 'a'.repeat(40) },
    notes: [],
    models: models.map(({ model, metrics }) => ({
      baseline: { kind: 'none' },
      comparison: { model, status: 'new', regressions: 0, gateFailures: 0, improvements: 0, metrics: metrics.map((metric) => ({ ...metric })) }
    }))
  } as unknown as ReportDocument
}

describe('metricsReport (GitLab metrics report)', () => {
  test('one "name value" line per model and measured metric; whitespace and control characters in names become _', () => {
    const text = metricsReport(
      documentOf([
        { model: 'churn', metrics: [{ name: 'accuracy', head: 0.93 }, { name: 'test.log_loss', head: 0.1 }, { name: 'gone', head: null }] },
        { model: 'fraud', metrics: [{ name: 'f1 score\nx', head: 0.5 }] }
      ])
    )
    expect(text).toBe('churn.accuracy 0.93\nchurn.test.log_loss 0.1\nfraud.f1_score_x 0.5\n')
  })

  test('nothing measured: an empty file', () => {
    expect(metricsReport(documentOf([{ model: 'churn', metrics: [{ name: 'accuracy', head: null }] }]))).toBe('')
  })
})

describe('expectedModels', () => {
  test('MODEL_CI_REPORT_MODELS split on spaces, commas and newlines; unset or blank is undefined', () => {
    expect(expectedModels({ MODEL_CI_REPORT_MODELS: 'churn fraud,\nrisk' })).toEqual(['churn', 'fraud', 'risk'])
    expect(expectedModels({ MODEL_CI_REPORT_MODELS: '  ' })).toBeUndefined()
    expect(expectedModels({})).toBeUndefined()
  })
})
