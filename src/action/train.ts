import * as core from '@actions/core'
import { GitHubArtifactStore } from '../adapters/github/artifact-store.js'
import { GitHubBranchHistory } from '../adapters/github/branch-history.js'
import { GitHubCacheStore } from '../adapters/github/cache-store.js'
import { readRunContext, requiredEnv } from '../adapters/github/event-context.js'
import type { CommonInputs } from '../adapters/github/inputs.js'
import { getTrainInputs } from '../adapters/github/inputs.js'
import { createGitHubClient } from '../adapters/github/octokit.js'
import { commandEnv, currentRun } from '../adapters/github/workflow-context.js'
import { trackingConnector } from '../adapters/mlflow/connect.js'
import { GitHubWorkflowRuns } from '../adapters/github/workflow-runs.js'
import { hashTree } from '../adapters/node/hash-files.js'
import { NodeProcessRunner } from '../adapters/node/node-process-runner.js'
import { NodeFileSystem } from '../adapters/node/node-file-system.js'
import { blankStartupEnvironment } from '../adapters/node/startup-environment.js'
import type { CacheOrigin } from '../commands/train/cache-origin.js'
import { train, trainEach } from '../commands/train/train.js'
import type { BatchTraining, TrainPorts, TrainResult, TrainRun } from '../commands/train/train.js'
import { Outputs } from '../constants.js'
import { count } from '../core/report/format.js'
import type { UserError } from '../errors.js'
import type { Checkout } from './checkout.js'
import { openCheckout, withAnnotationPaths } from './checkout.js'

/**
 * GitHub takes up to 1 MiB of job summary per step; a batch's summaries are cut at this many
 * UTF-16 code units (each at most 3 bytes of UTF-8), the rest said in one line.
 */
const SUMMARY_LIMIT = 340_000

/** `command: train` on a GitHub runner: one model of detect's matrix, or a batch of them (`models`). */
export async function runTrainAction(common: CommonInputs): Promise<void> {
  const inputs = getTrainInputs(common)
  // Before anything runs a process: the training (and pip's build steps) must not find the
  // tokens in /proc/<this process>/environ.
  const blanked = blankStartupEnvironment()
  const checkout = await openCheckout(inputs)
  const context = readRunContext(process.env, inputs.defaultBranch)
  const run = { ...runOf(process.env), pullRequest: context.trigger.kind === 'pull_request' ? context.trigger.number : undefined }
  const logger = checkout.ports.logger
  if (!blanked) logger.debug('The environment this process started with could not be blanked; the training can read it in /proc')
  const ports: TrainPorts = {
    ...checkout.ports,
    runner: new NodeProcessRunner(),
    artifacts: new GitHubArtifactStore({ runId: run.id, runAttempt: run.attempt, token: inputs.token, repository: context.repository, logger }),
    cache: new GitHubCacheStore(logger),
    cacheOrigin: run.ref === `refs/heads/${context.defaultBranch}` ? cacheOriginOf(inputs.token, context) : undefined,
    hashTree,
    files: new NodeFileSystem(),
    now: () => new Date(),
    tracking: trackingConnector(process.env)
  }
  const request = {
    configFile: inputs.configFile,
    run,
    tempDir: requiredEnv('RUNNER_TEMP'),
    interpreter: inputs.python,
    pipArgs: inputs.pipArgs,
    retentionDays: inputs.retentionDays,
    env: commandEnv(process.env)
  }
  if (inputs.batch) {
    const trainings = await withAnnotationPaths(checkout, () => trainEach(ports, { ...request, models: inputs.models, jobs: inputs.jobs }))
    await reportBatch(checkout, trainings)
    return
  }
  const result = await withAnnotationPaths(checkout, () => train(ports, { ...request, model: inputs.models[0] }))
  // core.setOutput writes a string as it is and anything else as JSON.
  for (const [name, value] of Object.entries(outputValues(result))) core.setOutput(name, value)
  await core.summary.addRaw(result.summary).write()
  if (result.error) throw result.error
}

const TRAIN_OUTPUTS = [Outputs.Metrics, Outputs.ArtifactName, Outputs.ArtifactId, Outputs.Digest, Outputs.Fingerprint, Outputs.CacheHit]

/** One training's outputs, by output name (TRAIN_OUTPUTS). */
function outputValues(result: TrainResult): Record<string, unknown> {
  return {
    [Outputs.Metrics]: result.manifest.metrics,
    [Outputs.ArtifactName]: result.artifact.name,
    [Outputs.ArtifactId]: result.artifact.id,
    [Outputs.Digest]: result.artifact.digest,
    [Outputs.Fingerprint]: result.manifest.fingerprint,
    [Outputs.CacheHit]: result.cacheHit
  }
}

/**
 * A batch's outputs (each a JSON object by model name, of the models that got as far as an
 * artifact), its models' summaries one after the other, and one error annotation per model that
 * failed; the step fails when any did, after every model has had its turn.
 */
async function reportBatch(checkout: Checkout, trainings: readonly BatchTraining[]): Promise<void> {
  // Every output is set, `{}` when no model got as far as an artifact.
  const outputs: Record<string, Record<string, unknown>> = Object.fromEntries(TRAIN_OUTPUTS.map((name) => [name, {}]))
  let summary = ''
  let unsummarized = 0
  const failed: UserError[] = []
  for (const training of trainings) {
    if ('error' in training) {
      failed.push(training.error)
      continue
    }
    const { result } = training
    if (result.error) failed.push(result.error)
    for (const [name, value] of Object.entries(outputValues(result))) outputs[name][training.model] = value
    if (summary.length + result.summary.length <= SUMMARY_LIMIT) summary += `${result.summary}\n`
    else unsummarized++
  }
  for (const [name, byModel] of Object.entries(outputs)) core.setOutput(name, byModel)
  const outcome = `**${trainings.length - failed.length} of ${count(trainings.length, 'model')} trained${failed.length > 0 ? `, ${failed.length} failed` : ''}.**`
  const cut = unsummarized > 0 ? ` ${count(unsummarized, 'more model')} not summarized here: each model's manifest is in its artifact.` : ''
  await core.summary.addRaw(`${summary}${outcome}${cut}\n`).write()
  for (const error of failed) {
    core.error(error.message, { title: 'model-ci', file: error.file === undefined ? undefined : checkout.annotationPath(error.file) })
  }
  if (failed.length > 0) process.exitCode = 1
}

/**
 * On the default branch, run-cache entries are checked against the runs and artifacts GitHub
 * lists (see cache-origin.ts). Any event counts: a schedule or workflow_dispatch run of the
 * branch shares its cache scope.
 */
function cacheOriginOf(token: string, context: { defaultBranch: string; repository: { owner: string; repo: string } }): CacheOrigin {
  const client = createGitHubClient(token)
  return { branch: context.defaultBranch, runs: new GitHubWorkflowRuns(client, context.repository), history: new GitHubBranchHistory(client, context.repository) }
}

function runOf(env: NodeJS.ProcessEnv): TrainRun {
  const { id, attempt, url } = currentRun(env)
  return {
    id,
    attempt,
    url,
    sha: requiredEnv('GITHUB_SHA', env),
    ref: env.GITHUB_REF ?? '',
    event: env.GITHUB_EVENT_NAME ?? '',
    runnerOs: env.RUNNER_OS || 'Linux'
  }
}
