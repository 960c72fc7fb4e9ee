// Monitoring (DESIGN.md section 9): a live model's metrics on fresh data against the metrics it was
// promoted with, and the record `monitor` keeps of it (artifact `model-ci-monitor`, `monitor.json`),
// which `status` reads back (records/monitor-results.ts parses it). Pure: the command runs the models and stores the record.
//
// "Is this a regression" is compare.ts's rule, under the model's goals and tolerances, exactly as
// `report` applies it: the promotion's metrics are the base, the monitoring run's the head.
//
// Verdicts:
// - healthy: no metric regressed beyond its tolerance;
// - degraded: one did. A gated one (`gate: true`) fails the job (`gate_failed`); any regression,
//   gated or not, opens or updates the model's monitoring issue, since a drift that does not stop
//   the job is still what the issue is for;
// - failed: there is no measurement (the live version could not be fetched or verified, its
//   Python could not be set up, the monitor command failed, its metrics were unreadable). The job
//   fails, and the model's issue is left as it is: nothing is known about its health either way.
import type { MetricRule } from './config/types.js'
import type { MetricComparison } from './compare.js'
import { compareMetrics } from './compare.js'

export const MONITOR_ARTIFACT = 'model-ci-monitor'
export const MONITOR_FILE = 'monitor.json'

export type MonitorVerdict = 'healthy' | 'degraded' | 'failed'

/** Where a monitoring run of one model stopped without a measurement. */
export type MonitorPhase = 'download' | 'install' | 'monitor' | 'metrics'

export interface MonitorFailure {
  phase: MonitorPhase
  message: string
}

/** One model's monitoring result, as monitor.json holds it. */
export interface MonitoredModel {
  /** The live version monitored. */
  version: string
  digest: string
  verdict: MonitorVerdict
  /** The monitoring run's metrics; empty when it failed. */
  metrics: Record<string, number>
  /** The metrics recorded at promotion (the deployment's payload). */
  promoted_metrics: Record<string, number>
  /** Metrics that regressed beyond their tolerance, gated or not, by name. */
  regressed: string[]
  /** A gated metric regressed: the job fails. */
  gate_failed: boolean
  failure: MonitorFailure | null
}

/** monitor.json: one monitoring run of one environment. */
export interface MonitorRecord {
  schema: 1
  environment: string
  sha: string
  run_id: number
  created_at: string
  /** A null-prototype object: model names are untrusted keys when read back. */
  models: Record<string, MonitoredModel>
}

/** A model's judged monitoring run: its result and every metric's comparison, for the tables. */
export interface MonitorJudgement {
  result: MonitoredModel
  comparisons: MetricComparison[]
}

/** The live version a monitoring run measured. */
export interface LiveVersion {
  version: string
  digest: string
  /** The metrics its promotion recorded. */
  metrics: Record<string, number>
}

/**
 * Judges a monitoring run's metrics against the live version's promotion metrics under the
 * model's metric rules (its model.yml's, then model-ci.yml's), with compare.ts's regression rule.
 * Only the metrics the monitor command wrote are compared: a monitoring run measures what fresh
 * data can tell (accuracy on recent labelled cases, say), and a training metric it does not
 * measure (a training loss) has not gone anywhere.
 */
export function judgeMonitoring(live: LiveVersion, measured: Record<string, number>, rules: readonly MetricRule[]): MonitorJudgement {
  const measuredAtPromotion = Object.fromEntries(Object.entries(live.metrics).filter(([name]) => Object.hasOwn(measured, name)))
  const comparisons = compareMetrics(measuredAtPromotion, measured, rules)
  const regressed = comparisons.filter((metric) => metric.verdict === 'regressed').map((metric) => metric.name)
  const gateFailed = comparisons.some((metric) => metric.gateFailed)
  return {
    comparisons,
    result: {
      version: live.version,
      digest: live.digest,
      verdict: regressed.length > 0 ? 'degraded' : 'healthy',
      metrics: { ...measured },
      promoted_metrics: { ...live.metrics },
      regressed,
      gate_failed: gateFailed,
      failure: null
    }
  }
}

/** A model whose monitoring run measured nothing. */
export function failedMonitoring(live: LiveVersion, failure: MonitorFailure): MonitorJudgement {
  return {
    comparisons: [],
    result: {
      version: live.version,
      digest: live.digest,
      verdict: 'failed',
      metrics: {},
      promoted_metrics: { ...live.metrics },
      regressed: [],
      gate_failed: false,
      failure
    }
  }
}

/** Whether the monitoring job fails: a gated metric regressed, or a model could not be measured. */
export function monitoringFails(models: Iterable<MonitoredModel>): boolean {
  for (const model of models) if (model.gate_failed || model.verdict === 'failed') return true
  return false
}

export function emptyMonitoredModels(): Record<string, MonitoredModel> {
  return Object.create(null) as Record<string, MonitoredModel>
}

/** The record as JSON: keys in the documented order, models by name, 2-space indents, a final newline. */
export function serializeMonitorRecord(record: MonitorRecord): string {
  const models = emptyMonitoredModels()
  for (const name of Object.keys(record.models).sort()) {
    const model = record.models[name]
    models[name] = {
      version: model.version,
      digest: model.digest,
      verdict: model.verdict,
      metrics: model.metrics,
      promoted_metrics: model.promoted_metrics,
      regressed: model.regressed,
      gate_failed: model.gate_failed,
      failure: model.failure && { phase: model.failure.phase, message: model.failure.message }
    }
  }
  const ordered: MonitorRecord = { schema: 1, environment: record.environment, sha: record.sha, run_id: record.run_id, created_at: record.created_at, models }
  return `${JSON.stringify(ordered, null, 2)}\n`
}
