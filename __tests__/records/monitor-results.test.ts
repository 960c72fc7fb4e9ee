import { describe, expect, it } from '@jest/globals'
import { parseMonitorResult } from '../../src/records/monitor-results.js'

const SOURCE = 'artifact "model-ci-monitor" of run 7'
const valid = {
  schema: 1,
  environment: 'production',
  sha: 'a'.repeat(40),
  run_id: 7,
  created_at: '2026-12-05T03:00:00.123Z',
  models: {
    fraud: { version: 'v1', digest: `sha256:${'b'.repeat(64)}`, verdict: 'degraded', metrics: { recall: 0.3 }, promoted_metrics: { recall: 0.4 }, regressed: ['recall'], gate_failed: true, failure: null },
    churn: { version: 'v2', digest: `sha256:${'c'.repeat(64)}`, verdict: 'failed', metrics: {}, promoted_metrics: { accuracy: 0.8 }, regressed: [], gate_failed: false, failure: { phase: 'monitor', message: 'exit 1' } }
  }
}
const withModel = (change: Record<string, unknown>) => JSON.stringify({ ...valid, models: { fraud: { ...valid.models.fraud, ...change } } })

describe('parseMonitorResult', () => {
  it('reads monitor.json in the shape monitor writes it', () => {
    const result = parseMonitorResult(JSON.stringify(valid), SOURCE)
    expect(result).toMatchObject({ environment: 'production', run_id: 7, models: { fraud: { verdict: 'degraded', regressed: ['recall'] }, churn: { failure: { phase: 'monitor' } } } })
    expect(Object.getPrototypeOf(result.models)).toBeNull()
  })

  it('refuses what is not that shape with one line naming the field', () => {
    const refusal = (text: string) => {
      try {
        parseMonitorResult(text, SOURCE)
      } catch (error) {
        return (error as Error).message
      }
      return 'accepted'
    }
    expect(refusal('not json')).toMatch(/^artifact "model-ci-monitor" of run 7: .*JSON/)
    expect(refusal(withModel({ verdict: 'fine' }))).toMatch(/^artifact "model-ci-monitor" of run 7: .*verdict.*"healthy", "degraded" or "failed"/)
    expect(refusal(withModel({ metrics: { recall: 'high' } }))).toMatch(/metrics.*recall.*must be a finite number/)
    expect(refusal(withModel({ regressed: 'recall' }))).toMatch(/regressed.*must be a list/)
    expect(refusal(JSON.stringify({ ...valid, models: { '../x': valid.models.fraud } }))).toMatch(/not a model name/)
    expect(refusal(JSON.stringify({ ...valid, created_at: 'yesterday' }))).toMatch(/created_at.*UTC time/)
    for (const text of ['not json', withModel({ verdict: 'fine' })]) expect(refusal(text)).not.toContain('\n')
  })
})
