import { join, relative } from 'node:path'
import { FsArtifactStore } from '../adapters/local/fs-artifact-store.js'
import { FsCacheStore } from '../adapters/local/fs-cache-store.js'
import { hashTree } from '../adapters/node/hash-files.js'
import { trackingConnector } from '../adapters/mlflow/connect.js'
import { NodeProcessRunner } from '../adapters/node/node-process-runner.js'
import { NodeFileSystem } from '../adapters/node/node-file-system.js'
import { modelTrainingAlone, train } from '../commands/train/train.js'
import { trainsAloneBecause } from '../core/batching.js'
import type { TrainResult } from '../commands/train/train.js'
import type { UserError } from '../errors.js'
import { isUserError } from '../errors.js'
import type { LocalWorkspace } from './local-workspace.js'
import { inParallel } from '../core/in-parallel.js'
import type { TrainingOutcome } from './progress.js'
import { TrainingProgress } from './progress.js'
import type { TrainRun } from '../commands/train/train.js'
import type { ArtifactStore } from '../ports/artifact-store.js'
import type { CacheStore } from '../ports/cache-store.js'
import type { Terminal } from './terminal.js'
import { modelLogger } from './terminal.js'
import { modelsWithUncommittedInputs } from './uncommitted-inputs.js'

export interface TrainingSettings {
  /** At most this many models train at once. */
  jobs: number
  /** The `python` input: an interpreter, or '' for python, then python3. */
  python: string
  /** Stream each training's output to the terminal too. */
  verbose: boolean
  /** A failed model's progress line is followed by the lines of its output that say why (see TrainingProgress). */
  showCause: boolean
}

export interface LocalTraining {
  model: string
  outcome: TrainingOutcome
  /** train()'s result; absent when train() itself stopped (outcome `error`). */
  result?: TrainResult
  /** Why train() itself stopped (outcome `error`): a model.yml or model-ci.yml to fix, a model that does not exist. */
  error?: UserError
}

/**
 * Trains `models` for run `run` (as `trainRun` says in the manifests), at most `settings.jobs` at
 * once, each with its own log file under `.model-ci/logs/<run>/` and the run-cache in
 * `.model-ci/cache/`, uploading to `artifacts` (by default the run's folder in `.model-ci/`; in a
 * GitLab job the project's package registry), with a progress line as each starts, changes phase
 * and ends (see TrainingProgress).
 * A model whose inputs have uncommitted changes trains without the run-cache. A model that fails
 * does not stop the others.
 */
export async function trainLocally(
  workspace: LocalWorkspace,
  terminal: Terminal,
  setup: {
    run: { id: number }
    trainRun: TrainRun
    artifacts?: ArtifactStore
    /** false: every model trains, the run-cache is neither read nor written (default true). */
    runCache?: boolean
    /** Where the run-cache is kept, by default with the local cache in `.model-ci/cache/`. */
    runCacheStore?: CacheStore
    settings: TrainingSettings
    uncommittedFiles: readonly string[]
  },
  models: readonly string[]
): Promise<LocalTraining[]> {
  const progress = new TrainingProgress(terminal, models, { showCause: setup.settings.showCause, verbose: setup.settings.verbose })
  const runner = new NodeProcessRunner()
  const trainRun = setup.trainRun
  const env = environment()
  // The checkout's edits are trained, but the fingerprint that keys the run-cache sees only commits.
  const uncommitted = await modelsWithUncommittedInputs(workspace, models, setup.uncommittedFiles)
  return inParallel(models, setup.settings.jobs, async (model): Promise<LocalTraining> => {
    const logFile = join(workspace.stateDir, 'logs', String(setup.run.id), `${model}.log`)
    const logger = modelLogger(progress.output, model, logFile, { verbose: setup.settings.verbose })
    progress.started(model, relative(process.cwd(), logFile) || logFile)
    let training: LocalTraining
    try {
      const result = await train(
        {
          ...workspace.ports,
          logger,
          runner,
          artifacts: setup.artifacts ?? new FsArtifactStore(workspace.root, setup.run.id, logger),
          cache: new FsCacheStore(workspace.root, logger),
          runCacheStore: setup.runCacheStore,
          hashTree,
          files: new NodeFileSystem(),
          now: () => new Date(),
          tracking: trackingConnector(process.env),
          onPhase: (change) => progress.phase(model, change)
        },
        {
          model,
          configFile: workspace.configFile,
          run: trainRun,
          // Kept from run to run: a venv restored from the cache works only at the path it was made at.
          tempDir: join(workspace.stateDir, 'tmp'),
          interpreter: setup.settings.python,
          pipArgs: [],
          env,
          runCache: setup.runCache !== false && !uncommitted.has(model)
        }
      )
      const failure = result.manifest.failure
      const outcome: TrainingOutcome = failure ? { kind: 'failed', failure } : { kind: 'trained', cacheHit: result.cacheHit, reusedRun: result.cacheHit ? result.manifest.run_id : undefined, uncommitted: uncommitted.has(model) }
      training = { model, outcome, result }
    } catch (error) {
      // A UserError here (a model.yml to fix) leaves this model without a manifest; anything else is a bug.
      if (!isUserError(error)) throw error
      // Into the model's log; the progress line shows it on the terminal.
      logger.info(error.message)
      training = { model, outcome: { kind: 'error', message: error.message }, error }
    } finally {
      logger.close()
    }
    progress.finished(model, training.outcome)
    return training
  })
}

/**
 * How many of `models` train at once: `requested`, at most one per model, and 1 when one of them
 * installs its requirements into the interpreter itself (said in a note: `venv: false`, see
 * trainsAloneBecause). A model-ci.yml to fix is left for the trainings to report.
 */
export async function trainingsAtOnceLocally(workspace: LocalWorkspace, terminal: Terminal, models: readonly string[], requested: number): Promise<number> {
  const wanted = Math.min(requested, models.length)
  if (wanted <= 1) return Math.max(1, wanted)
  const alone = await modelTrainingAlone(workspace.ports, workspace.configFile, models)
  if (alone === undefined) return wanted
  terminal.out(`Note: the models train one at a time, not ${wanted} at once (-j): ${trainsAloneBecause(alone)}`)
  return 1
}

/** The environment the training sees: the CLI's own, as a job's steps see the runner's. */
function environment(): Record<string, string> {
  const env: Record<string, string> = {}
  for (const [name, value] of Object.entries(process.env)) if (value !== undefined) env[name] = value
  return env
}
