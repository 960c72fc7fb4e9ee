import { describe, expect, test } from '@jest/globals'
import { parseModelOverrides, parseRepoConfig, resolveModelConfig } from '../../src/core/config.js'
import type { MetricRule } from '../../src/core/config/types.js'
import { compareMetrics, isRegression } from '../../src/core/compare.js'
import { failedMonitoring, judgeMonitoring, monitoringFails, serializeMonitorRecord } from '../../src/core/monitoring.js'
import { parseMonitorResult } from '../../src/records/monitor-results.js'
import type { MonitorRecord } from '../../src/core/monitoring.js'
import { monitorMarker, renderIssueBody, renderMonitorSummary, renderMonitorTerminal, renderStillDegradedComment } from '../../src/core/monitor-report.js'

const DIGEST = `sha256:${'a'.repeat(64)}`
const live = { version: '2026.12.05-100000-abcdef0-r7', digest: DIGEST, metrics: { accuracy: 0.9, 'test.log_loss': 0.2, rows: 80 } }

function rules(yaml: string): MetricRule[] {
  const repo = parseRepoConfig(yaml)
  return resolveModelConfig(repo, { name: 'churn', path: 'models/churn' }, parseModelOverrides(undefined, 'models/churn/model.yml'), { requirementsFound: undefined }).metrics
}
const GATED = rules('metrics:\n  accuracy: { goal: maximize, tolerance: 0.01, gate: true }\n  "*loss*": { goal: minimize, tolerance: 10% }')

describe('judgeMonitoring', () => {
  test('healthy: nothing worse than at promotion beyond its tolerance (a move within it is no degradation)', () => {
    const { result } = judgeMonitoring(live, { accuracy: 0.895, 'test.log_loss': 0.21 }, GATED)
    expect(result).toEqual({
      version: live.version,
      digest: DIGEST,
      verdict: 'healthy',
      metrics: { accuracy: 0.895, 'test.log_loss': 0.21 },
      promoted_metrics: live.metrics,
      regressed: [],
      gate_failed: false,
      failure: null
    })
  })

  test('degraded with gate_failed: a gated metric worse beyond its tolerance, judged by the same rule as report', () => {
    const measured = { accuracy: 0.85, 'test.log_loss': 0.2 }
    const { result, comparisons } = judgeMonitoring(live, measured, GATED)
    expect(result).toMatchObject({ verdict: 'degraded', regressed: ['accuracy'], gate_failed: true })
    expect(isRegression({ base: 0.9, head: 0.85, goal: 'maximize', tolerance: { kind: 'absolute', value: 0.01 } })).toBe(true)
    // The very comparisons report would make of the same numbers.
    expect(comparisons).toEqual(compareMetrics({ accuracy: 0.9, 'test.log_loss': 0.2 }, measured, GATED))
  })

  test('degraded without gate_failed: a regression of a metric that is not gated is degraded, and does not fail the job', () => {
    const { result } = judgeMonitoring(live, { accuracy: 0.9, 'test.log_loss': 0.3 }, GATED)
    expect(result).toMatchObject({ verdict: 'degraded', regressed: ['test.log_loss'], gate_failed: false })
    expect(monitoringFails([result])).toBe(false)
  })

  test('only the metrics the monitor command wrote are compared: the others are not "removed", and a new one has no verdict', () => {
    const { result, comparisons } = judgeMonitoring(live, { accuracy: 0.91, drift_score: 0.4 }, GATED)
    expect(result.verdict).toBe('healthy')
    expect(comparisons.map((metric) => [metric.name, metric.verdict])).toEqual([
      ['accuracy', 'improved'],
      ['drift_score', 'new']
    ])
    expect(result.promoted_metrics).toEqual(live.metrics)
  })

  test('goals come from metric names when no rule gives them, as in report: a worse error is a regression, an unknown metric never is', () => {
    const { result } = judgeMonitoring({ ...live, metrics: { error_rate: 0.1, rows: 80 } }, { error_rate: 0.2, rows: 10 }, [])
    expect(result).toMatchObject({ verdict: 'degraded', regressed: ['error_rate'], gate_failed: false })
  })

  test('failed: no measurement, the job fails, the promotion metrics are kept', () => {
    const { result } = failedMonitoring(live, { phase: 'monitor', message: 'python src/monitor.py exited with code 1' })
    expect(result).toMatchObject({ verdict: 'failed', metrics: {}, regressed: [], gate_failed: false, failure: { phase: 'monitor' }, promoted_metrics: live.metrics })
    expect(monitoringFails([result])).toBe(true)
    expect(monitoringFails([judgeMonitoring(live, { accuracy: 0.8 }, GATED).result])).toBe(true)
    expect(monitoringFails([judgeMonitoring(live, { accuracy: 0.9 }, GATED).result])).toBe(false)
  })
})

describe('monitor.json', () => {
  const record: MonitorRecord = {
    schema: 1,
    environment: 'production',
    sha: 'b'.repeat(40),
    run_id: 812,
    created_at: '2026-12-05T10:00:00Z',
    models: { churn: judgeMonitoring(live, { accuracy: 0.8 }, GATED).result, fraud: failedMonitoring(live, { phase: 'download', message: 'gone' }).result }
  }

  test('round-trips in the documented shape, through the reader status uses', () => {
    const text = serializeMonitorRecord(record)
    expect(Object.keys(JSON.parse(text) as object)).toEqual(['schema', 'environment', 'sha', 'run_id', 'created_at', 'models'])
    expect(Object.keys((JSON.parse(text) as MonitorRecord).models.churn)).toEqual(['version', 'digest', 'verdict', 'metrics', 'promoted_metrics', 'regressed', 'gate_failed', 'failure'])
    expect(parseMonitorResult(text, 'artifact model-ci-monitor of run 812')).toEqual(record)
  })
})

describe('the issue and the terminal', () => {
  test('the issue body starts with the marker and escapes metric names', () => {
    const hostile = { ...live, metrics: { 'acc|<img src=x>@team': 0.9 } }
    const judgement = judgeMonitoring(hostile, { 'acc|<img src=x>@team': 0.5 }, [])
    const body = renderIssueBody({ model: 'churn', environment: 'production', judgement, run: { id: 9, url: 'https://github.com/acme/models/actions/runs/9' }, createdAt: '2026-12-05T10:00:00Z' })
    expect(body.startsWith(`${monitorMarker('churn', 'production')}\n`)).toBe(true)
    expect(monitorMarker('churn', 'production')).toBe('<!-- model-ci:monitor model=churn environment=production -->')
    // In code spans, as report shows names: no HTML, no mention, and the pipe cannot split the table row.
    expect(body).toContain('| 🔴 `acc\\|<img src=x>@team` | 0.9 | 0.5 |')
    expect(body.replace(/`[^`]*`/g, '')).not.toMatch(/<img|@team/)
  })

  test('an issue about thousands of metrics with long names stays under GitHub\'s 65,536 characters, worst first', () => {
    const many = Object.fromEntries(Array.from({ length: 3000 }, (_, index) => [`${'m'.repeat(190)}_${index}_accuracy`, 0.9]))
    const measured = Object.fromEntries(Object.keys(many).map((name) => [name, 0.5]))
    const judgement = judgeMonitoring({ ...live, metrics: many }, measured, [])
    const run = { id: 9, url: 'https://github.com/acme/models/actions/runs/9' }
    const body = renderIssueBody({ model: 'churn', environment: 'production', judgement, run, createdAt: '2026-12-05T10:00:00Z' })
    expect(body.length).toBeLessThan(65_536)
    expect(body).toContain('…and 2900 more metrics, in monitor.json (artifact model-ci-monitor of the monitoring run).')
    const models = Object.fromEntries(Array.from({ length: 10 }, (_, index) => [`model${index}`, judgement.result]))
    const record: MonitorRecord = { schema: 1, environment: 'production', sha: 'b'.repeat(40), run_id: 9, created_at: '2026-12-05T10:00:00Z', models }
    const summary = renderMonitorSummary({ record, judgements: new Map(Object.keys(models).map((name) => [name, judgement])), run })
    expect(summary.length).toBeLessThan(350_000)
    expect(summary).toMatch(/…and \d+ more models: every result is in monitor\.json \(artifact model-ci-monitor\)\./)
    expect(renderStillDegradedComment({ judgement, run, createdAt: '2026-12-05T10:00:00Z' })).toContain(' and 2980 more metrics.')
  })

  test('the terminal shows a line per metric, and why a model was not measured', () => {
    const judgements = new Map([
      ['churn', judgeMonitoring(live, { accuracy: 0.8 }, GATED)],
      ['fraud', failedMonitoring(live, { phase: 'install', message: 'pip failed' })]
    ])
    const record: MonitorRecord = { schema: 1, environment: 'production', sha: 'b'.repeat(40), run_id: 1, created_at: '2026-12-05T10:00:00Z', models: { churn: judgements.get('churn')!.result, fraud: judgements.get('fraud')!.result } }
    expect(renderMonitorTerminal(record, judgements).split('\n')).toEqual([
      'model-ci monitor: production',
      'MODEL  VERSION                       VERDICT                 METRIC                      AT PROMOTION  NOW  CHANGE',
      'churn  2026.12.05-100000-abcdef0-r7  degraded (gate failed)  accuracy                    0.9           0.8  gate failed',
      'fraud  2026.12.05-100000-abcdef0-r7  failed                  install failed: pip failed',
      ''
    ])
  })
})
