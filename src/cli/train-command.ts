import { FsWorkflowRuns } from '../adapters/local/fs-workflow-runs.js'
import { showUntrusted } from '../core/untrusted-text.js'
import { resolveTraining } from '../commands/train/train.js'
import type { TrainRun } from '../commands/train/train.js'
import { isGitLabJob } from '../adapters/gitlab/gitlab-context.js'
import { MODEL_NAME_PATTERN } from '../core/config.js'
import { UserError, isUserError } from '../errors.js'
import type { ArtifactStore } from '../ports/artifact-store.js'
import type { CacheStore } from '../ports/cache-store.js'
import type { CommandLine } from './args.js'
import { UsageError } from './args.js'
import type { LocalTraining } from './local-training.js'
import { trainLocally, trainingsAtOnceLocally } from './local-training.js'
import type { LocalWorkspace } from './local-workspace.js'
import { openLocalWorkspace, prepareStateDir } from './local-workspace.js'
import { localRunContext, trainRunOf, warnIfUncommitted } from './run-context.js'
import type { Terminal } from './terminal.js'
import { terminalLogger } from './terminal.js'

/**
 * `model-ci train MODEL`: one model in a local run of its own, recorded like a workflow_dispatch
 * (so it never stands for a push of the default branch), with its output on the terminal; in a
 * GitLab CI job (GITLAB_CI=true) as a training of the job's pipeline, uploaded to the project's
 * package registry. `model-ci train [-j N] MODEL...`: several models in that one run, N at a time
 * (a GitLab batch job's models), each line of output after its model's name.
 * Returns 1 when a training failed; an error that stops a single model before it trains is thrown for main().
 */
export async function trainCommand(line: Extract<CommandLine, { command: 'train' }>, terminal: Terminal): Promise<number> {
  const workspace = await openLocalWorkspace(line.common.repo, terminalLogger(terminal, { verbose: false }))
  const session = isGitLabJob(process.env) ? await gitlabSession(workspace, line) : await localSession(workspace, line)
  const [single] = line.models
  if (line.models.length === 1) {
    // A model that does not exist or a config to fix is the one line main() prints: checked before
    // anything is said or a run recorded.
    await resolveTraining(workspace.ports, { model: single, configFile: workspace.configFile }).catch((error: unknown) => {
      throw isUserError(error) ? trainError(single, error) : error
    })
  } else {
    // Several: a name the repository does not have is that model's failure, as in a batch job;
    // one that is no model name at all is the command line's mistake.
    const malformed = line.models.find((name) => !MODEL_NAME_PATTERN.test(name))
    if (malformed !== undefined) throw new UsageError(`model-ci train: ${showUntrusted(malformed, 60)} is not a model name (1 to 100 letters, digits, ".", "_" or "-", starting with a letter or digit)`)
  }
  await prepareStateDir(workspace)
  const uncommittedFiles = warnIfUncommitted(workspace)
  const run = await session.begin()
  const atOnce = await trainingsAtOnceLocally(workspace, terminal, line.models, line.jobs)
  terminal.out(`${session.runName(run.id)}: training ${line.models.join(', ')}${atOnce > 1 ? `, ${atOnce} at a time` : ''}`)
  let trained = false
  try {
    // The progress line leaves the cause of a failure to train's error line, printed below, for
    // one model; several have theirs under their progress lines.
    const settings = { jobs: atOnce, python: line.python, verbose: true, showCause: line.models.length > 1 }
    const trainings = await trainLocally(workspace, terminal, { run, trainRun: session.trainRun(run), artifacts: session.artifacts, runCacheStore: session.runCacheStore, settings, uncommittedFiles }, line.models)
    trained = line.models.length === 1 ? showSingle(terminal, trainings[0]) : trainings.every((training) => training.outcome.kind === 'trained')
    if (trained && session.nextStep) terminal.out(session.nextStep(run.id))
  } finally {
    await session.finish(run.id, trained)
  }
  return trained ? 0 : 1
}

/** A single model's result under its progress line; whether it trained. Its train() error is thrown for main(). */
function showSingle(terminal: Terminal, training: LocalTraining): boolean {
  const result = training.result
  if (result) {
    terminal.out(`  version   ${result.manifest.version}`)
    terminal.out(`  artifact  ${result.artifact.name} (id ${result.artifact.id}, ${result.artifact.digest})`)
    const metrics = Object.entries(result.manifest.metrics)
    // Metric names come from the training's output: shown quoted, with their control characters escaped.
    if (metrics.length > 0) terminal.out(`  metrics   ${metrics.map(([name, value]) => `${showUntrusted(name, 100)}: ${value}`).join(', ')}`)
    // train's error starts "model-ci train MODEL: ..." and ends with the cause from the output.
    if (result.error) terminal.err(result.error.message)
  }
  // train() itself stopped (the config was checked above, so a store that failed, or a file
  // changed since): main() tells it and picks the exit status, as it does for every command.
  if (training.error) throw trainError(training.model, training.error)
  return training.outcome.kind === 'trained'
}

/** Where a training's run comes from and its artifact goes: a local run in `.model-ci/`, or the GitLab job's pipeline and packages. */
interface TrainSession {
  begin(): Promise<{ id: number }>
  finish(runId: number, trained: boolean): Promise<void>
  trainRun(run: { id: number }): TrainRun
  /** Undefined: the local run's folder in `.model-ci/`. */
  artifacts?: ArtifactStore
  /** Undefined: the local cache in `.model-ci/cache/`. */
  runCacheStore?: CacheStore
  runName(runId: number): string
  nextStep?: (runId: number) => string
}

/** A local run of its own, recorded like a workflow_dispatch (so it never stands for a push of the default branch). */
async function localSession(workspace: LocalWorkspace, line: Extract<CommandLine, { command: 'train' }>): Promise<TrainSession> {
  const runs = new FsWorkflowRuns(workspace.root)
  const local = await localRunContext(workspace, runs, { models: line.models.join(','), defaultBranch: line.common.defaultBranch })
  return {
    begin: () => runs.begin({ context: local.context, headBranch: local.headBranch, models: line.models }),
    finish: async (runId, trained) => {
      await runs.finish(runId, trained ? 'success' : 'failure')
    },
    trainRun: (run) => trainRunOf(run, local),
    runName: (runId) => `Local run ${runId}`,
    nextStep: (runId) => `Compare it with its baseline: model-ci report --run ${runId}`
  }
}

/** A GitLab CI job: the run is the pipeline, the artifact a package of the project's registry (see gitlab-ports.ts). */
async function gitlabSession(workspace: LocalWorkspace, line: Extract<CommandLine, { command: 'train' }>): Promise<TrainSession> {
  const { openGitLabJob } = await import('./gitlab-ports.js')
  const job = openGitLabJob(workspace, process.env, workspace.ports.logger, { defaultBranch: line.common.defaultBranch })
  return {
    begin: async () => ({ id: job.run.id }),
    finish: async () => {},
    trainRun: () => job.run,
    artifacts: job.adapters.artifacts,
    runCacheStore: job.adapters.runCache,
    runName: (runId) => `GitLab pipeline ${runId} (${job.description})`
  }
}

/** train's error as the one line main() prints, naming the command; the exit status still follows what it is about. */
function trainError(model: string, error: UserError): UserError {
  return new UserError(`model-ci train ${model}: ${error.message}`, { file: error.file, input: error.input, cause: error })
}
