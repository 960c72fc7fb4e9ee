// Monitoring results as `monitor` keeps them (DESIGN.md section 9): one `monitor.json` per
// monitoring run, in the run's artifact `model-ci-monitor` on GitHub, as
// `.model-ci/monitor/<run>.json` locally. `status` reads the recent ones. An artifact is anyone's
// upload, so its text is read as untrusted: size first, every field checked, each error one line.
import * as z from 'zod/mini'
import { MODEL_NAME_PATTERN } from '../core/config/types.js'
import { inParallel } from '../core/in-parallel.js'
import {
  checkMetrics,
  checkRecordObject,
  commitSha,
  describeIssue,
  fail,
  fieldLabel,
  isPlainObject,
  metricNameProblem,
  parseRecordJson,
  printable,
  runId,
  showText,
  showValue
} from '../core/untrusted-record.js'
import { isUserError } from '../errors.js'
import type { ArtifactStore } from '../ports/artifact-store.js'
import type { Logger } from '../ports/logger.js'
import type { WorkflowRun, WorkflowRuns } from '../ports/workflow-runs.js'
import { readArtifactRecord } from './record-file.js'
import { MONITOR_ARTIFACT, MONITOR_FILE } from '../core/monitoring.js'
import type { MonitoredModel, MonitorRecord } from '../core/monitoring.js'

export { MONITOR_ARTIFACT, MONITOR_FILE } from '../core/monitoring.js'
/** The largest monitor.json read: 2,000 models of 50 metrics, twice (monitored and at promotion), is about 8 MB. */
export const MAX_MONITOR_BYTES = 32 * 1024 * 1024
const MAX_MODELS = 100_000
const MAX_REGRESSED = 10_000

/** A monitor.json as read back: the record `monitor` writes (core/monitoring.ts), every field checked. */
export type MonitorResult = MonitorRecord

const resultSchema = z.object({
  schema: z.literal(1),
  environment: printable('must be an environment name, at most 100 characters without control characters', 100),
  sha: commitSha,
  run_id: runId,
  // An ISO 8601 UTC time, with or without fractions of a second (Date's toISOString has them).
  created_at: z.string({ error: 'must be a UTC time such as "2026-11-27T10:00:00Z"' }).check(z.regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/))
})

const modelSchema = z.object({
  version: printable('must be a version label, at most 200 characters without control characters', 200),
  digest: printable('must be an artifact digest, at most 200 characters without control characters', 200),
  verdict: z.enum(['healthy', 'degraded', 'failed'], { error: 'must be "healthy", "degraded" or "failed"' }),
  gate_failed: z.boolean({ error: 'must be true or false' }),
  failure: z.nullable(
    z.object({
      phase: z.enum(['download', 'install', 'monitor', 'metrics'], { error: 'must be "download", "install", "monitor" or "metrics"' }),
      // A message may span lines (a log's last words); the renderers escape and cut it.
      message: z.string({ error: 'must be text' }).check(z.maxLength(100_000, 'must be at most 100,000 characters'))
    })
  )
})

/** Reads a monitor.json from untrusted text; `source` (an artifact and run, a file) starts every error. */
export function parseMonitorResult(text: string, source: string): MonitorResult {
  const data = parseRecordJson(text, source, 'monitoring result', MAX_MONITOR_BYTES)
  checkRecordObject(data, source, 'monitoring result')
  const result = resultSchema.safeParse(data)
  if (!result.success) throw fail(source, describeIssue(result.error.issues[0], data))
  return { ...result.data, models: checkModels(data.models, source) }
}

function checkModels(models: unknown, source: string): Record<string, MonitoredModel> {
  if (!isPlainObject(models)) throw fail(source, `"models" must be an object of model names to results, got ${showValue(models)}`)
  const names = Object.keys(models)
  if (names.length > MAX_MODELS) throw fail(source, `"models" holds ${names.length} models; a monitoring result may hold at most ${MAX_MODELS}`)
  const checked = Object.create(null) as Record<string, MonitoredModel>
  for (const name of names) {
    if (!MODEL_NAME_PATTERN.test(name)) throw fail(source, `"models" has a key that is not a model name: ${showText(name)}`)
    const entry = models[name]
    const path = ['models', name]
    if (!isPlainObject(entry)) throw fail(source, `${fieldLabel(path)} must be an object, got ${showValue(entry)}`)
    const result = modelSchema.safeParse(entry)
    if (!result.success) throw fail(source, describeIssue(result.error.issues[0], entry, path))
    const metricsOf = (key: string) => {
      const label = fieldLabel([...path, key])
      return checkMetrics(entry[key], { label, metricLabel: label, holder: 'a model' }, source)
    }
    checked[name] = {
      ...result.data,
      metrics: metricsOf('metrics'),
      promoted_metrics: metricsOf('promoted_metrics'),
      regressed: checkRegressed(entry.regressed, fieldLabel([...path, 'regressed']), source)
    }
  }
  return checked
}

function checkRegressed(value: unknown, label: string, source: string): string[] {
  if (!Array.isArray(value) || value.length > MAX_REGRESSED) throw fail(source, `${label} must be a list of at most ${MAX_REGRESSED} metric names, got ${showValue(value)}`)
  for (const name of value) {
    if (typeof name !== 'string') throw fail(source, `${label} must hold metric names, got ${showValue(name)}`)
    const problem = metricNameProblem(name)
    if (problem !== undefined) throw fail(source, `${label} ${problem}`)
  }
  return value as string[]
}

/** How many of the repository's newest completed runs are looked through for monitoring results. */
const MAX_RUNS_LOOKED_AT = 100
/** Runs whose artifacts are listed at once. */
const READ_CONCURRENCY = 4

/**
 * The newest monitoring results (at most `limit`, newest first) in the runs of the default branch
 * `branch`, of any workflow: runs whose artifacts include `model-ci-monitor`, of which only
 * monitor.json is read. Pull-request runs are never read (their artifacts are the pull request's
 * to write); nor a push run (a training run, which keeps no monitoring result). A result that
 * cannot be read, or that names another run, is warned about and skipped.
 */
export async function recentMonitorResults(
  ports: { runs: WorkflowRuns; artifacts: ArtifactStore; logger: Logger },
  options: { branch: string; limit: number; currentRunId?: number }
): Promise<MonitorResult[]> {
  const listed = await ports.runs.listCompleted({ branch: options.branch, limit: MAX_RUNS_LOOKED_AT })
  const candidates = listed.filter((run) => run.headBranch === options.branch && !['pull_request', 'pull_request_target', 'push', 'merge_group'].includes(run.event))
  // The run status runs in, still going: a monitor job before it in the same run measured just now.
  const results: MonitorResult[] = []
  if (options.currentRunId !== undefined && !candidates.some((run) => run.id === options.currentRunId)) {
    const current = await readableMonitorResult(ports, { id: options.currentRunId })
    if (current !== undefined) results.push(current)
  }
  // In batches, newest first, so that the search stops once it has enough.
  for (let start = 0; start < candidates.length && results.length < options.limit; start += READ_CONCURRENCY) {
    const batch = candidates.slice(start, start + READ_CONCURRENCY)
    for (const found of await inParallel(batch, READ_CONCURRENCY, (run) => readableMonitorResult(ports, run))) {
      if (found !== undefined && results.length < options.limit) results.push(found)
    }
  }
  return results
}

async function readableMonitorResult(ports: { artifacts: ArtifactStore; logger: Logger }, run: Pick<WorkflowRun, 'id'>): Promise<MonitorResult | undefined> {
  const [artifact] = await ports.artifacts.list(run.id, { name: MONITOR_ARTIFACT })
  if (!artifact) return undefined
  const source = `artifact "${MONITOR_ARTIFACT}" of run ${run.id}`
  try {
    const result = parseMonitorResult(await readArtifactRecord(ports.artifacts, artifact, MONITOR_FILE, { runId: run.id, maxBytes: MAX_MONITOR_BYTES, source }), source)
    if (result.run_id !== run.id) throw fail(source, `the result says it was written by run ${result.run_id}, so it was not used`)
    return result
  } catch (error) {
    if (!isUserError(error)) throw error
    ports.logger.warning(`The monitoring result of run ${run.id} was skipped: ${error.message}`)
    return undefined
  }
}
