import { join } from 'node:path'
import { installsIntoInterpreter, trainingsAtOnce, trainsAloneBecause } from '../../core/batching.js'
import { BUFFERED_LOGS_CHARS, BufferedLog } from '../../core/buffered-log.js'
import { runCacheKey } from '../../core/cache-keys.js'
import { inParallel } from '../../core/in-parallel.js'
import { compressionLevelFor } from '../../core/compression.js'
import { causeOf } from '../../core/failure-cause.js'
import type { ModelConfig } from '../../core/config.js'
import type { MlflowConfig } from '../../core/config/types.js'
import type { Failure, FailurePhase, Manifest, ManifestFile } from '../../core/manifest.js'
import { MANIFEST_FILE, MAX_MANIFEST_BYTES, buildManifest, parseManifest, serializeManifest, versionLabel } from '../../core/manifest.js'
import { MAX_METRICS_FILE_BYTES, parseMetrics } from '../../core/metrics.js'
import { count, formatSeconds } from '../../core/report/format.js'
import { renderTrainSummary } from '../../core/train-summary.js'
import { showUntrusted } from '../../core/untrusted-text.js'
import { UserError, isUserError } from '../../errors.js'
import type { ArtifactStore, StoredArtifact } from '../../ports/artifact-store.js'
import type { FileSystem } from '../../ports/file-system.js'
import type { CacheStore } from '../../ports/cache-store.js'
import type { ProcessRunner, RunResult } from '../../ports/process-runner.js'
import { artifactName } from '../../records/model-artifact.js'
import { readRecordFile } from '../../records/record-file.js'
import type { RepositoryPorts } from '../../repository/repository.js'
import { Repository } from '../../repository/repository.js'
import type { CacheOrigin } from './cache-origin.js'
import { untrustedOrigin } from './cache-origin.js'
import type { PhaseListener } from './phases.js'
import type { PythonSetup } from './python-env.js'
import type { TrackingConnector } from '../../ports/tracking-server.js'
import type { Tracking } from './tracking.js'
import { finishTracking, startTracking, trackedMetrics, trackingEnv } from './tracking.js'
import { modelCommandEnv, runModelCommand, setUpPython, succeeded } from './python-env.js'

export interface TrainPorts extends RepositoryPorts {
  runner: ProcessRunner
  artifacts: ArtifactStore
  cache: CacheStore
  /** Where run-cache entries are kept when not in `cache`: a GitLab job's package registry. */
  runCacheStore?: CacheStore
  hashTree: (root: string) => Promise<ManifestFile[]>
  files: FileSystem
  now: () => Date
  /**
   * Given for a training on the default branch, whose cache scope jobs of other workflows can
   * write to (see cache-origin.ts): a run-cache entry is then used only when it is a successful
   * push's own upload, and the venv is restored only by its exact key.
   */
  cacheOrigin?: CacheOrigin
  /** Opens the MLflow server of model-ci.yml's mlflow block; absent where no client is wired in. */
  tracking?: TrackingConnector
  /** Told each phase of the training as it starts (see phases.ts). */
  onPhase?: PhaseListener
}

/** The run a training belongs to, as the platform names it. */
export interface TrainRun {
  id: number
  attempt: number
  sha: string
  ref: string
  event: string
  runnerOs: string
  /** The run's page (a workflow run on GitHub), for the MLflow run's tags. */
  url?: string
  /** The pull request the run is of, when it is of one. */
  pullRequest?: number
}

export interface TrainRequest {
  model: string
  configFile: string
  run: TrainRun
  /** Scratch space outside the checkout (RUNNER_TEMP): venvs, the artifact's staging folder. */
  tempDir: string
  interpreter: string
  pipArgs: string[]
  retentionDays?: number
  /** The environment the job gives its steps; the training sees it plus model-ci's variables. */
  env: Record<string, string>
  /**
   * Whether the run-cache may be used (default true; model.yml's `cache: false` turns it off too).
   * false neither restores nor saves a run-cache entry: local mode's training of uncommitted
   * edits, which the fingerprint, made from commits, does not see.
   */
  runCache?: boolean
}

export interface TrainResult {
  manifest: Manifest
  artifact: StoredArtifact
  cacheHit: boolean
  summary: string
  /** Set when the training failed: the one-line error to fail the step with, after the outputs. */
  error?: UserError
}

const LOG_TAIL_LINES = 50

/**
 * Trains one model: sets up its Python, skips the training on a run-cache hit, else runs `train`
 * and `evaluate`, reads the metrics, writes the manifest and uploads the model's artifact. A
 * failure still uploads a manifest saying what failed, so that `report` can show it.
 */
export async function train(ports: TrainPorts, request: TrainRequest): Promise<TrainResult> {
  return trainResolved(ports, request, await resolveTraining(ports, request))
}

/** One model's training in a batch: its result, or the error that stopped it before it trained. */
export type BatchTraining = { model: string; result: TrainResult } | { model: string; error: UserError }

/**
 * Trains `models` as a job of a batched matrix does (DESIGN.md section 9): at most `jobs` at once
 * (default 1: one after the other), each as `train` would, uploading its own artifact; the results
 * in the order of `models`. One model's failure (its training, or its model.yml, or a name the
 * repository does not have) is that model's result, and the others train all the same.
 * model-ci.yml is read once, before any: an error in it stops them all. A model with `venv: false`
 * and requirements changes the runner's Python while it sets up, so with one of those they train
 * one at a time whatever `jobs` says. Trainings at once each keep their log until they end (see
 * BufferedLog), so that each reads in one piece.
 */
export async function trainEach(ports: TrainPorts, request: Omit<TrainRequest, 'model'> & { models: readonly string[]; jobs?: number }): Promise<BatchTraining[]> {
  const repository = await Repository.read(ports, request.configFile)
  const found = request.models.flatMap((name) => repository.model(name) ?? [])
  const loaded = new Map((await repository.load(found)).map((model) => [model.model.name, model]))
  const requested = request.jobs ?? 1
  const alone = [...loaded.values()].find((model) => installsIntoInterpreter(model.config()))
  const atOnce = trainingsAtOnce(requested, request.models.length, alone !== undefined)
  if (alone && requested > 1 && request.models.length > 1) {
    ports.logger.info(`model-ci train: the models train one at a time, not ${requested} at once: ${trainsAloneBecause(alone.model.name)}`)
  }
  const trainOne = async (name: string, logger: TrainPorts['logger']): Promise<BatchTraining> => {
    const model = loaded.get(name)
    try {
      if (!model) throw noSuchModel(name, repository, 'models')
      const resolved = { config: model.config(), fingerprint: model.fingerprint(), mlflow: repository.config.mlflow }
      return { model: name, result: await trainResolved({ ...ports, logger }, { ...request, model: name }, resolved) }
    } catch (error) {
      if (!isUserError(error)) throw error
      return { model: name, error: new UserError(`model-ci train ${name}: ${error.message}`, { file: error.file, input: error.input, cause: error }) }
    }
  }
  const numbered = request.models.map((name, index) => ({ name, turn: `${name} (${index + 1} of ${request.models.length})` }))
  return inParallel(numbered, atOnce, async ({ name, turn }) => {
    if (atOnce === 1) {
      ports.logger.info(`model-ci train: ${turn}`)
      return trainOne(name, ports.logger)
    }
    ports.logger.info(`model-ci train: ${turn} started, ${atOnce} at a time: its log follows when it ends`)
    // Bounded together: a runner's memory is shared by the trainings themselves.
    const log = new BufferedLog(Math.floor(BUFFERED_LOGS_CHARS / atOnce))
    const started = ports.now().getTime()
    try {
      return await trainOne(name, log.logger)
    } finally {
      ports.logger.info(`model-ci train: ${turn} ended after ${formatSeconds((ports.now().getTime() - started) / 1000)}; its log:`)
      await log.writeTo(ports.logger)
    }
  })
}

/**
 * The first of `models` that must train alone (see installsIntoInterpreter), for a caller that
 * trains several at once; undefined when none must. Names the repository does not have, and
 * model.yml files that do not parse, are left for `train` to refuse, each for its own model.
 */
export async function modelTrainingAlone(ports: RepositoryPorts, configFile: string, models: readonly string[]): Promise<string | undefined> {
  const repository = await Repository.read(ports, configFile)
  for (const loaded of await repository.load(models.flatMap((name) => repository.model(name) ?? []))) {
    try {
      if (installsIntoInterpreter(loaded.config())) return loaded.model.name
    } catch (error) {
      if (!isUserError(error)) throw error
    }
  }
  return undefined
}

/** A model's training settings, read from the repository before anything runs. */
export interface ResolvedTraining {
  config: ModelConfig
  fingerprint: string
  /** model-ci.yml's mlflow block. */
  mlflow: MlflowConfig | undefined
}

async function trainResolved(ports: TrainPorts, request: TrainRequest, resolved: ResolvedTraining): Promise<TrainResult> {
  const { config, fingerprint } = resolved
  const paths = trainingPaths(ports.workspace.root, request.tempDir, config)
  await ports.files.makeDir(paths.staging)
  const started = ports.now()

  const useRunCache = config.cache && request.runCache !== false
  if (useRunCache) ports.onPhase?.({ phase: 'run-cache' })
  const cached = useRunCache ? await restoreRun(ports, { paths, key: runCacheKey(config.name, fingerprint), model: config.name, fingerprint, request }) : undefined
  if (cached) {
    const manifest: Manifest = { ...cached, cache: { ...cached.cache, run: 'hit' } }
    const artifact = await upload(ports, request, paths, manifest)
    return { manifest, artifact, cacheHit: true, summary: renderTrainSummary({ manifest, artifact, reusedFrom: cached.run_id }) }
  }

  const tracking = await startTracking(ports.logger, {
    mlflow: resolved.mlflow,
    connect: ports.tracking,
    training: {
      model: config.name,
      version: versionLabel({ createdAt: started, sha: request.run.sha, runId: request.run.id, runAttempt: request.run.attempt }),
      fingerprint,
      sha: request.run.sha,
      ref: request.run.ref,
      event: request.run.event,
      runUrl: request.run.url,
      pullRequest: request.run.pullRequest
    },
    startTime: started
  })
  const trained =
    tracking.state === 'failed'
      ? trainingOutcome(failureOf('mlflow', `the MLflow server could not be used and model-ci.yml's mlflow block says required: true: ${tracking.reason}`))
      : await runTraining(ports, request, { config, paths, fingerprint, tracking })
  const ended = await finishTracking(ports.logger, tracking, { failed: trained.failure !== null, metrics: trained.metrics, endTime: ports.now() })
  const outcome = ended.trainingFailed
    ? { ...trained, failure: failureOf('train', ended.trainingFailed) }
    : ended.failure
      ? { ...trained, failure: failureOf('mlflow', ended.failure) }
      : trained
  const manifest = buildManifest({
    model: config.name,
    fingerprint,
    sha: request.run.sha,
    ref: request.run.ref,
    event: request.run.event,
    runId: request.run.id,
    runAttempt: request.run.attempt,
    createdAt: started,
    metrics: outcome.metrics,
    files: outcome.failure ? [] : outcome.files,
    python: outcome.python?.version ?? null,
    runnerOs: request.run.runnerOs,
    timings: outcome.timings,
    cache: { dependencies: outcome.python?.dependencies ?? 'none', run: useRunCache ? 'miss' : 'off' },
    failure: outcome.failure,
    mlflow: ended.manifest
  })
  const artifact = await upload(ports, request, paths, manifest)
  if (!outcome.failure && useRunCache) await (ports.runCacheStore ?? ports.cache).save([paths.output, paths.manifest], runCacheKey(config.name, fingerprint))
  const summary = renderTrainSummary({ manifest, artifact, skipped: outcome.skipped })
  if (!outcome.failure) return { manifest, artifact, cacheHit: false, summary }
  return { manifest, artifact, cacheHit: false, summary, error: failureError(config.name, outcome.failure, artifact.name) }
}

/**
 * The one error of a failed training: what failed, then, for a command that failed, the last
 * lines of its output that say why (see causeOf), indented under it. An annotation shows
 * them all (@actions/core encodes the line breaks), so the cause is seen without opening the log.
 */
function failureError(model: string, failure: Failure, artifact: string): UserError {
  const how = failure.signal ? `was killed by ${failure.signal}` : failure.exit_code === null ? 'failed' : `exited with code ${failure.exit_code}`
  const what = failure.phase === 'metrics' || failure.phase === 'mlflow' ? failure.message : `${failure.message} (${how})`
  const headline = `model-ci train ${model}: the ${failure.phase} phase failed: ${what}; the log above and the manifest in artifact ${artifact} have the last ${LOG_TAIL_LINES} lines`
  const cause = causeOf(failure)
  return new UserError(cause.length === 0 ? headline : [`${headline}; the output ended with:`, ...cause.map((line) => `  ${line}`)].join('\n'))
}

/**
 * The model's resolved config and fingerprint, read before anything runs. Its errors (a model
 * that does not exist, a model-ci.yml or model.yml to fix) stop a training before it starts, so a
 * caller that must say nothing before them can call it first.
 */
export async function resolveTraining(ports: RepositoryPorts, request: Pick<TrainRequest, 'model' | 'configFile'>): Promise<ResolvedTraining> {
  const repository = await Repository.read(ports, request.configFile)
  const model = repository.model(request.model)
  if (!model) throw noSuchModel(request.model, repository, 'model')
  const [loaded] = await repository.load([model])
  return { config: loaded.config(), fingerprint: loaded.fingerprint(), mlflow: repository.config.mlflow }
}

/** Models named in the error before "and N more": a monorepo has thousands. */
const KNOWN_MODELS_SHOWN = 50

function noSuchModel(name: string, repository: Repository, input: string): UserError {
  const known = repository.models.map((m) => m.name)
  const shown = known.length > KNOWN_MODELS_SHOWN ? `${known.slice(0, KNOWN_MODELS_SHOWN).join(', ')} and ${known.length - KNOWN_MODELS_SHOWN} more` : known.join(', ')
  return new UserError(`there is no model named ${JSON.stringify(name)}; the models are: ${shown || '(none found)'}`, { input })
}

interface TrainingPaths {
  modelDir: string
  output: string
  metricsFile: string
  staging: string
  manifest: string
}

function trainingPaths(root: string, tempDir: string, config: ModelConfig): TrainingPaths {
  const modelDir = join(root, config.path)
  const staging = join(tempDir, 'model-ci', 'artifacts', config.name)
  return {
    modelDir,
    output: join(modelDir, config.output),
    metricsFile: join(modelDir, config.metricsFile),
    staging,
    manifest: join(staging, MANIFEST_FILE)
  }
}

interface TrainingOutcome {
  python?: PythonSetup
  metrics: Record<string, number>
  skipped: Array<{ name: string; reason: string }>
  files: ManifestFile[]
  timings: Manifest['timings']
  failure: Failure | null
}

function trainingOutcome(failure: Failure | null, rest: Partial<TrainingOutcome> = {}): TrainingOutcome {
  return { metrics: {}, skipped: [], files: [], timings: { install_s: null, train_s: null, evaluate_s: null }, failure, ...rest }
}

async function runTraining(
  ports: TrainPorts,
  request: TrainRequest,
  training: { config: ModelConfig; paths: TrainingPaths; fingerprint: string; tracking: Tracking }
): Promise<TrainingOutcome> {
  const { config, paths, fingerprint, tracking } = training
  const deadline = ports.now().getTime() + config.timeoutMinutes * 60_000
  const timings: Manifest['timings'] = { install_s: null, train_s: null, evaluate_s: null }
  const outcome = (failure: Failure | null, rest: Partial<TrainingOutcome> = {}): TrainingOutcome => trainingOutcome(failure, { timings, ...rest })

  ports.onPhase?.({ phase: 'python' })
  const setupResult = await ports.logger.group(`Set up Python for ${config.name}`, () =>
    setUpPython(ports, {
      config,
      modelDir: paths.modelDir,
      tempDir: request.tempDir,
      interpreter: request.interpreter,
      pipArgs: request.pipArgs,
      runnerOs: request.run.runnerOs,
      env: request.env,
      exactDependencyKey: ports.cacheOrigin !== undefined,
      deadline
    })
  )
  if (!setupResult.ok) {
    timings.install_s = setupResult.installSeconds
    return outcome(failureOf('install', setupResult.message, setupResult.run))
  }
  const python = setupResult.setup
  timings.install_s = python.installSeconds

  // A metrics file left by an earlier run must not pass for this run's.
  await ports.files.remove(paths.metricsFile)
  await ports.files.makeDir(paths.output)
  const env = modelCommandEnv(request.env, python, { name: config.name, dir: paths.modelDir, sha: request.run.sha }, {
    MODEL_CI_OUTPUT_DIR: paths.output,
    MODEL_CI_METRICS_FILE: paths.metricsFile,
    MODEL_CI_DATA_DIR: join(paths.modelDir, 'data'),
    MODEL_CI_FINGERPRINT: fingerprint,
    ...trackingEnv(tracking)
  })
  const context = { python, cwd: paths.modelDir, env, deadline, tailLines: LOG_TAIL_LINES }
  const phases: Array<['train' | 'evaluate', string[][]]> = [['train', config.train]]
  if (config.evaluate) phases.push(['evaluate', config.evaluate])
  let lastRun: RunResult | undefined
  for (const [phase, steps] of phases) {
    for (const [index, argv] of steps.entries()) {
      const shown = argv.join(' ')
      // A phase of several commands names the step that runs, and the one that failed.
      const step = steps.length > 1 ? { index: index + 1, count: steps.length, command: shown } : undefined
      const which = step ? `step ${step.index} of ${step.count} (${shown})` : shown
      ports.onPhase?.({ phase, step })
      const run = await ports.logger.group(`${phase === 'train' ? 'Train' : 'Evaluate'} ${config.name}: ${which}`, () => runModelCommand(ports, context, argv))
      timings[`${phase}_s`] = (timings[`${phase}_s`] ?? 0) + run.durationMs / 1000
      lastRun = run
      if (!succeeded(run)) {
        const message = run.timedOut ? `${which} ran past the model's timeout of ${count(config.timeoutMinutes, 'minute')}` : `${which} did not succeed`
        return outcome(failureOf(phase, message, run), { python })
      }
    }
  }

  // The metrics come from the last command, so its log is what explains them.
  const metricsFailure = (message: string) => outcome(failureOf('metrics', message, lastRun && { ...lastRun, exitCode: null, signal: null }), { python })
  let parsed: ReturnType<typeof parseMetrics>
  if (config.metricsFrom === 'mlflow') {
    const read = await trackedMetrics(tracking)
    if ('error' in read) return metricsFailure(read.error)
    parsed = read
  } else {
    try {
      parsed = parseMetrics(await readMetricsFile(ports.files, paths.metricsFile, { file: `${config.path}/${config.metricsFile}`, writer: 'the training' }), `${config.path}/${config.metricsFile}`)
    } catch (error) {
      if (!isUserError(error)) throw error
      return metricsFailure(error.message)
    }
  }
  for (const skipped of parsed.skipped) {
    ports.logger.warning(`${config.path}/${config.metricsFile}: metric ${JSON.stringify(skipped.name)} skipped: ${skipped.reason}`, {
      file: `${config.path}/${config.metricsFile}`
    })
  }
  const files = (await ports.files.exists(paths.output)) ? await ports.hashTree(paths.output) : []
  return outcome(null, { python, metrics: parsed.metrics, skipped: parsed.skipped, files })
}

/**
 * The text of the metrics file a command wrote (`writer`: "the training", "the monitor command"),
 * `shown` as its repository-relative name; a missing or oversized file is a UserError naming it.
 */
export async function readMetricsFile(files: FileSystem, path: string, shown: { file: string; writer: string }): Promise<string> {
  const { file, writer } = shown
  const size = await files.fileSize(path)
  if (size === undefined) {
    throw new UserError(`${file}: ${writer} wrote no metrics file; write the metrics as JSON, YAML or CSV to the path in MODEL_CI_METRICS_FILE`, { file })
  }
  if (size > MAX_METRICS_FILE_BYTES) {
    throw new UserError(`${file}: the metrics file is ${size} bytes, more than the ${MAX_METRICS_FILE_BYTES} model-ci reads; write only the metrics to it`, { file })
  }
  return files.readText(path)
}

function failureOf(phase: FailurePhase, message: string, run?: RunResult): Failure {
  return {
    phase,
    exit_code: run?.exitCode ?? null,
    signal: run?.signal ?? null,
    message,
    log_tail: (run?.tail ?? []).slice(-LOG_TAIL_LINES).join('\n')
  }
}

/** The run-cache entry a training looks for, and what it must hold. */
interface RunCacheEntry {
  paths: TrainingPaths
  key: string
  model: string
  fingerprint: string
  request: TrainRequest
}

/**
 * A training saved in the run-cache under `key`: its outputs restored in place and its manifest,
 * if the entry is exactly `key`, of this model and fingerprint, every restored file still has the
 * digest the manifest gives, and, on the default branch, its origin is trusted (see
 * cache-origin.ts). Anything else is a miss, with a warning when an entry was there.
 */
async function restoreRun(ports: TrainPorts, entry: RunCacheEntry): Promise<Manifest | undefined> {
  const { paths, key } = entry
  await ports.files.remove(paths.manifest)
  const restored = await (ports.runCacheStore ?? ports.cache).restore([paths.output, paths.manifest], key)
  if (restored === undefined) return undefined
  try {
    const manifest = parseManifest(await readRecordFile(ports.files, paths.manifest, MAX_MANIFEST_BYTES, 'the entry'), `run-cache entry ${key}`)
    // The cache service matches a key by its prefix too: an entry under a longer key is another's.
    const problem = restored === key ? await entryProblem(ports, entry, manifest) : `it is the entry of key ${restored}, which only starts with ${key}`
    if (problem === undefined) {
      ports.logger.info(`Run-cache hit (${key}): the outputs of run ${manifest.run_id} are reused, nothing is trained`)
      return manifest
    }
    ports.logger.warning(`run-cache entry ${key} was not used: ${problem}; training anew`)
  } catch (error) {
    // A half-restored entry (no manifest, unreadable files) is a miss like any other.
    const reason = isUserError(error) || isFileSystemError(error) ? error.message : undefined
    if (reason === undefined) throw error
    ports.logger.warning(`run-cache entry ${key} is unusable (${reason}); training anew`)
  }
  await ports.files.remove(paths.output)
  return undefined
}

/** What keeps a restored entry from being used, or undefined when nothing does. */
async function entryProblem(ports: TrainPorts, entry: RunCacheEntry, manifest: Manifest): Promise<string | undefined> {
  if (manifest.model !== entry.model || manifest.fingerprint !== entry.fingerprint) {
    return `its manifest is of ${showUntrusted(manifest.model, 100)} with fingerprint ${manifest.fingerprint}, not of this training`
  }
  const restored = await ports.hashTree(entry.paths.output)
  const same =
    manifest.status === 'success' &&
    restored.length === manifest.files.length &&
    restored.every((file, i) => file.path === manifest.files[i].path && file.sha256 === manifest.files[i].sha256)
  if (!same) return 'its outputs do not match its manifest'
  if (!ports.cacheOrigin) return undefined
  try {
    return await untrustedOrigin(ports, ports.cacheOrigin, { manifest, thisRunId: entry.request.run.id, tempDir: entry.request.tempDir })
  } catch (error) {
    // A cache only saves time: an origin that cannot be checked (no `actions: read`, the API
    // failing past its retries) is a miss, never the training's failure.
    return `where it came from could not be checked (${error instanceof Error ? error.message.split('\n')[0] : String(error)}); that check needs the train job's token to have \`actions: read\``
  }
}

function isFileSystemError(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string'
}

/**
 * Uploads `model-ci-<model>`: manifest.json at the root, the output files under outputs/. The
 * staging folder links to the output folder rather than copying a model that may be gigabytes.
 */
async function upload(ports: TrainPorts, request: TrainRequest, paths: TrainingPaths, manifest: Manifest): Promise<StoredArtifact> {
  await ports.files.writeText(paths.manifest, serializeManifest(manifest))
  const outputsLink = join(paths.staging, 'outputs')
  await ports.files.remove(outputsLink)
  const files = [paths.manifest]
  if (manifest.files.length > 0) {
    await ports.files.linkDir(paths.output, outputsLink)
    files.push(...manifest.files.map((file) => join(outputsLink, file.path)))
  }
  const name = artifactName(manifest.model)
  ports.onPhase?.({ phase: 'upload' })
  ports.logger.info(`Uploading ${name}: ${manifest.files.length} file(s) and ${MANIFEST_FILE}`)
  return ports.artifacts.upload(name, paths.staging, files, {
    retentionDays: request.retentionDays,
    compressionLevel: compressionLevelFor(manifest.files)
  })
}
