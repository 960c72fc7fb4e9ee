import * as core from '@actions/core'
import { GitHubArtifactStore } from '../adapters/github/artifact-store.js'
import { GitHubBranchHistory } from '../adapters/github/branch-history.js'
import { GitHubCacheStore } from '../adapters/github/cache-store.js'
import { readRunContext, requiredEnv } from '../adapters/github/event-context.js'
import type { CommonInputs } from '../adapters/github/inputs.js'
import { getTrainInputs } from '../adapters/github/inputs.js'
import { createGitHubClient } from '../adapters/github/octokit.js'
import { runAttempt } from '../adapters/github/workflow-context.js'
import { GitHubWorkflowRuns } from '../adapters/github/workflow-runs.js'
import { hashTree } from '../adapters/node/hash-files.js'
import { NodeProcessRunner } from '../adapters/node/node-process-runner.js'
import { NodeFileSystem } from '../adapters/node/node-file-system.js'
import { blankStartupEnvironment } from '../adapters/node/startup-environment.js'
import type { CacheOrigin } from '../commands/train/cache-origin.js'
import { train } from '../commands/train/train.js'
import type { TrainRun } from '../commands/train/train.js'
import { Outputs } from '../constants.js'
import { openCheckout, withAnnotationPaths } from './checkout.js'

/** `command: train` on a GitHub runner: one model of detect's matrix. */
export async function runTrainAction(common: CommonInputs): Promise<void> {
  const inputs = getTrainInputs(common)
  // Before anything runs a process: the training (and pip's build steps) must not find the
  // tokens in /proc/<this process>/environ.
  const blanked = blankStartupEnvironment()
  const checkout = await openCheckout(inputs)
  const run = runOf(process.env)
  const context = readRunContext(process.env, inputs.defaultBranch)
  const logger = checkout.ports.logger
  if (!blanked) logger.debug('The environment this process started with could not be blanked; the training can read it in /proc')
  const result = await withAnnotationPaths(checkout, () =>
    train(
      {
        ...checkout.ports,
        runner: new NodeProcessRunner(),
        artifacts: new GitHubArtifactStore({ runId: run.id, runAttempt: run.attempt, token: inputs.token, repository: context.repository, logger }),
        cache: new GitHubCacheStore(logger),
        cacheOrigin: run.ref === `refs/heads/${context.defaultBranch}` ? cacheOriginOf(inputs.token, context) : undefined,
        hashTree,
        files: new NodeFileSystem(),
        now: () => new Date()
      },
      {
        model: inputs.model,
        configFile: inputs.configFile,
        run,
        tempDir: requiredEnv('RUNNER_TEMP'),
        interpreter: inputs.python,
        pipArgs: inputs.pipArgs,
        retentionDays: inputs.retentionDays,
        env: definedEnv(process.env)
      }
    )
  )
  core.setOutput(Outputs.Metrics, JSON.stringify(result.manifest.metrics))
  core.setOutput(Outputs.ArtifactName, result.artifact.name)
  core.setOutput(Outputs.ArtifactId, String(result.artifact.id))
  core.setOutput(Outputs.Digest, result.artifact.digest)
  core.setOutput(Outputs.Fingerprint, result.manifest.fingerprint)
  core.setOutput(Outputs.CacheHit, result.cacheHit ? 'true' : 'false')
  await core.summary.addRaw(result.summary).write()
  if (result.error) throw result.error
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
  const { id, attempt } = runAttempt(env)
  return {
    id,
    attempt,
    sha: requiredEnv('GITHUB_SHA', env),
    ref: env.GITHUB_REF ?? '',
    event: env.GITHUB_EVENT_NAME ?? '',
    runnerOs: env.RUNNER_OS || 'Linux'
  }
}

/** The job's environment for the training, without the action's own inputs and tokens. */
function definedEnv(env: NodeJS.ProcessEnv): Record<string, string> {
  const result: Record<string, string> = {}
  for (const [name, value] of Object.entries(env)) {
    if (value !== undefined && !name.startsWith('INPUT_') && name !== 'ACTIONS_RUNTIME_TOKEN' && name !== 'ACTIONS_ID_TOKEN_REQUEST_TOKEN') {
      result[name] = value
    }
  }
  return result
}
