// Monitoring (DESIGN.md section 9): a live model's metrics on fresh data against the metrics it was
// promoted with, and the record `monitor` keeps of it (artifact `model-ci-monitor`, `monitor.json`),
// which `status` reads back. Pure: the command runs the models and stores the record.
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
import * as z from 'zod/mini'
import type { MetricRule } from './config/types.js'
import { MODEL_NAME_PATTERN } from './config/types.js'
import type { MetricComparison } from './compare.js'
import { compareMetrics } from './compare.js'
import {
  checkMetrics,
  checkRecordObject,
  commitSha,
  describeIssue,
  fail,
  fieldLabel,
  isPlainObject,
  parseRecordJson,
  printable,
  runId,
  sha256Digest,
  showText,
  showValue,
  utcTime
} from './untrusted-record.js'

export const MONITOR_ARTIFACT = 'model-ci-monitor'
export const MONITOR_FILE = 'monitor.json'
/** The largest monitoring record model-ci reads back. */
export const MAX_MONITOR_BYTES = 64 * 1024 * 1024
const MAX_MODELS = 100_000

export type MonitorVerdict = 'healthy' | 'degraded' | 'failed'

/** Where a monitoring run of one model stopped without a measurement. */
export type MonitorPhase = 'download' | 'install' | 'monitor' | 'metrics'
export const MONITOR_PHASES: readonly MonitorPhase[] = ['download', 'install', 'monitor', 'metrics']

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

// Read back as untrusted text, like the ledger: the artifact is written by a workflow.
const recordSchema = z.object({
  schema: z.literal(1),
  environment: printable('must be an environment name, at most 255 characters without control characters', 255),
  sha: commitSha,
  run_id: runId,
  created_at: utcTime
})

const modelSchema = z.object({
  version: printable('must be a version label, at most 200 characters', 200),
  digest: sha256Digest,
  verdict: z.enum(['healthy', 'degraded', 'failed'], { error: 'must be healthy, degraded or failed' }),
  regressed: z.array(printable('must be a list of metric names', 200), { error: 'must be a list of metric names' }),
  gate_failed: z.boolean({ error: 'must be true or false' }),
  failure: z.nullable(
    z.object({
      phase: z.enum(['download', 'install', 'monitor', 'metrics'], { error: 'must be download, install, monitor or metrics' }),
      message: z.string({ error: 'must be a message' }).check(z.maxLength(10_000))
    })
  )
})

/** Reads monitor.json from untrusted text; every error is one line that starts with `source` and names the field. */
export function parseMonitorRecord(text: string, source: string): MonitorRecord {
  const data = parseRecordJson(text, source, 'monitoring record', MAX_MONITOR_BYTES)
  checkRecordObject(data, source, 'monitoring record')
  const result = recordSchema.safeParse(data)
  if (!result.success) throw fail(source, describeIssue(result.error.issues[0], data))
  const models = data.models
  if (!isPlainObject(models)) throw fail(source, `"models" must be an object of model names to results, got ${showValue(models)}`)
  const names = Object.keys(models)
  if (names.length > MAX_MODELS) throw fail(source, `"models" holds ${names.length} models; a monitoring record may hold at most ${MAX_MODELS}`)
  const checked = emptyMonitoredModels()
  for (const name of names) {
    if (!MODEL_NAME_PATTERN.test(name)) throw fail(source, `"models" has a key that is not a model name: ${showText(name)}`)
    const entry = models[name]
    const path = ['models', name]
    if (!isPlainObject(entry)) throw fail(source, `${fieldLabel(path)} must be an object, got ${showValue(entry)}`)
    const parsed = modelSchema.safeParse(entry)
    if (!parsed.success) throw fail(source, describeIssue(parsed.error.issues[0], entry, path))
    const metricsOf = (key: string) => {
      const label = fieldLabel([...path, key])
      return checkMetrics(entry[key], { label, metricLabel: label, holder: 'a monitoring result' }, source)
    }
    checked[name] = { ...parsed.data, metrics: metricsOf('metrics'), promoted_metrics: metricsOf('promoted_metrics') }
  }
  return { ...result.data, schema: 1, models: checked }
}
