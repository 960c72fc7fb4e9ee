import type { MlflowConfig } from '../../core/config/types.js'
import type { ManifestMlflow } from '../../core/manifest.js'
import type { ParsedMetrics } from '../../core/metrics.js'
import { metricsFromValues } from '../../core/metrics.js'
import { metricsToLog, mlflowName, trainingTags } from '../../core/mlflow.js'
import { isUserError } from '../../errors.js'
import type { Logger } from '../../ports/logger.js'
import type { TrackedRun, TrackingConnector, TrackingServer } from '../../ports/tracking-server.js'
import { TrackingServerError } from '../../ports/tracking-server.js'

/**
 * A training's MLflow run (DESIGN.md section 9), as train sees it:
 * - `off`: model-ci.yml has no mlflow block;
 * - `skipped`: the server could not be used and the block allows that (a warning, the training goes on);
 * - `failed`: the same with `required: true`, so the model fails without training;
 * - `tracked`: the run was created; the training logs into it.
 */
export type Tracking =
  | { state: 'off' }
  | { state: 'skipped'; reason: string }
  | { state: 'failed'; reason: string }
  | { state: 'tracked'; model: string; server: TrackingServer; run: TrackedRun; url: string; required: boolean }

export interface TrackingRequest {
  mlflow: MlflowConfig | undefined
  connect: TrackingConnector | undefined
  training: Parameters<typeof trainingTags>[0]
  startTime: Date
}

/** Creates the training's run in its model's experiment, before anything trains. */
export async function startTracking(logger: Logger, request: TrackingRequest): Promise<Tracking> {
  const { mlflow, training } = request
  if (!mlflow) return { state: 'off' }
  const unusable = (reason: string): Tracking => {
    if (mlflow.required) return { state: 'failed', reason }
    logger.warning(`model-ci train ${training.model}: MLflow skipped: ${reason}; the model trains and uploads without an MLflow run`)
    return { state: 'skipped', reason }
  }
  if (!request.connect) return unusable('this platform has no MLflow client')
  try {
    const server = request.connect(mlflow.trackingUri)
    const experimentId = await server.experimentId(mlflowName(mlflow.experiment, training.model))
    const run = await server.createRun({ experimentId, runName: `${training.model} ${training.version}`, startTime: request.startTime, tags: trainingTags(training) })
    const url = server.runUrl(run.experimentId, run.runId)
    logger.info(`MLflow run ${run.runId} of ${training.model}: ${url}`)
    return { state: 'tracked', model: training.model, server, run, url, required: mlflow.required }
  } catch (error) {
    return unusable(trackingFailure(error))
  }
}

/** What the training's own tracking client needs to log into model-ci's run (the server's adapter names the variables). */
export function trackingEnv(tracking: Tracking): Record<string, string> {
  return tracking.state === 'tracked' ? tracking.server.clientEnv(tracking.run) : {}
}

/** `metrics-from: mlflow`: the run's metrics, newest value of each, under a metrics file's rules. */
export async function trackedMetrics(tracking: Tracking): Promise<ParsedMetrics | { error: string }> {
  if (tracking.state !== 'tracked') {
    const why = tracking.state === 'off' ? 'model-ci.yml has no mlflow block' : `MLflow was skipped (${tracking.reason})`
    return { error: `the metrics come from the MLflow run (metrics-from: mlflow), but ${why}` }
  }
  try {
    const run = await tracking.server.getRun(tracking.run.runId)
    const source = `MLflow run ${run.runId}`
    if (Object.keys(run.metrics).length === 0) return { error: `${source} has no metrics; log them with mlflow.log_metric (or autologging), or write the metrics file and remove metrics-from: mlflow` }
    return metricsFromValues(run.metrics, source)
  } catch (error) {
    if (isUserError(error)) return { error: error.message }
    return { error: `the metrics could not be read from MLflow run ${tracking.run.runId}: ${trackingFailure(error)}` }
  }
}

/** How a tracked training ended, and what its manifest says of MLflow. */
export interface TrackingEnd {
  manifest: ManifestMlflow | null
  /** The run was marked failed by the training itself although it exited well. */
  trainingFailed?: string
  /** With `required: true`: the server failed after the run was created. */
  failure?: string
}

/**
 * Ends the run: logs the metrics model-ci read that the training did not log, then FINISHED or
 * FAILED. A run the training itself ended FAILED or KILLED is the training's failure, and stays so.
 */
export async function finishTracking(logger: Logger, tracking: Tracking, outcome: { failed: boolean; metrics: Readonly<Record<string, number>>; endTime: Date }): Promise<TrackingEnd> {
  if (tracking.state === 'off') return { manifest: null }
  if (tracking.state !== 'tracked') return { manifest: { skipped: tracking.reason } }
  const { server, run, url } = tracking
  const manifest: ManifestMlflow = { run_id: run.runId, experiment_id: run.experimentId, url }
  try {
    const now = await server.getRun(run.runId)
    const endedByTraining = now.status === 'FAILED' || now.status === 'KILLED'
    if (!outcome.failed && endedByTraining) {
      return { manifest, trainingFailed: `the training ended its MLflow run ${run.runId} as ${now.status}` }
    }
    const missing = metricsToLog(outcome.metrics, now.metrics)
    if (Object.keys(missing).length > 0) await server.logBatch(run.runId, { metrics: missing, timestamp: outcome.endTime })
    if (!endedByTraining) await server.endRun(run.runId, outcome.failed ? 'FAILED' : 'FINISHED', outcome.endTime)
    return { manifest }
  } catch (error) {
    const reason = `MLflow run ${run.runId} could not be finished: ${trackingFailure(error)}`
    if (tracking.required) return { manifest, failure: reason }
    logger.warning(`model-ci train ${tracking.model}: ${reason}; the model is uploaded all the same`)
    return { manifest }
  }
}

function trackingFailure(error: unknown): string {
  if (error instanceof TrackingServerError) return error.message
  throw error
}
