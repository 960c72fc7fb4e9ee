// `monitor` (DESIGN.md section 9): every model live in an environment, measured on its monitoring
// data with its monitor command against the live version's verified files, judged against the
// metrics it was promoted with, kept as artifact `model-ci-monitor`, and, where the platform has
// issues, one issue per degraded model and environment.
import { basename, join } from 'node:path'
import type { ModelConfig } from '../../core/config.js'
import type { MonitorRunLink, IssueOutcome } from '../../core/monitor-report.js'
import { renderMonitorSummary } from '../../core/monitor-report.js'
import type { LiveVersion, MonitorFailure, MonitorJudgement, MonitorRecord } from '../../core/monitoring.js'
import { MONITOR_ARTIFACT, MONITOR_FILE, emptyMonitoredModels, failedMonitoring, judgeMonitoring, monitoringFails, serializeMonitorRecord } from '../../core/monitoring.js'
import { failureCause } from '../../core/failure-cause.js'
import { parseMetrics } from '../../core/metrics.js'
import { listedEnvironment, livePromotion } from '../../core/promotion-policy.js'
import { count } from '../../core/report/format.js'
import { utcSeconds } from '../../core/untrusted-record.js'
import { showUntrusted } from '../../core/untrusted-text.js'
import { UserError, isUserError } from '../../errors.js'
import type { ArtifactStore, StoredArtifact } from '../../ports/artifact-store.js'
import type { BranchHistory } from '../../ports/branch-history.js'
import type { CacheStore } from '../../ports/cache-store.js'
import type { Deployments, PromotionRecord } from '../../ports/deployments.js'
import type { FileSystem } from '../../ports/file-system.js'
import type { IssueTracker } from '../../ports/issue-tracker.js'
import type { ManifestFile } from '../../core/manifest.js'
import type { ProcessRunner } from '../../ports/process-runner.js'
import type { WorkflowRuns } from '../../ports/workflow-runs.js'
import type { RepositoryPorts } from '../../repository/repository.js'
import { Repository } from '../../repository/repository.js'
import { RECORDS_LOOKED_AT } from '../promote/history.js'
import { resolveVersion } from '../promote/resolve-version.js'
import { downloadVerified } from '../promote/verify.js'
import { readMetricsFile } from '../train/train.js'
import { modelCommandEnv, runModelCommand, setUpPython, succeeded } from '../train/python-env.js'
import { syncMonitorIssue } from './issues.js'

export interface MonitorPorts extends RepositoryPorts {
  runner: ProcessRunner
  artifacts: ArtifactStore
  cache: CacheStore
  runs: WorkflowRuns
  history: BranchHistory
  deployments: Deployments
  hashTree: (root: string) => Promise<ManifestFile[]>
  files: FileSystem
  now: () => Date
  /** The repository's issues; absent where there are none (the CLI): the summary alone tells. */
  issues?: IssueTracker
}

export interface MonitorRequest {
  configFile: string
  /** The environment to monitor; the last of model-ci.yml's `environments` when absent. */
  environment?: string
  defaultBranch: string
  run: MonitorRunLink & { sha: string; runnerOs: string }
  /** Scratch space outside the checkout (RUNNER_TEMP): live versions, venvs, metrics files. */
  tempDir: string
  interpreter: string
  pipArgs: string[]
  /** The environment the job gives its steps; the monitor command sees it plus model-ci's variables. */
  env: Record<string, string>
}

export interface MonitorResult {
  environment: string
  record: MonitorRecord
  judgements: Map<string, MonitorJudgement>
  issues: Map<string, IssueOutcome>
  /** Live models with neither a monitor nor an evaluate command. */
  notMonitored: string[]
  /** `fail` when a gated metric regressed or a model could not be measured. */
  status: 'pass' | 'fail'
  /** Degraded models, by name. */
  degraded: string[]
  stored: StoredArtifact
  summary: string
  /** The error to fail the step with, after the outputs: what failed, in one line per cause. */
  error?: UserError
}

const LOG_TAIL_LINES = 20

/**
 * Monitors every model live in the environment, one after another. One model's failure (its live
 * version gone from GitHub, its command failing) is that model's `failed` verdict and the next is
 * measured all the same; an issue that cannot be written is said once at the end, after the
 * record is kept.
 */
export async function monitor(ports: MonitorPorts, request: MonitorRequest): Promise<MonitorResult> {
  const repository = await Repository.read(ports, request.configFile)
  const { environments, promotion } = repository.config
  const asked = request.environment ?? environments[environments.length - 1]
  const environment = listedEnvironment(asked, environments)
  if (environment === undefined) {
    throw new UserError(`model-ci monitor: environment ${showUntrusted(asked, 100)} is not one of the environments in ${request.configFile} (${environments.join(', ')}); monitor one of them`, {
      file: request.configFile
    })
  }
  const records = await ports.deployments.list(environment, { limit: RECORDS_LOOKED_AT, creators: promotion.recordCreators })
  const live = liveRecords(records)
  ports.logger.info(`${count(live.size, 'model')} live in ${environment}${live.size === 0 ? '' : `: ${[...live.keys()].join(', ')}`}`)

  const createdAt = utcSeconds(ports.now())
  const judgements = new Map<string, MonitorJudgement>()
  const notMonitored: string[] = []
  for (const [name, record] of live) {
    const liveVersion: LiveVersion = { version: record.payload.version, digest: record.payload.digest, metrics: record.payload.metrics }
    const model = repository.model(name)
    if (!model) {
      judgements.set(name, failedMonitoring(liveVersion, { phase: 'monitor', message: `${name} is live in ${environment} but its folder is no longer in the repository, so it has no monitor command` }))
      continue
    }
    let config: ModelConfig
    try {
      config = (await repository.load([model]))[0].config()
    } catch (error) {
      if (!isUserError(error)) throw error
      judgements.set(name, failedMonitoring(liveVersion, { phase: 'monitor', message: error.message }))
      continue
    }
    if (!config.monitor) {
      ports.logger.info(`${name} has neither a monitor nor an evaluate command in its model.yml: it is not monitored`)
      notMonitored.push(name)
      continue
    }
    const measured = await ports.logger.group(`Monitor ${name} ${liveVersion.version} in ${environment}`, () =>
      measure(ports, request, { config, environment, record, records })
    )
    judgements.set(name, 'failure' in measured ? failedMonitoring(liveVersion, measured.failure) : judgeMonitoring(liveVersion, measured.metrics, config.metrics))
  }

  const models = emptyMonitoredModels()
  for (const [name, judgement] of judgements) models[name] = judgement.result
  const record: MonitorRecord = { schema: 1, environment, sha: request.run.sha, run_id: request.run.id, created_at: createdAt, models }
  const stored = await keepRecord(ports, request.tempDir, record)

  const issues = new Map<string, IssueOutcome>()
  const issueErrors: string[] = []
  if (ports.issues) {
    for (const [name, judgement] of judgements) {
      try {
        const outcome = await syncMonitorIssue(ports.issues, ports.logger, { model: name, environment, judgement, run: request.run, createdAt })
        if (outcome) issues.set(name, outcome)
      } catch (error) {
        issueErrors.push(`the monitoring issue of ${name} could not be written: ${(error instanceof Error ? error.message : String(error)).split('\n')[0]}`)
      }
    }
  }

  const results = Object.entries(record.models)
  const degraded = results.filter(([, result]) => result.verdict === 'degraded').map(([name]) => name)
  const failing = monitoringFails(Object.values(record.models))
  const summary =
    renderMonitorSummary({ record, judgements, run: request.run, issues }) +
    (notMonitored.length === 0 ? '' : `\nNot monitored (no monitor or evaluate command in model.yml): ${notMonitored.join(', ')}.\n`)
  const causes = [
    ...results.filter(([, result]) => result.gate_failed).map(([name, result]) => `${name} ${result.version} is degraded in ${environment}: gated metric(s) worse than at promotion beyond tolerance (${result.regressed.join(', ')})`),
    ...results.filter(([, result]) => result.failure).map(([name, result]) => `${name} ${result.version} could not be monitored in ${environment}: the ${result.failure?.phase} phase failed: ${result.failure?.message}`),
    ...issueErrors
  ]
  return {
    environment,
    record,
    judgements,
    issues,
    notMonitored,
    status: failing ? 'fail' : 'pass',
    degraded,
    stored,
    summary,
    ...(causes.length > 0 && { error: new UserError(`model-ci monitor: ${causes.join('; ')}`) })
  }
}

/** Each model's live promotion among one environment's records (newest first), by model name. */
function liveRecords(records: readonly PromotionRecord[]): Map<string, PromotionRecord> {
  const models = [...new Set(records.map((record) => record.payload.model))].sort()
  return new Map(models.flatMap((model) => {
    const live = livePromotion(records, model)
    return live ? [[model, live] as const] : []
  }))
}

type Measurement = { metrics: Record<string, number> } | { failure: MonitorFailure }

/**
 * Runs the model's monitor command against the live version: fetched as `promote` fetches a
 * version (the artifact GitHub holds, checked against the digest the promotion recorded, every
 * file against the manifest), with the model's Python set up as `train` sets it up.
 */
async function measure(
  ports: MonitorPorts,
  request: MonitorRequest,
  target: { config: ModelConfig; environment: string; record: PromotionRecord; records: readonly PromotionRecord[] }
): Promise<Measurement> {
  const { config, environment, record } = target
  const { payload } = record
  const deadline = ports.now().getTime() + config.timeoutMinutes * 60_000
  const scratch = join(request.tempDir, 'model-ci', 'monitor', config.name)
  let liveDir: string
  try {
    const source = await resolveVersion(ports, {
      model: config.name,
      version: payload.version,
      environment,
      defaultBranch: request.defaultBranch,
      records: new Map([[environment, target.records]])
    })
    if (source.artifact.digest !== payload.digest) {
      throw new UserError(
        `${source.artifact.name} of run ${source.run.id} has digest ${source.artifact.digest} on GitHub, but deployment ${record.deploymentId} recorded ${payload.digest}: it is not the version that is live`
      )
    }
    liveDir = (await downloadVerified(ports, { runId: source.run.id, artifact: source.artifact, model: config.name, expectedVersion: payload.version }, join(scratch, 'live'))).modelDir
  } catch (error) {
    if (!isUserError(error)) throw error
    return { failure: { phase: 'download', message: error.message } }
  }
  const modelDir = join(ports.workspace.root, config.path)
  const setup = await setUpPython(ports, {
    config,
    modelDir,
    tempDir: request.tempDir,
    interpreter: request.interpreter,
    pipArgs: request.pipArgs,
    runnerOs: request.run.runnerOs,
    env: request.env,
    // A scheduled run reads the default branch's cache scope: only an entry of the exact key.
    exactDependencyKey: true,
    deadline
  })
  if (!setup.ok) return { failure: { phase: 'install', message: withTail(setup.message, setup.run?.tail) } }
  const python = setup.setup
  // The metrics file has the model's metrics file's name, so its extension says its format.
  const metricsFile = join(scratch, 'metrics', basename(config.metricsFile))
  await ports.files.remove(metricsFile)
  await ports.files.makeDir(join(scratch, 'metrics'))
  const env = modelCommandEnv(request.env, python, { name: config.name, dir: modelDir, sha: request.run.sha }, {
    MODEL_CI_LIVE_DIR: liveDir,
    // The evaluate command, the default monitor command, reads the model where train wrote it.
    MODEL_CI_OUTPUT_DIR: liveDir,
    MODEL_CI_DATA_DIR: join(modelDir, config.monitorData),
    MODEL_CI_METRICS_FILE: metricsFile,
    MODEL_CI_ENVIRONMENT: environment,
    MODEL_CI_VERSION: payload.version
  })
  const context = { python, cwd: modelDir, env, deadline, tailLines: LOG_TAIL_LINES }
  // In order, as train runs its commands: each only after the one before succeeded.
  for (const argv of config.monitor as string[][]) {
    const run = await runModelCommand(ports, context, argv)
    if (!succeeded(run)) {
      const how = run.timedOut ? `ran past the model's timeout of ${count(config.timeoutMinutes, 'minute')}` : run.signal ? `was killed by ${run.signal}` : `exited with code ${run.exitCode}`
      return { failure: { phase: 'monitor', message: withTail(`${argv.join(' ')} ${how}`, run.tail) } }
    }
  }
  // The repository-relative name of the model's metrics file: its extension says the format, as for train.
  const shown = `${config.path}/${config.metricsFile}`
  try {
    const parsed = parseMetrics(await readMetricsFile(ports.files, metricsFile, { file: shown, writer: 'the monitor command' }), shown)
    for (const skipped of parsed.skipped) ports.logger.warning(`${shown}: metric ${JSON.stringify(skipped.name)} skipped: ${skipped.reason}`)
    return { metrics: parsed.metrics }
  } catch (error) {
    if (!isUserError(error)) throw error
    return { failure: { phase: 'metrics', message: error.message } }
  }
}

/** A failure's message with the lines of the command's output that say why (see failureCause). */
function withTail(message: string, tail: readonly string[] | undefined): string {
  const cause = failureCause(tail ?? [])
  return cause.length === 0 ? message : `${message}; the output ended with: ${cause.join(' / ')}`
}

/** Uploads monitor.json as artifact `model-ci-monitor` of this run. */
async function keepRecord(ports: MonitorPorts, tempDir: string, record: MonitorRecord): Promise<StoredArtifact> {
  const stored = await ports.files.inTempDir(tempDir, 'model-ci-monitor-', async (directory) => {
    const file = join(directory, MONITOR_FILE)
    await ports.files.writeText(file, serializeMonitorRecord(record))
    return ports.artifacts.upload(MONITOR_ARTIFACT, directory, [file], { compressionLevel: 6 })
  })
  ports.logger.info(`Kept the monitoring results as ${MONITOR_ARTIFACT}: artifact ${stored.id}`)
  return stored
}
